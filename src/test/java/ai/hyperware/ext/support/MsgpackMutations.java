package ai.hyperware.ext.support;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Small random edits to MessagePack bytes, biased towards what breaks readers: bytes that are length headers, and
 * inserted headers that claim far more elements or bytes than any input here holds. Seeded by the caller's
 * {@link Random}, so that a failing case can be replayed from its seed.
 */
public final class MsgpackMutations {

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Length headers that claim far more than any input here holds: arrays, maps, str and bin of up to 4 GB, and of
     * 48 MiB, below the 64 MiB up to which msgpack-core allocates a payload whole before reading it.
     */
    private static final byte[][] LYING_HEADERS = {
        HEX.parseHex("dd7fffffff"), HEX.parseHex("dd0fffffff"), HEX.parseHex("dcffff"), HEX.parseHex("df7fffffff"),
        HEX.parseHex("c67fffffff"), HEX.parseHex("db0fffffff"), HEX.parseHex("da7fff"), HEX.parseHex("ddfffffff0"),
        HEX.parseHex("db03000000"), HEX.parseHex("c603000000"), HEX.parseHex("dd03000000"), HEX.parseHex("df03000000"),
    };

    /** Type bytes that start something large or unusual: array32, array16, str32, bin32, map32, fixint -1, u64, i64. */
    private static final byte[] HEADER_BYTES = {(byte) 0xdd, (byte) 0xdc, (byte) 0xdb, (byte) 0xc6, (byte) 0xdf,
        (byte) 0xff, (byte) 0xcf, (byte) 0xd3};

    private MsgpackMutations() {
    }

    /** One to four edits anywhere: overwrite a byte, write a header byte, truncate, or insert a lying header. */
    public static byte[] mutate(byte[] original, Random random) {
        return mutateFrom(original, 0, random);
    }

    /**
     * As {@link #mutate}, but leaves the first {@code keep} bytes as they are, e.g. a frame's envelope and id, so
     * that the reader still learns the id before it meets the damage.
     */
    public static byte[] mutateFrom(byte[] original, int keep, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > keep; e++) {
            int at = keep + random.nextInt(bytes.length - keep);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = HEADER_BYTES[random.nextInt(HEADER_BYTES.length)];
                case 2 -> bytes = Arrays.copyOf(bytes, at); // truncate
                default -> bytes = insert(bytes, at, LYING_HEADERS[random.nextInt(LYING_HEADERS.length)]);
            }
        }
        return bytes;
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] longer = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, longer, 0, at);
        System.arraycopy(inserted, 0, longer, at, inserted.length);
        System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
        return longer;
    }
}
