package ai.hyperware.ext.payload;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Rust's {@code Vec<u8>} as serde writes it in MessagePack: an array of small ints, each byte below 0x80 as a
 * positive fixint and each other byte as {@code cc XX}.
 *
 * <p>These loops exist because the frame blob and every {@code byte[]} payload take this form, at up to 64 MiB:
 * going through a general MessagePack API one int at a time costs tens of nanoseconds per byte. Here eight bytes
 * that are all below 0x80 (text, small numbers) are copied as one {@code long}; other bytes take a loop without
 * data-dependent branches, since in binary data the next byte is as likely to be high as low and a mispredicted
 * branch per byte costs more than the work. Anything off the fast path (an int written in a wider form, which serde
 * accepts too) is left to the caller's general decoder.
 */
public final class VecU8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final byte[] NO_PREFIX = {};
    private static final int UINT8 = 0xcc;

    private VecU8() {
    }

    /** The whole encoding: array header, then the ints. */
    public static byte[] encode(byte[] bytes) {
        return encodeAfter(NO_PREFIX, bytes);
    }

    /**
     * {@code prefix}, then the whole encoding, in one array: how a reply's bytes are written inside
     * {@code {"Ok": ...}} without being copied there afterwards.
     */
    public static byte[] encodeAfter(byte[] prefix, byte[] bytes) {
        long length = encodedLength(bytes);
        if (prefix.length + length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a Vec<u8> of " + bytes.length + " bytes encodes to " + length
                    + " bytes, more than an array can hold");
        }
        byte[] out = new byte[prefix.length + (int) length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        new Writer(bytes).writeNext(out, prefix.length, (int) length);
        return out;
    }

    /** The exact size of {@link #encode}'s result, computed without encoding. */
    public static long encodedLength(byte[] bytes) {
        return headerLength(bytes.length) + (long) bytes.length + countHigh(bytes);
    }

    /**
     * The encoding of one {@code byte[]}, written a piece at a time into buffers of any size, so that a reply goes
     * straight into the pooled buffers that carry it to the socket instead of into an array of its own first. A piece
     * may end between a {@code cc} marker and its value; the next piece starts with the value.
     *
     * <p>Not thread-safe; one writer per encoding, and a new one to write it again.
     */
    public static final class Writer {

        private final byte[] bytes;
        private final byte[] header = new byte[5];
        private final int headerLength;
        private int headerWritten;
        /** The next byte to encode. */
        private int next;
        /** Whether the marker of {@code bytes[next]} has been written and its value not yet. */
        private boolean valuePending;

        public Writer(byte[] bytes) {
            this.bytes = bytes;
            this.headerLength = writeArrayHeader(header, 0, bytes.length);
        }

        /** Whether the whole encoding has been written. */
        public boolean finished() {
            return headerWritten == headerLength && next == bytes.length && !valuePending;
        }

        /**
         * Writes exactly the next {@code count} bytes of the encoding into {@code out} at {@code offset}; nothing
         * outside those bytes is touched.
         *
         * @throws IllegalStateException if fewer than {@code count} bytes of the encoding remain
         */
        public void writeNext(byte[] out, int offset, int count) {
            int p = offset;
            int end = p + count;
            while (headerWritten < headerLength && p < end) {
                out[p++] = header[headerWritten++];
            }
            if (valuePending && p < end) {
                out[p++] = bytes[next++];
                valuePending = false;
            }
            int i = next;
            int n = bytes.length;
            // a step writes at most sixteen bytes (eight high ones) and keeps within this piece; a step may write
            // past what it encodes, and the next step (or the loop below) overwrites that before the piece ends
            while (i + 8 <= n && p + 16 <= end) {
                long word = (long) LONGS.get(bytes, i);
                long highBits = word & HIGH_BITS;
                if (highBits == 0) {
                    LONGS.set(out, p, word);
                    p += 8;
                } else {
                    // four bytes become at most eight (each high one gains a cc before it): one long, whose layout
                    // a table gives for the four bytes' high-bit pattern; no byte waits on another
                    int high = (int) ((highBits * GATHER_HIGH_BITS) >>> 56);
                    p = expandHalf(word, high & 15, out, p);
                    p = expandHalf(word >>> 32, high >>> 4, out, p);
                }
                i += 8;
            }
            while (i < n && p < end) {
                byte b = bytes[i];
                if (b >= 0) {
                    out[p++] = b;
                    i++;
                } else {
                    out[p++] = (byte) UINT8;
                    if (p < end) {
                        out[p++] = b;
                        i++;
                    } else {
                        valuePending = true; // the piece ends between the marker and its value
                    }
                }
            }
            next = i;
            if (p != end) {
                throw new IllegalStateException("asked for " + count + " bytes, and only " + (count - (end - p))
                        + " of the encoding remained");
            }
        }
    }

    /**
     * Writes the encoding of the low four bytes of {@code half}, whose high bits are {@code pattern}, as one long at
     * {@code p} (the bytes past the encoding are overwritten by what follows); returns the offset past the encoding.
     */
    private static int expandHalf(long half, int pattern, byte[] out, int p) {
        int shifts = EXPAND_SHIFTS[pattern];
        long expanded = EXPAND_MARKERS[pattern]
                | (half & 0xff) << (shifts & 0xff)
                | (half >>> 8 & 0xff) << (shifts >>> 8 & 0xff)
                | (half >>> 16 & 0xff) << (shifts >>> 16 & 0xff)
                | (half >>> 24 & 0xff) << (shifts >>> 24);
        LONGS.set(out, p, expanded);
        return p + 4 + Integer.bitCount(pattern);
    }

    private static long countHigh(byte[] bytes) {
        long high = 0;
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            high += Long.bitCount((long) LONGS.get(bytes, i) & HIGH_BITS);
        }
        for (; i < bytes.length; i++) {
            high += bytes[i] >>> 31;
        }
        return high;
    }

    private static int headerLength(int n) {
        return n < 16 ? 1 : n < 65536 ? 3 : 5;
    }

    private static int writeArrayHeader(byte[] out, int p, int n) {
        if (n < 16) {
            out[p] = (byte) (0x90 | n);
            return p + 1;
        }
        if (n < 65536) {
            out[p] = (byte) 0xdc;
            out[p + 1] = (byte) (n >>> 8);
            out[p + 2] = (byte) n;
            return p + 3;
        }
        out[p] = (byte) 0xdd;
        out[p + 1] = (byte) (n >>> 24);
        out[p + 2] = (byte) (n >>> 16);
        out[p + 3] = (byte) (n >>> 8);
        out[p + 4] = (byte) n;
        return p + 5;
    }

    /**
     * Reads a whole encoded {@code Vec<u8>} (array header and ints) when it is in the common form.
     *
     * @return the bytes, or {@code null} when anything is off the fast path, for a general decoder to read or refuse
     */
    public static byte[] decode(byte[] encoded) {
        return decodeToEnd(encoded, 0);
    }

    /**
     * Reads the encoded {@code Vec<u8>} that starts at {@code offset} and takes up the rest of {@code source}, when
     * it is in the common form: checking it and decoding it are one pass.
     *
     * @return the bytes, or {@code null} when anything is off the fast path or the array ends before the source does
     */
    public static byte[] decodeToEnd(byte[] source, int offset) {
        int count = arrayCount(source, offset);
        if (count < 0) {
            return null;
        }
        int start = offset + headerLengthAt(source, offset);
        if (count > source.length - start) {
            return null; // let the general path produce the error
        }
        byte[] bytes = new byte[count];
        int read = decodeInts(source, start, count, bytes);
        return read >= 0 && start + read == source.length ? bytes : null;
    }

    /**
     * The offset just past the {@code Vec<u8>} that starts at {@code offset} in {@code source}, if it is one in the
     * common form; it is checked as thoroughly as {@link #decode} checks it, without building the bytes.
     *
     * @return the end offset, or -1 if what starts there is anything else (or is cut short)
     */
    public static int end(byte[] source, int offset) {
        int count = arrayCount(source, offset);
        return count < 0 ? -1 : scan(source, offset + headerLengthAt(source, offset), count, null);
    }

    /** The length of the array header at {@code offset}, whose form {@link #arrayCount} has accepted. */
    private static int headerLengthAt(byte[] source, int offset) {
        int head = source[offset] & 0xff;
        return head == 0xdc ? 3 : head == 0xdd ? 5 : 1; // a writer may use a wider form than needed
    }

    /** The element count of an array header at {@code offset}, or -1 if there is no array header there. */
    private static int arrayCount(byte[] source, int offset) {
        int remaining = source.length - offset;
        if (remaining < 1) {
            return -1;
        }
        int head = source[offset] & 0xff;
        if ((head & 0xf0) == 0x90) {
            return head & 0x0f;
        }
        if (head == 0xdc && remaining >= 3) {
            return (source[offset + 1] & 0xff) << 8 | source[offset + 2] & 0xff;
        }
        if (head == 0xdd && remaining >= 5) {
            int count = (source[offset + 1] & 0xff) << 24 | (source[offset + 2] & 0xff) << 16
                    | (source[offset + 3] & 0xff) << 8 | source[offset + 4] & 0xff;
            return count; // a count of 2^31 or more reads as negative: not ours to handle
        }
        return -1;
    }

    /**
     * Reads {@code count} ints from {@code source} at {@code offset}, if all are in the two common forms.
     *
     * @param into where the bytes go; its length is at least {@code count}. When -1 is returned it may hold anything.
     * @return the number of source bytes read, or -1 if an element is in another form or the source ends first
     */
    public static int decodeInts(byte[] source, int offset, int count, byte[] into) {
        int end = scan(source, offset, count, into);
        return end < 0 ? -1 : end - offset;
    }

    /**
     * Walks {@code count} ints from {@code offset}, storing the bytes in {@code into} unless it is null (to find
     * the end only; the test is the same on every pass, so the compiler takes it out of the loop).
     *
     * <p>Eight source bytes at a time: which of them are high (the {@code cc} markers and the values after them) is
     * read off the word at once, and a table says, for that pattern and for whether the word starts in the middle of
     * a pair, which bytes are markers to drop and whether the word ends in the middle of a pair. The source advances
     * eight bytes per step whatever the data, so the next load never waits for this one's result; a loop that
     * advanced by one or two bytes depending on each byte it read could not start a load before the previous one
     * came back, and ran at a few cycles per byte on random data.
     *
     * @return the offset just past the last int, or -1
     */
    private static int scan(byte[] source, int offset, int count, byte[] into) {
        int p = offset;
        int end = source.length;
        int i = 0;
        int carry = 0; // 1 while the next byte is the value of a marker already seen
        // each step yields at most eight ints and reads eight bytes: stop while both still fit
        while (i + 8 <= count && p + 8 <= end) {
            long word = (long) LONGS.get(source, p);
            if ((word & HIGH_BITS) == 0 && carry == 0) { // eight small ints: text, small numbers
                if (into != null) {
                    LONGS.set(into, i, word);
                }
                i += 8;
                p += 8;
                continue;
            }
            int high = (int) (((word & HIGH_BITS) * GATHER_HIGH_BITS) >>> 56);
            int step = STEPS[carry << 8 | high];
            if ((step & STEP_INVALID) != 0 || ((word ^ MARKERS) & MARKER_BYTES[step >>> 8 & 0xff]) != 0) {
                break; // a small int written as cc XX, or no cc where a marker must be: the loop below decides
            }
            int keep = step & 0xff;
            if (into != null) {
                for (int k = 0; k < 8; k++) {
                    // a dropped marker is written where the next kept byte will overwrite it
                    into[i + Integer.bitCount(keep & ((1 << k) - 1))] = (byte) (word >>> (k << 3));
                }
            }
            i += Integer.bitCount(keep);
            carry = step >>> 16 & 1;
            p += 8;
        }
        if (carry != 0) {
            p--; // the last word ended on a marker: let the loop below read that pair whole
        }
        for (; i < count; i++) {
            if (p >= end) {
                return -1;
            }
            byte b = source[p];
            int next = b >= 0 ? p + 1 : b == (byte) UINT8 && p + 1 < end ? p + 2 : -1;
            if (next < 0) {
                return -1;
            }
            if (into != null) {
                into[i] = source[next - 1];
            }
            p = next;
        }
        return p;
    }

    /** Bit k is the high bit of byte k of a little-endian word, once the word is masked to its high bits. */
    private static final long GATHER_HIGH_BITS = 0x0002_0408_1020_4081L;
    private static final long MARKERS = 0xcccc_cccc_cccc_ccccL;
    private static final int STEP_INVALID = 1 << 17;
    /** For (carry in, high-byte pattern): the bytes to keep, the markers, the carry out, and whether it is invalid. */
    private static final int[] STEPS = new int[512];
    /** For a marker pattern: 0xff in each marker byte, to check that every marker is cc. */
    private static final long[] MARKER_BYTES = new long[256];
    /** For four bytes' high-bit pattern: the bit shift of each byte in its encoding, one per byte of the int. */
    private static final int[] EXPAND_SHIFTS = new int[16];
    /** For four bytes' high-bit pattern: the cc markers of their encoding, in place. */
    private static final long[] EXPAND_MARKERS = new long[16];

    static {
        for (int pattern = 0; pattern < 16; pattern++) {
            int at = 0;
            for (int k = 0; k < 4; k++) {
                if ((pattern >>> k & 1) != 0) {
                    EXPAND_MARKERS[pattern] |= (long) UINT8 << (at << 3);
                    at++;
                }
                EXPAND_SHIFTS[pattern] |= (at << 3) << (k << 3);
                at++;
            }
        }
        for (int carryIn = 0; carryIn < 2; carryIn++) {
            for (int high = 0; high < 256; high++) {
                boolean expectValue = carryIn == 1;
                int keep = 0;
                int markers = 0;
                boolean invalid = false;
                for (int k = 0; k < 8; k++) {
                    boolean isHigh = (high >>> k & 1) != 0;
                    if (expectValue) {
                        invalid |= !isHigh; // cc then a low byte: serde reads it, but it is not ours to take here
                        keep |= 1 << k;
                        expectValue = false;
                    } else if (isHigh) {
                        markers |= 1 << k;
                        expectValue = true;
                    } else {
                        keep |= 1 << k;
                    }
                }
                STEPS[carryIn << 8 | high] = keep | markers << 8 | (expectValue ? 1 : 0) << 16
                        | (invalid ? STEP_INVALID : 0);
            }
        }
        for (int markers = 0; markers < 256; markers++) {
            long bytes = 0;
            for (int k = 0; k < 8; k++) {
                if ((markers >>> k & 1) != 0) {
                    bytes |= 0xffL << (k << 3);
                }
            }
            MARKER_BYTES[markers] = bytes;
        }
    }
}
