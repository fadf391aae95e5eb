package ai.hyperware.ext.payload;

import java.util.Arrays;

/**
 * One MessagePack value kept as its exact bytes, neither bound nor re-encoded.
 *
 * <p>As a handler parameter it receives the variant's value untouched; as a return value it is written into the
 * reply as it is. The built-in {@code Echo} uses it so that what comes back is byte-identical to what was sent.
 *
 * <pre>{@code
 * @ExtensionHandler("Forward")
 * RawMsgpack forward(RawMsgpack value) { return value; }
 * }</pre>
 *
 * @param bytes exactly one encoded MessagePack value
 */
public record RawMsgpack(byte[] bytes) {

    @Override
    public boolean equals(Object other) {
        return other instanceof RawMsgpack that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RawMsgpack[" + bytes.length + " bytes]";
    }
}
