package ai.hyperware.ext.wire;

import java.io.IOException;
import java.math.BigInteger;

import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import ai.hyperware.ext.payload.VecU8;

/**
 * Reads a frame in every form a node may send or a peer may write: the struct as a map (any key order, unknown keys
 * skipped) or as a positional array; the blob as an array of small ints or as {@code bin}; the type field named
 * {@code hyperware_message_type} or {@code kinode_message_type}.
 *
 * <p>Input is untrusted. No allocation is sized from a length header before the header has been checked against the
 * bytes that remain, so an array header claiming four billion elements costs nothing.
 */
public final class FrameDecoder {

    /** The {@code HttpServerAction} variant every extension frame uses. */
    public static final String VARIANT = "WebSocketExtPushData";

    private FrameDecoder() {
    }

    /**
     * Decodes one whole WebSocket message.
     *
     * @throws MalformedFrameException if the bytes are not exactly one well-formed frame; it carries the id when
     *                                 that was read
     */
    public static Frame decode(byte[] bytes) throws MalformedFrameException {
        PartialFrame frame = new PartialFrame(bytes);
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
            frame.in = in;
            frame.readEnvelope();
            if (in.hasNext()) {
                throw new MalformedFrameException((bytes.length - in.getTotalReadBytes())
                        + " trailing bytes after the frame");
            }
            return frame.toFrame();
        } catch (MalformedFrameException e) {
            throw frame.withWhatWasRead(e.getMessage(), e.getCause());
        } catch (IOException | MessagePackException | ArithmeticException e) {
            throw frame.withWhatWasRead("not a MessagePack frame: " + e.getMessage(), e);
        }
    }

    /** What has been read so far; the fields stay null until read. */
    private static final class PartialFrame {
        private final byte[] source;
        private final long length;
        private MessageUnpacker in;
        private Long id;
        private MessageType type;
        private TypeFieldName typeFieldName;
        private FrameLayout layout;
        private byte[] blob;

        PartialFrame(byte[] source) {
            this.source = source;
            this.length = source.length;
        }

        void readEnvelope() throws IOException, MalformedFrameException {
            if (in.getNextFormat().getValueType() != ValueType.MAP || in.unpackMapHeader() != 1) {
                throw new MalformedFrameException("expected a one-entry map keyed \"" + VARIANT + "\"");
            }
            String variant = readString("the variant name");
            if (!VARIANT.equals(variant)) {
                throw new MalformedFrameException("unsupported variant " + InputText.quote(variant)
                        + " (expected " + VARIANT + ")");
            }
            ValueType shape = in.getNextFormat().getValueType();
            if (shape == ValueType.MAP) {
                layout = FrameLayout.NAMED;
                readNamedFields();
            } else if (shape == ValueType.ARRAY) {
                layout = FrameLayout.POSITIONAL;
                readPositionalFields();
            } else {
                throw new MalformedFrameException(VARIANT + " must be a map or an array, not " + shape);
            }
        }

        private void readNamedFields() throws IOException, MalformedFrameException {
            int entries = in.unpackMapHeader();
            requireRemaining(2L * entries, "a map", entries, "entries");
            for (int i = 0; i < entries; i++) {
                String key = readString("a field name");
                switch (key) {
                    case "id" -> {
                        requireUnset(id, key);
                        id = readId();
                    }
                    case "blob" -> {
                        requireUnset(blob, key);
                        blob = readBlob();
                    }
                    default -> {
                        TypeFieldName name = TypeFieldName.fromFieldName(key);
                        if (name == null) {
                            in.skipValue(); // serde ignores unknown fields; so do we
                        } else {
                            requireUnset(type, "the message type");
                            typeFieldName = name;
                            type = MessageType.fromWireName(readString("the message type"));
                        }
                    }
                }
            }
            if (id == null || type == null || blob == null) {
                throw new MalformedFrameException("missing field: " + (id == null ? "id"
                        : type == null ? "hyperware_message_type" : "blob"));
            }
        }

        private void readPositionalFields() throws IOException, MalformedFrameException {
            int fields = in.unpackArrayHeader();
            if (fields != 3) {
                throw new MalformedFrameException("a positional " + VARIANT + " has 3 fields, not " + fields);
            }
            id = readId();
            type = MessageType.fromWireName(readString("the message type"));
            blob = readBlob();
        }

        private long readId() throws IOException, MalformedFrameException {
            MessageFormat format = in.getNextFormat();
            if (format.getValueType() != ValueType.INTEGER) {
                throw new MalformedFrameException("id must be an unsigned integer, not " + format.getValueType());
            }
            if (format == MessageFormat.UINT64) {
                return in.unpackBigInteger().longValue(); // the low 64 bits: an unsigned id in a long
            }
            long value = in.unpackLong();
            if (value < 0) {
                throw new MalformedFrameException("id must be unsigned, got " + value);
            }
            return value;
        }

        private byte[] readBlob() throws IOException, MalformedFrameException {
            MessageFormat format = in.getNextFormat();
            switch (format.getValueType()) {
                case ARRAY -> {
                    int size = in.unpackArrayHeader();
                    requireRemaining(size, "a blob", size, "ints");
                    byte[] bytes = new byte[size];
                    int read = VecU8.decodeInts(source, (int) in.getTotalReadBytes(), size, bytes);
                    if (read >= 0) {
                        in.readPayloadAsReference(read); // the fast path read them; move past them
                        return bytes;
                    }
                    for (int i = 0; i < size; i++) {
                        bytes[i] = readBlobByte(i); // some ints in wider forms, which serde accepts too
                    }
                    return bytes;
                }
                case BINARY -> {
                    int size = in.unpackBinaryHeader();
                    requireRemaining(size, "a bin blob", size, "bytes");
                    return in.readPayload(size);
                }
                default -> throw new MalformedFrameException("blob must be an array of ints or bin, not "
                        + format.getValueType());
            }
        }

        private byte readBlobByte(int index) throws IOException, MalformedFrameException {
            MessageFormat format = in.getNextFormat();
            if (format == MessageFormat.POSFIXINT || format == MessageFormat.UINT8) {
                return (byte) in.unpackInt();
            }
            if (format.getValueType() == ValueType.INTEGER) {
                BigInteger value = in.unpackBigInteger();
                if (value.signum() >= 0 && value.bitLength() <= 8) {
                    return value.byteValue();
                }
                throw new MalformedFrameException("blob[" + index + "] = " + value + " is not a byte");
            }
            throw new MalformedFrameException("blob[" + index + "] is " + format.getValueType() + ", not an int");
        }

        private String readString(String what) throws IOException, MalformedFrameException {
            MessageFormat format = in.getNextFormat();
            if (format.getValueType() != ValueType.STRING) {
                throw new MalformedFrameException(what + " must be a string, not " + format.getValueType());
            }
            int size = in.unpackRawStringHeader();
            requireRemaining(size, what, size, "bytes");
            return new String(in.readPayload(size), java.nio.charset.StandardCharsets.UTF_8);
        }

        /**
         * Every element needs at least one byte, so a count larger than what remains is a lie. The message ("a blob
         * of 5 ints cannot fit...") is put together only when it is thrown: this runs for every field of every frame.
         */
        private void requireRemaining(long atLeast, String what, int count, String unit)
                throws MalformedFrameException {
            long remaining = length - in.getTotalReadBytes();
            if (atLeast < 0 || atLeast > remaining) {
                throw new MalformedFrameException(what + " of " + Integer.toUnsignedString(count) + " " + unit
                        + " cannot fit in the " + remaining + " bytes that remain");
            }
        }

        private static void requireUnset(Object value, String field) throws MalformedFrameException {
            if (value != null) {
                throw new MalformedFrameException("duplicate field: " + field);
            }
        }

        Frame toFrame() {
            return new Frame(id, type, blob, typeFieldName == null ? TypeFieldName.HYPERWARE : typeFieldName, layout);
        }

        MalformedFrameException withWhatWasRead(String message, Throwable cause) {
            return new MalformedFrameException(message, cause, id, type, typeFieldName, layout);
        }
    }
}
