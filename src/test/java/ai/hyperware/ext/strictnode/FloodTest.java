package ai.hyperware.ext.strictnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.connection.TrafficListener;
import ai.hyperware.ext.fault.FaultHandlers;
import ai.hyperware.ext.fault.Tally;
import ai.hyperware.ext.handler.Outcome;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.support.RawNode;

/**
 * 200,000 Pings written as fast as the node can write them, with no window: every id gets exactly one reply (Pong, or
 * an immediate refusal), nothing the extension accepted is dropped, and every byte passes the strict parser. The
 * test prints how long the refusals took, from the request's write to the reply's arrival.
 */
@SpringBootTest(classes = {ExtensionApplication.class, FaultHandlers.class, FloodTest.Waits.class},
        webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FloodTest {

    private static final int REQUESTS = 200_000;
    private static final int FRAMES_PER_WRITE = 500;
    /** {@code Ok("Pong")}, shared/PROTOCOL.md §5. */
    private static final RustSerdeMapper MAPPER = new RustSerdeMapper();
    private static final byte[] PONG = HexFormat.of().parseHex("81a24f6ba4506f6e67");

    @RegisterExtension
    static final RawNode node = RawNode.start();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        node.pointExtensionAt(registry);
    }

    @Autowired
    Tally tally;

    @Autowired
    Waits waits;

    /** How long the extension's frames waited in its outbox, refusals apart from replies. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Waits implements TrafficListener {
        final Queue<Long> refusals = new ConcurrentLinkedQueue<>();
        final Queue<Long> replies = new ConcurrentLinkedQueue<>();

        @Override
        public void received(long bytes) {
        }

        @Override
        public void sent(long bytes) {
        }

        @Override
        public void waited(boolean refusal, long waitedNanos) {
            (refusal ? refusals : replies).add(waitedNanos);
        }
    }

    @Test
    void everyRequestOfAFloodIsAnsweredOnceAndNoAcceptedReplyIsDropped() throws Exception {
        RawNode.Connection connection = node.awaitConnection(Duration.ofSeconds(30));
        assertThat(connection).as("the extension connected").isNotNull();
        AtomicLongArray sentAt = new AtomicLongArray(REQUESTS);
        AtomicLongArray refusedAfter = new AtomicLongArray(REQUESTS);
        AtomicInteger pongs = new AtomicInteger();
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        node.onReply(reply -> {
            int index = (int) reply.id();
            if (Arrays.equals(reply.blob(), PONG)) {
                pongs.incrementAndGet();
            } else if (MAPPER.render(reply.blob()).startsWith("{\"Err\":\"extension overloaded")) {
                refusedAfter.set(index, System.nanoTime() - sentAt.get(index));
                refusals.incrementAndGet();
            } else {
                others.incrementAndGet();
            }
        });

        byte[] ping = RustEnumValue.unit("Ping").toBytes();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < REQUESTS; i++) {
            byte[] request = RawNode.request(i, ping);
            batch.write(RawNode.header(0x82, request.length));
            batch.write(request);
            sentAt.set(i, System.nanoTime());
            if ((i + 1) % FRAMES_PER_WRITE == 0) {
                connection.sendRaw(batch.toByteArray());
                batch.reset();
            }
        }
        await("every reply").atMost(Duration.ofMinutes(3))
                .until(() -> pongs.get() + refusals.get() + others.get() >= REQUESTS);

        assertThat(node.violations()).as("protocol violations in what the extension wrote").isEmpty();
        assertThat(node.unparseable()).isZero();
        assertThat(node.repliesById()).as("ids answered").hasSize(REQUESTS);
        assertThat(node.repliesById().values()).as("replies per id").allMatch(count -> count.get() == 1);
        assertThat(others).as("replies that were neither a Pong nor a refusal").hasValue(0);
        assertThat(tally.dropsInAll()).as("frames dropped while connected").isZero();
        assertThat(tally.answers(Outcome.OK)).as("Pongs the extension made").isEqualTo(pongs.get());
        System.out.printf("flood: %d requests, %d Pongs, %d refused; from the node's write to the reply: refusals %s;"
                + " in the extension's outbox: refusals %s, Pongs %s%n", REQUESTS, pongs.get(), refusals.get(),
                percentiles(refusedAfter), percentiles(waits.refusals), percentiles(waits.replies));
    }

    private static String percentiles(AtomicLongArray nanos) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < nanos.length(); i++) {
            if (nanos.get(i) > 0) {
                values.add(nanos.get(i));
            }
        }
        return percentiles(values);
    }

    private static String percentiles(Collection<Long> nanos) {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        int n = values.length;
        if (n == 0) {
            return "(none refused)";
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", sorted[n / 2] / 1e6, sorted[n * 99 / 100] / 1e6,
                sorted[n - 1] / 1e6);
    }
}
