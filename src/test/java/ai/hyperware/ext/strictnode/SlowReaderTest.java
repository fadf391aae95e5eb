package ai.hyperware.ext.strictnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.fault.FaultHandlers;
import ai.hyperware.ext.fault.Tally;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.VecU8;
import ai.hyperware.ext.support.RawNode;

/**
 * A node that reads in short bursts (15 ms reading, 15 ms not) while 100,000 Echo replies of 1 KiB flow, with up to
 * 8,000 requests in flight: the setting in which Tomcat's client lost bytes in the middle of frames. Every byte the
 * extension writes passes the strict parser, every id is answered exactly once, and every echo is the request's
 * bytes. (Refusals past the unsent bound, which are legitimate answers, are covered by {@code NodeStopsReadingTest}
 * and {@link FloodTest}.)
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"hyperware.extension.max-in-flight=10000", "hyperware.extension.limits.send-timeout=60s",
            // 8,000 replies of about 2.8 KB may wait unsent: let them, so that every request is served
            "hyperware.extension.limits.max-unsent-bytes=64MB"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SlowReaderTest {

    private static final int REQUESTS = 100_000;
    private static final int WINDOW = 8_000;
    private static final int PAYLOAD_BYTES = 1024;
    /** Odd, so that {@code i * STRIDE + seed} gives every request a different id across the whole u64 range. */
    private static final long STRIDE = 0x9E3779B97F4A7C15L;

    @RegisterExtension
    static final RawNode node = RawNode.start();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        node.pointExtensionAt(registry);
    }

    @Autowired
    Tally tally;

    @Test
    void aNodeReadingInShortBurstsGetsEveryReplyWholeAndExactlyOnce() throws Exception {
        long seed = System.nanoTime();
        System.out.println("slow reader: seed " + seed + " (ids and payloads derive from it)");
        node.readInBursts(Duration.ofMillis(15), Duration.ofMillis(15));
        RawNode.Connection connection = node.awaitConnection(Duration.ofSeconds(30));
        assertThat(connection).as("the extension connected").isNotNull();

        Map<Long, Integer> indexById = new ConcurrentHashMap<>();
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong wrongEchoes = new AtomicLong();
        AtomicInteger replies = new AtomicInteger();
        node.onReply(reply -> {
            Integer index = indexById.get(reply.id());
            if (index == null || !Arrays.equals(reply.blob(), RustResult.ok(VecU8.encode(payload(seed, index))))) {
                wrongEchoes.incrementAndGet();
            }
            replies.incrementAndGet();
            window.release();
        });

        for (int i = 0; i < REQUESTS; i++) {
            window.acquire();
            long id = i * STRIDE + seed;
            indexById.put(id, i);
            connection.sendFrame(RawNode.request(id,
                    RustEnumValue.of("Echo", VecU8.encode(payload(seed, i))).toBytes()));
        }
        await("every reply").atMost(Duration.ofMinutes(3)).until(() -> replies.get() >= REQUESTS);

        assertThat(node.violations()).as("protocol violations in what the extension wrote").isEmpty();
        assertThat(node.unparseable()).as("replies the node could not parse").isZero();
        assertThat(node.repliesById()).as("ids answered").hasSize(REQUESTS);
        assertThat(node.repliesById().values()).as("replies per id").allMatch(count -> count.get() == 1);
        assertThat(wrongEchoes).as("echoes that were not the request's bytes").hasValue(0);
        assertThat(tally.dropsInAll()).as("frames the extension dropped").isZero();
        assertThat(node.connections()).as("one connection throughout").hasSize(1);
    }

    private static byte[] payload(long seed, int index) {
        byte[] bytes = new byte[PAYLOAD_BYTES];
        SplittableRandom random = new SplittableRandom(seed ^ index);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

}
