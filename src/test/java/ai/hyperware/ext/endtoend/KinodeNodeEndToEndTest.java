package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.SimulatedNode;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.TypeFieldName;

/** A Kinode node (1.0.0 and older) names the type field kinode_message_type, and rejects the newer name. */
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KinodeNodeEndToEndTest {

    private static final HexFormat HEX = HexFormat.of();

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder().kinodeNode(true));
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
    }

    @Test
    void replyToAKinodeFrameUsesTheKinodeFieldName() throws Exception {
        // PROTOCOL.md §5: "frame Kinode<=1.0.0 id=7 Response Ok(Pong)", here carrying Ping as its blob
        byte[] request = HEX.parseHex("81b4576562536f636b6574457874507573684461746183a2696407b36b696e6f64655f6d657373"
                + "6167655f74797065a8526573706f6e7365a4626c6f6295cca450696e67");
        var pending = node.expectReply(7);
        node.sendRaw(request);
        SimulatedReply reply = pending.get(30, TimeUnit.SECONDS);

        assertThat(reply.frame().typeFieldName()).isEqualTo(TypeFieldName.KINODE);
        assertThat(HEX.formatHex(FrameEncoder.encode(reply.frame()))).isEqualTo(
                "81b4576562536f636b6574457874507573684461746183a2696407b36b696e6f64655f6d6573736167655f74797065a8"
                        + "526573706f6e7365a4626c6f6299cc81cca24f6bcca4506f6e67");
        assertThat(FrameDecoder.decode(request).typeFieldName()).isEqualTo(TypeFieldName.KINODE);
        assertThat(node.unparseableReplies()).isZero();
    }
}
