package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.connection.NodePush;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.SimulatedNode;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MessageType;
import ai.hyperware.ext.wire.TypeFieldName;

/** The real application, driven through the node simulator over a real loopback WebSocket. */
@SpringBootTest(classes = {ExtensionApplication.class, TestHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ExtensionEndToEndTest {

    private static final HexFormat HEX = HexFormat.of();

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder());
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @Autowired
    RustSerdeMapper mapper;

    @Autowired
    NodePush push;

    private SimulatedReply call(byte[] blob) throws Exception {
        return node.request(blob).get(30, TimeUnit.SECONDS);
    }

    private SimulatedReply call(Frame frame) throws Exception {
        return node.request(frame).get(30, TimeUnit.SECONDS);
    }

    private String errOf(SimulatedReply reply) {
        assertThat(reply.isErr()).as("Err reply, got %s", reply.render()).isTrue();
        return reply.errMessage();
    }

    @Test
    void pingIsAnsweredWithOkPongByteForByte() throws Exception {
        SimulatedReply reply = call(HEX.parseHex("a450696e67"));
        assertThat(HEX.formatHex(reply.frame().blob())).isEqualTo("81a24f6ba4506f6e67");
    }

    @Test
    void echoReturnsTheValueByteForByte() throws Exception {
        SimulatedReply reply = call(HEX.parseHex("81a44563686f9201ccc8"));
        assertThat(HEX.formatHex(reply.frame().blob())).isEqualTo("81a24f6b9201ccc8");
    }

    @Test
    void namedStructBindsFromToVecNamedBytes() throws Exception {
        SimulatedReply reply = call(HEX.parseHex("81a952756e53637269707483aa7061636b6167655f6964a161a4617267739201cc"
                + "c8a16ecfffffffffffffffff"));
        assertThat(reply.render()).isEqualTo("{\"Ok\":{\"package_id\":\"a\",\"arg_count\":2,"
                + "\"n\":\"18446744073709551615\"}}");
    }

    @Test
    void positionalStructBindsFromToVecBytes() throws Exception {
        SimulatedReply reply = call(HEX.parseHex("81a952756e53637269707493a1619201ccc8cfffffffffffffffff"));
        assertThat(reply.render()).isEqualTo("{\"Ok\":{\"package_id\":\"a\",\"arg_count\":2,"
                + "\"n\":\"18446744073709551615\"}}");
    }

    @Test
    void handlerExceptionIsAnErrWithTheRequestId() throws Exception {
        Frame request = Frame.of(0xfedcba9876543210L, MessageType.RESPONSE, RustEnumValue.unit("Boom").toBytes());
        SimulatedReply reply = call(request);
        assertThat(reply.frame().id()).isEqualTo(request.id());
        assertThat(errOf(reply)).isEqualTo("boom went the handler");
    }

    @Test
    void unknownVariantIsAnErrWithTheRequestId() throws Exception {
        Frame request = Frame.of(77, MessageType.RESPONSE, RustEnumValue.unit("Teleport").toBytes());
        SimulatedReply reply = call(request);
        assertThat(reply.frame().id()).isEqualTo(77);
        assertThat(errOf(reply)).isEqualTo("no handler for variant \"Teleport\"");
    }

    @Test
    void undecodableBlobIsAnErrWithTheRequestId() throws Exception {
        Frame request = Frame.of(-2L, MessageType.RESPONSE, new byte[] {(byte) 0xc1, 0x00});
        SimulatedReply reply = call(request);
        assertThat(reply.frame().id()).isEqualTo(-2L);
        assertThat(errOf(reply)).startsWith("cannot decode request");
    }

    @Test
    void payloadOfTheWrongShapeIsAnErrWithTheRequestId() throws Exception {
        Frame request = Frame.of(5, MessageType.RESPONSE, RustEnumValue.of("RunScript",
                mapper.write("not a struct")).toBytes());
        SimulatedReply reply = call(request);
        assertThat(reply.frame().id()).isEqualTo(5);
        assertThat(errOf(reply)).startsWith("cannot decode request: cannot read");
    }

    @Test
    void idsAcrossTheWholeU64RangeAreMirroredExactly() throws Exception {
        Random random = new Random(20261125);
        Set<Long> ids = new LinkedHashSet<>(List.of(0L, 1L, 127L, 128L, 255L, 256L, 65535L, 65536L, 0xffffffffL,
                0x100000000L, Long.MAX_VALUE, Long.MIN_VALUE, -1L));
        while (ids.size() < 513) { // the simulator keeps one request per id in flight, as the node does
            ids.add(random.nextBoolean() ? random.nextLong() | Long.MIN_VALUE : random.nextLong() >>> random.nextInt(64));
        }
        List<Long> batch = new ArrayList<>();
        for (long id : ids) {
            batch.add(id);
            if (batch.size() == 100) { // below max-in-flight, so none is refused as overload
                assertRepliesMirror(batch);
                batch.clear();
            }
        }
        assertRepliesMirror(batch);
    }

    private void assertRepliesMirror(List<Long> ids) throws Exception {
        List<CompletableFuture<SimulatedReply>> replies = new ArrayList<>();
        for (long id : ids) {
            replies.add(node.request(Frame.of(id, MessageType.RESPONSE, RustEnumValue.unit("WhoAmI").toBytes())));
        }
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            SimulatedReply reply = replies.get(i).get(30, TimeUnit.SECONDS);
            assertThat(reply.frame().id()).isEqualTo(id);
            assertThat(mapper.read(reply.okValue(), String.class))
                    .isEqualTo(new BigInteger(Long.toUnsignedString(id)).toString());
        }
    }

    @Test
    void requestMessageTypeIsMirroredInTheReply() throws Exception {
        SimulatedReply reply = call(Frame.of(9, MessageType.REQUEST, RustEnumValue.unit("Ping").toBytes()));
        assertThat(reply.frame().type()).isEqualTo(MessageType.REQUEST);
    }

    @Test
    void positionalFrameIsAnsweredPositionally() throws Exception {
        SimulatedReply reply = call(new Frame(10, MessageType.RESPONSE, RustEnumValue.unit("Ping").toBytes(),
                TypeFieldName.HYPERWARE, FrameLayout.POSITIONAL));
        assertThat(reply.frame().layout()).isEqualTo(FrameLayout.POSITIONAL);
        assertThat(reply.isOk()).isTrue();
    }

    @Test
    void binBlobFromAPeerIsAccepted() throws Exception {
        byte[] frame = HEX.parseHex("81b4576562536f636b6574457874507573684461746183a269640b"
                + "b6" + HEX.formatHex("hyperware_message_type".getBytes(StandardCharsets.UTF_8))
                + "a8" + HEX.formatHex("Response".getBytes(StandardCharsets.UTF_8)) + "a4626c6f62c405a450696e67");
        CompletableFuture<SimulatedReply> reply = node.expectReply(11);
        node.sendRaw(frame);
        assertThat(HEX.formatHex(reply.get(30, TimeUnit.SECONDS).frame().blob())).isEqualTo("81a24f6ba4506f6e67");
    }

    @Test
    void unsolicitedPushReachesTheNodeAsARequest() throws Exception {
        long id = push.push("Tick", List.of(1, 2, 3));
        Frame pushed = node.pushes().poll(30, TimeUnit.SECONDS);
        assertThat(pushed).isNotNull();
        assertThat(pushed.id()).isEqualTo(id);
        assertThat(pushed.type()).isEqualTo(MessageType.REQUEST);
        assertThat(mapper.render(pushed.blob())).isEqualTo("{\"Tick\":[1,2,3]}");
    }
}
