package ai.hyperware.ext.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.handler.ReplySink;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.support.Allocations;
import ai.hyperware.ext.support.HandlerInventory;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.MalformedFrameException;

/**
 * The read path from bytes to reply (decode the frame, route, bind the damaged value to a real handler parameter,
 * run the handler, encode the reply), all on the test's thread, for thousands of {@link FuzzCases}: whatever length a
 * damaged header claims, no case allocates much more than its own size; a frame whose id is readable is answered
 * exactly once with that id. FrameDecoderFuzzTest does the same for the decoder and the mapper alone; this adds the
 * handler's binding and the types handlers really take (records, {@code Vec<u8>}, {@code u64}, maps, options).
 *
 * <p>The cases come from one seed, printed with every failure; rerun with {@code -Dfault.fuzz.seed=<seed>} to replay.
 */
class BindingFuzzTest {

    private static final long SEED = Long.getLong("fault.fuzz.seed", 0x5eed_2026_1127L);
    private static final int CASES = 10_000;
    /** A decoded frame, a bound value and Jackson's buffers, but nowhere near a header's claim of gigabytes. */
    private static final long ALLOWANCE = 1 << 20;

    private final RustSerdeMapper mapper = new RustSerdeMapper();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Frame> replies = new ArrayList<>();
    private final ReplySink toReplies = (reply, outcome) -> replies.add(reply);

    /** Every damaged request is logged at WARN; thousands of those lines would only bury a failure. */
    private final Logger readPathLog = (Logger) LoggerFactory.getLogger("ai.hyperware.ext");
    private final Level readPathLevel = readPathLog.getLevel();

    @BeforeEach
    void quietReadPath() {
        readPathLog.setLevel(Level.ERROR);
    }

    @AfterEach
    void stop() {
        readPathLog.setLevel(readPathLevel);
        timer.shutdownNow();
    }

    /** Handlers run on the calling thread, so that the allocation measured is the whole path's. */
    private RequestDispatcher dispatcher() {
        return new RequestDispatcher(HandlerInventory.of(mapper, new BindingHandlers()), Runnable::run, timer, 16,
                Duration.ofMinutes(1), DispatchListener.NONE);
    }

    /** What the extension does with one inbound message (InboundFrameProcessor, without the outbox). */
    private void readPath(RequestDispatcher dispatcher, byte[] message) {
        Frame request;
        try {
            request = FrameDecoder.decode(message);
        } catch (MalformedFrameException e) {
            e.replyTo(RustResult.err("malformed frame: " + e.getMessage())).ifPresent(replies::add);
            return;
        }
        dispatcher.dispatch(request, toReplies);
    }

    @Test
    void damagedValuesOfRealParameterTypesAreAnsweredOnceWithTheirIdAndAllocateLittle() throws Exception {
        RequestDispatcher dispatcher = dispatcher();
        FuzzCases warmUp = new FuzzCases(mapper, SEED - 1);
        for (int i = 0; i < 2000; i++) { // class loading and Jackson's deserializer caches: not the input's doing
            readPath(dispatcher, warmUp.next().message());
        }
        FuzzCases cases = new FuzzCases(mapper, SEED);
        int answered = 0;
        for (int i = 0; i < CASES; i++) {
            FuzzCases.Case fuzzCase = cases.next();
            replies.clear();
            long allocated = Allocations.measure(() -> readPath(dispatcher, fuzzCase.message()));

            assertThat(allocated).as("bytes allocated (seed %d) for %s", SEED, fuzzCase)
                    .isLessThan(ALLOWANCE + 16L * fuzzCase.message().length);
            assertThat(replies).as("replies (seed %d) to %s", SEED, fuzzCase).hasSizeLessThanOrEqualTo(1);
            if (fuzzCase.expectedId() != null) {
                assertThat(replies).as("replies (seed %d) to %s", SEED, fuzzCase).singleElement()
                        .satisfies(reply -> assertThat(reply.id()).isEqualTo(fuzzCase.expectedId()));
            }
            for (Frame reply : replies) {
                assertThat(FrameDecoder.decode(FrameEncoder.encode(reply))).as("the reply reads back (seed %d)", SEED)
                        .isEqualTo(reply);
                answered++;
            }
        }
        assertThat(dispatcher.inFlight()).isZero();
        System.out.printf("binding fuzz (seed %d): %d cases, %d answered%n", SEED, CASES, answered);
    }
}
