package ai.hyperware.ext.bench;

/** Sizes and counts as people write them. */
final class Sizes {

    static final int KIB = 1024;
    static final int MIB = 1024 * 1024;

    private Sizes() {
    }

    /** 64 B, 16 KiB, 8 MiB. */
    static String bytes(long size) {
        if (size >= MIB && size % MIB == 0) {
            return size / MIB + " MiB";
        }
        if (size >= KIB && size % KIB == 0) {
            return size / KIB + " KiB";
        }
        return size + " B";
    }

    /** 100k, 1M, 15k, 2,500. */
    static String count(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return String.format("%,d", n);
    }
}
