package ai.hyperware.ext.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.jackson.dataformat.MessagePackExtensionType;

/**
 * {@code byte[]} inside other values goes through Jackson as a placeholder and is spliced in as a Vec&lt;u8&gt;
 * afterwards ({@link VecU8Splice}); the bytes written are those of an int per byte, and nothing around them
 * changes (an f32 stays an f32, another extension value stays as it is).
 */
class ByteArrayFieldWritingTest {

    private final RustSerdeMapper mapper = new RustSerdeMapper();

    /** {@code struct Sample { name: String, data: Vec<u8>, ratio: f32, parts: Vec<Vec<u8>>, tail: Option<Vec<u8>> }} */
    record Sample(String name, byte[] data, float ratio, List<byte[]> parts, Optional<byte[]> tail) {
    }

    record WithExtension(MessagePackExtensionType ext, byte[] data) {
    }

    /** A reply's value inside {"Ok": ...}, whatever it is: the same bytes as wrapping the encoded value after. */
    @Test
    void aValueWrittenAfterTheOkPrefixIsTheOkWrappedEncoding() throws Exception {
        byte[] data = new byte[70_000];
        new Random(9).nextBytes(data);
        ValueWriter writer = mapper.writer(Object.class, null, "a reply");
        for (Object value : new Object[] {data, new byte[0], new RawMsgpack(new byte[] {(byte) 0x92, 1, 2}),
            new Sample("s", data, 1.5f, List.of(data), Optional.empty()), "text", 7L}) {
            assertThat(writer.writeAfter(RustResult.okPrefix(), value)).as("%s", value.getClass().getSimpleName())
                    .isEqualTo(RustResult.ok(writer.write(value)));
        }
        assertThat(writer.writeAfter(RustResult.okPrefix(), data)).isEqualTo(RustResult.ok(VecU8.encode(data)));
    }

    @Test
    void byteArraysInAStructAreWrittenAsIntArraysAndTheRestIsUntouched() throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 15, 16, 200, 65535, 65536, 70_000}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            byte[] small = {1, (byte) 200};
            Sample sample = new Sample("s", data, 1.5f, List.of(small, data), Optional.of(small));

            try (MessageBufferPacker expected = MessagePack.newDefaultBufferPacker()) {
                expected.packMapHeader(5);
                expected.packString("name").packString("s");
                expected.packString("data");
                ints(expected, data);
                expected.packString("ratio").packFloat(1.5f); // ca: f32, as Jackson writes a float
                expected.packString("parts").packArrayHeader(2);
                ints(expected, small);
                ints(expected, data);
                expected.packString("tail");
                ints(expected, small);
                assertThat(mapper.write(sample)).as("%d bytes", size).isEqualTo(expected.toByteArray());
            }
        }
    }

    @Test
    void byteArraysAsMapValuesAreIntArraysToo() throws Exception {
        assertThat(mapper.write(Map.of("k", new byte[] {(byte) 255})))
                .isEqualTo(new byte[] {(byte) 0x81, (byte) 0xa1, 'k', (byte) 0x91, (byte) 0xcc, (byte) 0xff});
    }

    @Test
    void anotherExtensionValueIsCopiedAsItIs() throws Exception {
        byte[] encoded = mapper.write(new WithExtension(new MessagePackExtensionType((byte) 1, new byte[] {9, 9}),
                new byte[] {3}));
        try (MessageBufferPacker expected = MessagePack.newDefaultBufferPacker()) {
            expected.packMapHeader(2).packString("ext").packExtensionTypeHeader((byte) 1, 2).writePayload(new byte[] {9, 9});
            expected.packString("data");
            ints(expected, new byte[] {3});
            assertThat(encoded).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void aByteArrayReadBackIsTheSame() throws Exception {
        byte[] data = new byte[1000];
        new Random(8).nextBytes(data);
        Sample read = mapper.read(mapper.write(new Sample("s", data, 2f, List.of(), Optional.empty())),
                Sample.class);
        assertThat(read.data()).isEqualTo(data);
        assertThat(read.tail()).isEmpty();
    }

    private static void ints(MessageBufferPacker out, byte[] bytes) throws IOException {
        out.packArrayHeader(bytes.length);
        for (byte b : bytes) {
            out.packInt(b & 0xff);
        }
    }
}
