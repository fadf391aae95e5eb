package ai.hyperware.ext.payload;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.msgpack.jackson.dataformat.MessagePackExtensionType;
import org.msgpack.jackson.dataformat.MessagePackGenerator;

/**
 * Writes {@code byte[]} as serde writes {@code Vec<u8>}: an array of small ints, not {@code bin}. Nodes built
 * with rmp-serde before 1.2 cannot read {@code bin} into a {@code Vec<u8>}.
 *
 * <p>Into MessagePack it writes a placeholder that {@link VecU8Splice} turns into the int array once the whole value
 * is written: Jackson's generator would otherwise box every int.
 */
final class ByteArrayAsIntsSerializer extends StdSerializer<byte[]> {

    ByteArrayAsIntsSerializer() {
        super(byte[].class);
    }

    @Override
    public void serialize(byte[] bytes, JsonGenerator out, SerializerProvider provider) throws IOException {
        if (out instanceof MessagePackGenerator msgpack) {
            msgpack.writeExtensionType(new MessagePackExtensionType(VecU8Splice.TYPE, bytes));
            return;
        }
        out.writeStartArray(bytes, bytes.length);
        for (byte b : bytes) {
            out.writeNumber(b & 0xff);
        }
        out.writeEndArray();
    }
}
