package ai.hyperware.ext.strictnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.VecU8;
import ai.hyperware.ext.support.RawNode;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;

/**
 * Replies are encoded straight into the network buffers, a piece at a time, framed and masked by the extension
 * itself. Here every reply length where that could go wrong reaches a strict node: the header's length forms
 * (125/126, 65535/65536), the 64 KiB pieces, and the fragment boundary ({@code limits.max-frame-size}, 100 KB here,
 * so a reply of a few hundred KB goes as a first frame and continuations), with random bytes too, so that pieces and
 * fragments end between a {@code cc} marker and its value. Each reply must parse under RFC 6455's rules and be the
 * request's bytes.
 */
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "hyperware.extension.limits.max-frame-size=100KB")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LargeRepliesTest {

    private static final int FRAME = 100 * 1024;
    private static final int PIECE = 64 * 1024;

    @RegisterExtension
    static final RawNode node = RawNode.start();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        node.pointExtensionAt(registry);
    }

    @Test
    void everyReplyLengthAroundHeaderPieceAndFragmentBoundariesArrivesWholeAndValid() throws Exception {
        long seed = System.nanoTime();
        System.out.println("large replies: seed " + seed);
        Random random = new Random(seed);
        List<byte[]> payloads = new ArrayList<>();
        for (int length : new int[] {125, 126, 127, 65535, 65536, 65537, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE,
            FRAME - 1, FRAME, FRAME + 1, 2 * FRAME, 2 * FRAME + 1, 3 * FRAME + PIECE}) {
            payloads.add(textPayloadWhoseReplyIs(length, payloads.size()));
        }
        for (int i = 0; i < 12; i++) {
            byte[] bytes = new byte[random.nextInt(400_000)];
            random.nextBytes(bytes);
            payloads.add(bytes);
        }
        RawNode.Connection connection = node.awaitConnection(Duration.ofSeconds(30));
        assertThat(connection).as("the extension connected").isNotNull();
        Map<Long, byte[]> expected = new ConcurrentHashMap<>();
        Map<Long, Boolean> matched = new ConcurrentHashMap<>();
        node.onReply(reply -> matched.put(reply.id(), Arrays.equals(reply.blob(), expected.get(reply.id()))));

        long framesBefore = connection.frames();
        long fragmentedReplies = 0;
        for (int i = 0; i < payloads.size(); i++) {
            long id = 1000 + i;
            expected.put(id, RustResult.ok(VecU8.encode(payloads.get(i))));
            fragmentedReplies += replyLength(id, payloads.get(i)) > FRAME ? 1 : 0;
            connection.sendFrame(RawNode.request(id, echo(payloads.get(i))));
        }
        await("every reply").atMost(Duration.ofMinutes(1)).until(() -> matched.size() >= payloads.size());

        assertThat(node.violations()).as("protocol violations in what the extension wrote").isEmpty();
        assertThat(node.unparseable()).as("replies the node could not parse").isZero();
        assertThat(matched).as("replies that were the request's bytes, by id").hasSize(payloads.size())
                .allSatisfy((id, same) -> assertThat(same).as("reply to id %d (seed %d)", id, seed).isTrue());
        assertThat(fragmentedReplies).as("replies over max-frame-size in this test").isGreaterThan(5);
        assertThat(connection.frames() - framesBefore).as("frames written: each large reply is several")
                .isGreaterThan(payloads.size() + fragmentedReplies);
    }

    /** Printable bytes (each one byte in the encoding), as many as make the reply frame exactly {@code length}. */
    private static byte[] textPayloadWhoseReplyIs(int length, long id) {
        for (int size = Math.max(0, length - 100); size <= length; size++) {
            byte[] text = new byte[size];
            Arrays.fill(text, (byte) 'a');
            if (replyLength(1000 + id, text) == length) {
                return text;
            }
        }
        throw new IllegalStateException("no payload gives a reply of " + length + " bytes");
    }

    private static long replyLength(long id, byte[] payload) {
        try {
            return FrameEncoder.encodedSize(FrameDecoder.decode(RawNode.request(id, echo(payload)))
                    .reply(RustResult.ok(VecU8.encode(payload))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] echo(byte[] payload) {
        return RustEnumValue.of("Echo", VecU8.encode(payload)).toBytes();
    }
}
