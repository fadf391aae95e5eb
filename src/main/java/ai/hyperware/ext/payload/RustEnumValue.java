package ai.hyperware.ext.payload;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
 * the type the handler asks for.
 *
 * @param variant the variant name
 * @param value   the encoded value, or {@code null} for a unit variant
 */
public record RustEnumValue(String variant, byte[] value) {

    /** A unit variant, e.g. {@code Req::Ping}. */
    public static RustEnumValue unit(String variant) {
        return new RustEnumValue(variant, null);
    }

    /** A variant with a value that is already MessagePack. */
    public static RustEnumValue of(String variant, byte[] encodedValue) {
        return new RustEnumValue(variant, encodedValue);
    }

    public boolean isUnit() {
        return value == null;
    }

    /** Reads a blob as a Rust enum value. Only the variant's name is decoded; the value is sliced, not parsed. */
    public static RustEnumValue parse(byte[] blob) throws PayloadException {
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
                // a Vec<u8> (Echo's, a Digest's) is checked by a loop made for it; msgpack-java skips an int array
                // one element at a time, which at 8 MiB takes longer than all the rest of a request
                int end = VecU8.end(blob, start);
                if (end < 0) {
                    in.skipValue();
                    end = (int) in.getTotalReadBytes();
                }
                requireEnd(blob, end);
                return of(variant, Arrays.copyOfRange(blob, start, end));
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
        try { // serde refuses a str that is not UTF-8, and so does the extension: no name is guessed
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            throw new PayloadException("the variant name is not valid UTF-8");
        }
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
        byte[] out = new byte[1 + nameLength + value.length];
        out[0] = (byte) 0x81; // a map of one entry
        int p = MsgpackString.writeHeader(out, 1, name.length);
        System.arraycopy(name, 0, out, p, name.length);
        System.arraycopy(value, 0, out, p + name.length, value.length);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RustEnumValue that && variant.equals(that.variant) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * variant.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return isUnit() ? variant : variant + "(" + value.length + " bytes)";
    }
}
