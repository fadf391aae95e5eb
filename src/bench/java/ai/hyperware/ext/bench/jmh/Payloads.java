package ai.hyperware.ext.bench.jmh;

import java.util.Random;

/** Benchmark inputs: random bytes (half of them 0x80 or more, as in binary data) or ASCII text (none). */
final class Payloads {

    private Payloads() {
    }

    static byte[] of(String content, int size) {
        byte[] bytes = new byte[size];
        Random random = new Random(size);
        if (content.equals("random")) {
            random.nextBytes(bytes);
        } else {
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) (' ' + random.nextInt(95));
            }
        }
        return bytes;
    }
}
