package ai.hyperware.ext.payload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * A Rust enum value as {@code rmp_serde} writes it: a unit variant is its name as a string ({@code "Ping"}), any
 * other variant a one-entry map from its name to its value ({@code {"Echo": x}}).
 *
 * <p>The value is kept as raw MessagePack bytes: routing needs only the name, and binding reads the bytes once, into
 * the type the handler asks for. A parsed value is a view of the blob it came from, copied only if
 * {@link #value()} is asked for; a value that is a {@code Vec<u8>} (Echo's, a digest's input) is decoded while it is
 * checked, in the same pass, so that binding it to a {@code byte[]} reads nothing again.
 */
public final class RustEnumValue {

    private final String variant;
    /** The array the value lies in, from {@code start} to {@code end}; null for a unit variant. */
    private final byte[] source;
    private final int start;
    private final int end;
    /** The value decoded as a {@code Vec<u8>}, when it is one; read by {@link ValueReader}. */
    private final byte[] vecU8;
    /** The value copied out of {@code source}, once asked for; volatile, so that a copy is seen whole. */
    private volatile byte[] value;

    private RustEnumValue(String variant, byte[] source, int start, int end, byte[] vecU8) {
        this.variant = Objects.requireNonNull(variant, "variant");
        this.source = source;
        this.start = start;
        this.end = end;
        this.vecU8 = vecU8;
        if (source != null && start == 0 && end == source.length) {
            this.value = source;
        }
    }

    /** A unit variant, e.g. {@code Req::Ping}. */
    public static RustEnumValue unit(String variant) {
        return new RustEnumValue(variant, null, 0, 0, null);
    }

    /** A variant with a value that is already MessagePack. */
    public static RustEnumValue of(String variant, byte[] encodedValue) {
        return new RustEnumValue(variant, encodedValue, 0, encodedValue.length, null);
    }

    /** The variant name. */
    public String variant() {
        return variant;
    }

    /** The encoded value, or {@code null} for a unit variant. */
    public byte[] value() {
        if (value == null && source != null) {
            value = Arrays.copyOfRange(source, start, end); // two threads may both copy: the same bytes
        }
        return value;
    }

    public boolean isUnit() {
        return source == null;
    }

    /** The value decoded as a {@code Vec<u8>} when the parse found one, else {@code null}. */
    byte[] decodedVecU8() {
        return vecU8;
    }

    /** Reads a blob as a Rust enum value. Only the variant's name is decoded; the value is checked, not parsed. */
    public static RustEnumValue parse(byte[] blob) throws PayloadException {
        return parse(blob, variant -> false);
    }

    /**
     * Reads a blob as a Rust enum value, and decodes a {@code Vec<u8>} value at once, in the pass that checks it,
     * for the variants {@code decodeVecU8} names: those whose handler binds the value to a {@code byte[]}, which then
     * reads nothing again. Other values are only checked (decoding them would be wasted on a handler that takes
     * {@link RawMsgpack}).
     */
    public static RustEnumValue parse(byte[] blob, Predicate<String> decodeVecU8) throws PayloadException {
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(blob)) {
            if (!in.hasNext()) {
                throw new PayloadException(
                        "empty blob: expected a variant name or a one-entry map {\"Variant\": value}");
            }
            MessageFormat format = in.getNextFormat();
            if (format == MessageFormat.NEVER_USED) {
                throw new PayloadException("not MessagePack: starts with 0xc1, a byte MessagePack never uses");
            }
            if (format.getValueType() == ValueType.STRING) {
                String variant = readName(in, blob);
                requireEnd(blob, in.getTotalReadBytes());
                return unit(variant);
            }
            if (format.getValueType() == ValueType.MAP && in.unpackMapHeader() == 1
                    && in.getNextFormat().getValueType() == ValueType.STRING) {
                String variant = readName(in, blob);
                int start = (int) in.getTotalReadBytes();
                // a Vec<u8> (Echo's, a digest's input) is checked and decoded by one loop made for it; msgpack-java
                // skips an int array one element at a time, which at 8 MiB takes longer than all the rest of a request
                byte[] bytes = decodeVecU8.test(variant) ? VecU8.decodeToEnd(blob, start) : null;
                if (bytes != null) {
                    return new RustEnumValue(variant, blob, start, blob.length, bytes);
                }
                int end = VecU8.end(blob, start);
                if (end < 0) {
                    in.skipValue();
                    end = (int) in.getTotalReadBytes();
                }
                requireEnd(blob, end);
                return new RustEnumValue(variant, blob, start, end, null);
            }
            throw new PayloadException("expected a Rust enum: a variant name or a one-entry map {\"Variant\": value},"
                    + " got " + format.getValueType());
        } catch (MessageInsufficientBufferException e) {
            throw new PayloadException("not MessagePack: the blob's " + blob.length + " bytes end in the middle of a "
                    + "value (a header promises more than follows)", e);
        } catch (IOException | MessagePackException e) {
            throw new PayloadException("not MessagePack: " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()), e);
        }
    }

    private static void requireEnd(byte[] blob, long end) throws PayloadException {
        if (end != blob.length) {
            throw new PayloadException("trailing bytes after the enum value");
        }
    }

    private static String readName(MessageUnpacker in, byte[] blob) throws IOException, PayloadException {
        int size = in.unpackRawStringHeader();
        if (size < 0 || size > blob.length - in.getTotalReadBytes()) {
            throw new PayloadException("variant name longer than the blob");
        }
        byte[] name = in.readPayload(size);
        if (isAscii(name)) { // every Rust identifier in practice: valid UTF-8 as it is, no decoder needed
            return new String(name, StandardCharsets.US_ASCII);
        }
        try { // serde refuses a str that is not UTF-8, and so does the extension: no name is guessed
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            throw new PayloadException("the variant name is not valid UTF-8");
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The encoded blob, written in one exact allocation. */
    public byte[] toBytes() {
        byte[] name = variant.getBytes(StandardCharsets.UTF_8);
        int nameLength = MsgpackString.encodedLength(name.length);
        if (isUnit()) {
            byte[] out = new byte[nameLength];
            System.arraycopy(name, 0, out, MsgpackString.writeHeader(out, 0, name.length), name.length);
            return out;
        }
        byte[] out = new byte[1 + nameLength + end - start];
        out[0] = (byte) 0x81; // a map of one entry
        int p = MsgpackString.writeHeader(out, 1, name.length);
        System.arraycopy(name, 0, out, p, name.length);
        System.arraycopy(source, start, out, p + name.length, end - start);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RustEnumValue that) || !variant.equals(that.variant) || isUnit() != that.isUnit()) {
            return false;
        }
        return isUnit() || Arrays.equals(source, start, end, that.source, that.start, that.end);
    }

    @Override
    public int hashCode() {
        return 31 * variant.hashCode() + (isUnit() ? 0 : Arrays.hashCode(value()));
    }

    @Override
    public String toString() {
        return isUnit() ? variant : variant + "(" + (end - start) + " bytes)";
    }
}
