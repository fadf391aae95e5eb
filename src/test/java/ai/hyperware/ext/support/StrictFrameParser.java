package ai.hyperware.ext.support;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Parses what a WebSocket client writes, byte by byte, the way a strict server must (RFC 6455 §5), and records every
 * violation instead of guessing past it: FIN and RSV bits, opcodes, the mask bit, minimal length encodings, control
 * frame rules, fragmentation order, close frame payloads (code and UTF-8 reason), UTF-8 of text messages, the node's
 * frame (16 MiB) and message (64 MiB) limits, and anything after the client's close frame.
 *
 * <p>Feed it the bytes after the HTTP upgrade in any chunks; complete messages are handed to the consumer, unmasked.
 * Not thread-safe: one reader feeds it.
 */
public final class StrictFrameParser {

    /** A complete message from the client: its opcode (1 text, 2 binary, 8 close, 9 ping, 10 pong) and payload. */
    public record Message(int opcode, byte[] payload) {
    }

    public static final long MAX_FRAME_BYTES = 16L * 1024 * 1024;
    public static final long MAX_MESSAGE_BYTES = 64L * 1024 * 1024;

    private final Consumer<Message> messages;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final byte[] header = new byte[14];
    private int headerLength;
    private int headerNeeded = 2;
    private byte[] payload;
    private int payloadFilled;
    private final byte[] mask = new byte[4];
    private int opcode;
    private boolean fin;
    /** Opcode of the fragmented data message in progress, or -1. */
    private int fragmentedOpcode = -1;
    private ByteArrayOutputStream fragments;
    private boolean closeSeen;
    private long frames;

    public StrictFrameParser(Consumer<Message> messages) {
        this.messages = messages;
    }

    /** What was wrong, in order; empty for a conforming client. */
    public List<String> violations() {
        return violations;
    }

    /** Frames parsed so far. */
    public long frames() {
        return frames;
    }

    public void feed(byte[] bytes, int offset, int length) {
        int p = offset;
        int end = offset + length;
        while (p < end) {
            if (payload == null) {
                header[headerLength++] = bytes[p++];
                if (headerLength == headerNeeded && headerComplete()) {
                    startPayload();
                }
            } else {
                int n = Math.min(end - p, payload.length - payloadFilled);
                System.arraycopy(bytes, p, payload, payloadFilled, n);
                payloadFilled += n;
                p += n;
            }
            if (payload != null && payloadFilled == payload.length) {
                frameComplete();
            }
        }
    }

    /** Returns true once the whole header (with length and mask) has arrived; asks for more bytes otherwise. */
    private boolean headerComplete() {
        if (headerLength == 2) {
            int length7 = header[1] & 0x7f;
            int extra = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
            headerNeeded = 2 + extra + ((header[1] & 0x80) != 0 ? 4 : 0);
            if (headerNeeded > 2) {
                return false;
            }
        }
        return headerLength == headerNeeded;
    }

    private void startPayload() {
        frames++;
        int b0 = header[0] & 0xff;
        int b1 = header[1] & 0xff;
        fin = (b0 & 0x80) != 0;
        opcode = b0 & 0x0f;
        String at = "frame " + frames + ": ";
        if (closeSeen) {
            violation(at + "a frame after the client's close frame");
        }
        if ((b0 & 0x70) != 0) {
            violation(at + "RSV bits set (" + ((b0 >> 4) & 7) + ") with no extension negotiated");
        }
        if (!(opcode <= 2 || opcode >= 8 && opcode <= 10)) {
            violation(at + "reserved opcode " + opcode);
        }
        boolean masked = (b1 & 0x80) != 0;
        if (!masked) {
            violation(at + "MASK bit clear: a client must mask every frame");
        }
        int length7 = b1 & 0x7f;
        long length = length7;
        if (length7 == 126) {
            length = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
            if (length < 126) {
                violation(at + "16-bit length " + length + " where the 7-bit form fits");
            }
        } else if (length7 == 127) {
            length = ByteBuffer.wrap(header, 2, 8).getLong();
            if (length < 0) {
                violation(at + "64-bit length with the most significant bit set");
            } else if (length <= 0xffff) {
                violation(at + "64-bit length " + length + " where a shorter form fits");
            }
        }
        if (masked) {
            System.arraycopy(header, headerNeeded - 4, mask, 0, 4);
        }
        boolean control = opcode >= 8;
        if (control && !fin) {
            violation(at + "fragmented control frame (opcode " + opcode + ")");
        }
        if (control && length > 125) {
            violation(at + "control frame of " + length + " bytes (at most 125)");
        }
        if (opcode == 0 && fragmentedOpcode < 0) {
            violation(at + "continuation frame outside a fragmented message");
        }
        if ((opcode == 1 || opcode == 2) && fragmentedOpcode >= 0) {
            violation(at + "new data frame inside a fragmented message");
        }
        if (length > MAX_FRAME_BYTES) {
            violation(at + length + " bytes, over the node's 16 MiB frame limit");
        }
        if (length > Integer.MAX_VALUE - 8 || length < 0) {
            throw new IllegalStateException(at + "unparseable length " + length); // nothing sane follows
        }
        payload = new byte[(int) length];
        payloadFilled = 0;
        if (!masked) {
            mask[0] = mask[1] = mask[2] = mask[3] = 0;
        }
    }

    private void frameComplete() {
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i & 3];
        }
        byte[] data = payload;
        payload = null;
        headerLength = 0;
        headerNeeded = 2;
        String at = "frame " + frames + ": ";
        switch (opcode) {
            case 8 -> {
                checkClose(at, data);
                closeSeen = true;
                messages.accept(new Message(8, data));
            }
            case 9, 10 -> messages.accept(new Message(opcode, data));
            case 0, 1, 2 -> dataFrame(at, data);
            default -> { } // reserved, already reported
        }
    }

    private void dataFrame(String at, byte[] data) {
        if (opcode != 0 && fin) {
            deliver(at, opcode, data);
            return;
        }
        if (opcode != 0) {
            fragmentedOpcode = opcode;
            fragments = new ByteArrayOutputStream();
        }
        if (fragments == null) {
            return; // a stray continuation, already reported
        }
        fragments.write(data, 0, data.length);
        if (fragments.size() > MAX_MESSAGE_BYTES) {
            violation(at + "message over the node's 64 MiB limit");
        }
        if (fin) {
            int messageOpcode = fragmentedOpcode;
            byte[] whole = fragments.toByteArray();
            fragments = null;
            fragmentedOpcode = -1;
            deliver(at, messageOpcode, whole);
        }
    }

    private void deliver(String at, int messageOpcode, byte[] data) {
        if (messageOpcode == 1 && !validUtf8(data, 0, data.length)) {
            violation(at + "text message that is not valid UTF-8");
        }
        messages.accept(new Message(messageOpcode, data));
    }

    private void checkClose(String at, byte[] data) {
        if (data.length == 0) {
            return;
        }
        if (data.length == 1) {
            violation(at + "close frame with a 1-byte payload");
            return;
        }
        int code = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
        boolean valid = code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 && code != 1015
                || code >= 3000 && code <= 4999;
        if (!valid) {
            violation(at + "close code " + code + " may not be sent");
        }
        if (!validUtf8(data, 2, data.length - 2)) {
            violation(at + "close reason that is not valid UTF-8");
        }
    }

    private static boolean validUtf8(byte[] data, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private void violation(String what) {
        violations.add(what);
    }
}
