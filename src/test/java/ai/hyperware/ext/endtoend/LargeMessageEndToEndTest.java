package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.support.SimulatedNode;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.WebSocketFrameProbe;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.MessageType;

/**
 * Sizes at the node's limits: 64 MiB messages in, 16 MiB frames out. The extension talks to the simulator through
 * a probe that records the WebSocket frame headers it sends.
 */
@SpringBootTest(classes = {ExtensionApplication.class, TestHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "hyperware.extension.handler-timeout=120s") // slow machines must not turn into failures
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LargeMessageEndToEndTest {

    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(
            NodeSimulator.builder().requestTimeout(Duration.ofSeconds(120)));
    private static final NodeSimulator node = simulated.simulator();
    private static final WebSocketFrameProbe probe = new WebSocketFrameProbe("127.0.0.1", node.port()).start();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry, probe.port());
    }

    @Autowired
    RustSerdeMapper mapper;

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    @Test
    void fortyMebibyteReplyGoesOutAsFramesOfAtMostSixteenMebibytesThatReassemble() throws Exception {
        int size = 40 * MIB;
        int before = probe.clientFrames().size();
        SimulatedReply reply = node.request(RustEnumValue.of("Fill", mapper.write(size)).toBytes())
                .get(120, TimeUnit.SECONDS);

        byte[] filled = mapper.read(reply.okValue(), byte[].class);
        assertThat(filled).hasSize(size);
        assertThat(filled[size - 1]).isEqualTo((byte) ((size - 1) % 128));

        List<WebSocketFrameProbe.FrameHeader> frames = probe.clientFrames().subList(before, probe.clientFrames().size());
        assertThat(frames).hasSizeGreaterThanOrEqualTo(3);
        assertThat(frames.get(0).opcode()).as("first frame is binary").isEqualTo(2);
        assertThat(frames.subList(1, frames.size())).allSatisfy(f -> assertThat(f.opcode()).isZero());
        assertThat(frames).allSatisfy(f -> assertThat(f.payloadLength()).isLessThanOrEqualTo(16L * MIB));
        assertThat(frames.get(frames.size() - 1).fin()).isTrue();
        assertThat(frames.subList(0, frames.size() - 1)).noneMatch(WebSocketFrameProbe.FrameHeader::fin);
        long total = frames.stream().mapToLong(WebSocketFrameProbe.FrameHeader::payloadLength).sum();
        assertThat(total).isEqualTo(FrameEncoder.encode(reply.frame()).length);
    }

    @Test
    void sixtyFourMebibyteInboundMessageIsAccepted() throws Exception {
        Frame request = frameOfExactly(64 * MIB);
        SimulatedReply reply = node.request(request).get(120, TimeUnit.SECONDS);
        assertThat(reply.isOk()).as(reply.render()).isTrue();
        assertThat(mapper.read(reply.okValue(), Integer.class)).isEqualTo(lengthOfBlobValue(request));
    }

    @Test
    void replyOverSixtyFourMebibytesBecomesASmallErr() throws Exception {
        SimulatedReply reply = node.request(RustEnumValue.of("Fill", mapper.write(65 * MIB)).toBytes())
                .get(120, TimeUnit.SECONDS);
        assertThat(reply.errMessage()).startsWith("reply too large");
    }

    /** {"Length": [0, 0, ...]} in a frame whose encoding is exactly {@code total} bytes. */
    private Frame frameOfExactly(int total) throws Exception {
        int inner = total - 100;
        for (int attempt = 0; attempt < 5; attempt++) {
            Frame frame = Frame.of(0x8000000000000123L, MessageType.RESPONSE,
                    RustEnumValue.of("Length", mapper.write(new byte[inner])).toBytes());
            int length = FrameEncoder.encode(frame).length;
            if (length == total) {
                return frame;
            }
            inner += total - length; // each zero in the inner array is exactly one byte of the frame
        }
        throw new AssertionError("no frame of exactly " + total + " bytes");
    }

    private int lengthOfBlobValue(Frame frame) throws Exception {
        return mapper.read(RustEnumValue.parse(frame.blob()).value(), byte[].class).length;
    }
}
