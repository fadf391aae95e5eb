package ai.hyperware.ext.payload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
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
            RustEnumValue parsed = parseFrom(in, blob);
            if (in.hasNext()) {
                throw new PayloadException("trailing bytes after the enum value");
            }
            return parsed;
        } catch (IOException | MessagePackException e) {
            throw new PayloadException("not MessagePack: " + e.getMessage(), e);
        }
    }

    private static RustEnumValue parseFrom(MessageUnpacker in, byte[] blob) throws IOException, PayloadException {
        if (!in.hasNext()) {
            throw new PayloadException("empty blob: expected a variant name or a one-entry map {\"Variant\": value}");
        }
        MessageFormat format = in.getNextFormat();
        if (format == MessageFormat.NEVER_USED) {
            throw new PayloadException("not MessagePack: starts with 0xc1, a byte MessagePack never uses");
        }
        if (format.getValueType() == ValueType.STRING) {
            return unit(readName(in, blob));
        }
        if (format.getValueType() == ValueType.MAP && in.unpackMapHeader() == 1
                && in.getNextFormat().getValueType() == ValueType.STRING) {
            String variant = readName(in, blob);
            int start = (int) in.getTotalReadBytes();
            in.skipValue();
            return of(variant, Arrays.copyOfRange(blob, start, (int) in.getTotalReadBytes()));
        }
        throw new PayloadException("expected a Rust enum: a variant name or a one-entry map {\"Variant\": value}, got "
                + format.getValueType());
    }

    private static String readName(MessageUnpacker in, byte[] blob) throws IOException, PayloadException {
        int size = in.unpackRawStringHeader();
        if (size < 0 || size > blob.length - in.getTotalReadBytes()) {
            throw new PayloadException("variant name longer than the blob");
        }
        return new String(in.readPayload(size), StandardCharsets.UTF_8);
    }

    /** The encoded blob. */
    public byte[] toBytes() {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            if (isUnit()) {
                out.packString(variant);
            } else {
                out.packMapHeader(1).packString(variant).writePayload(value);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
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
