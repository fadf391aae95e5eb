package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.VecU8;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MessageAssembler;
import ai.hyperware.ext.wire.MessageType;
import ai.hyperware.ext.wire.TypeFieldName;

/**
 * Runs the read path (decode, route, a built-in handler, encode, the outbox) on requests made up for the purpose,
 * in memory, on a background thread while the application starts, so that the JIT has compiled it before the node
 * sends the first real request. Without it the first seconds of traffic run in the interpreter and in C1's code, and
 * cost about twice as much CPU per request, with C2 compiling meanwhile.
 *
 * <p>It touches nothing the connection uses: its own outbox, budget and dispatcher, whose registry holds only the
 * built-in {@code Ping} and {@code Echo}, so no user handler is ever called with made-up input. The classes and their
 * compiled code are what it shares.
 */
public final class CodecWarmUp {

    private static final Logger log = LoggerFactory.getLogger(CodecWarmUp.class);
    /** A 16 KiB echo once every this many rounds. */
    private static final int LARGE_EVERY = 8;

    private final HandlerRegistry diagnostics;
    private final int rounds;
    private final Runnable transportWarmUp;

    /**
     * @param diagnostics     a registry with the built-in handlers only
     * @param rounds          how many times the request mix goes through; each round is a handful of requests
     * @param transportWarmUp the same for the WebSocket client's own codec, run after (may be a no-op)
     */
    public CodecWarmUp(HandlerRegistry diagnostics, int rounds, Runnable transportWarmUp) {
        this.diagnostics = diagnostics;
        this.rounds = rounds;
        this.transportWarmUp = transportWarmUp;
    }

    /** Starts the warm-up on a daemon thread of low priority and returns at once. */
    public void start() {
        Thread thread = new Thread(this::runQuietly, "hyperware-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private void runQuietly() {
        long start = System.nanoTime();
        try {
            run();
            transportWarmUp.run();
            log.debug("Warmed up the read path with {} rounds in {} ms", rounds,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (RuntimeException | LinkageError e) { // the warm-up must never cost the extension anything
            log.debug("The warm-up stopped early; the extension is unaffected", e);
        }
    }

    /** One pass of the whole mix, {@code rounds} times; package-private for tests. */
    void run() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hyperware-warm-up-timer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            InFlightBudget budget = new InFlightBudget(Long.MAX_VALUE / 4);
            ReplyOutbox outbox = new ReplyOutbox(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE,
                    Duration.ofMinutes(1), budget, DropListener.NONE);
            outbox.connected(true);
            RequestDispatcher dispatcher = new RequestDispatcher(diagnostics, Runnable::run, timer, 1024,
                    Duration.ofMinutes(1), DispatchListener.NONE);
            InboundFrameProcessor processor = new InboundFrameProcessor(dispatcher, outbox, budget, Long.MAX_VALUE,
                    DispatchListener.NONE, DropListener.NONE, TrafficListener.NONE);
            byte[][] mix = requests();
            byte[] large = FrameEncoder.encode(Frame.of(-42L, MessageType.RESPONSE,
                    echo(new SplittableRandom(43), 16 * 1024)));
            for (int round = 0; round < rounds; round++) {
                for (byte[] request : mix) {
                    process(processor, request);
                }
                if (round % LARGE_EVERY == 0) { // the loops over big blobs compile early (they loop); the rest needs calls
                    process(processor, large);
                }
                ReplyOutbox.Entry reply;
                while ((reply = outbox.poll()) != null) {
                    outbox.sent(reply);
                }
            }
        } finally {
            timer.shutdownNow();
        }
    }

    private static void process(InboundFrameProcessor processor, byte[] request) {
        processor.process(new MessageAssembler.Message(request, false, request.length), null, false);
    }

    /** Pings and small echoes, in both layouts and both dialects, with ids in every uint form. */
    private static byte[][] requests() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] ping = RustEnumValue.unit("Ping").toBytes();
        byte[][] mix = new byte[6][];
        mix[0] = FrameEncoder.encode(Frame.of(7, MessageType.RESPONSE, ping));
        mix[1] = FrameEncoder.encode(new Frame(-1L, MessageType.REQUEST, ping, TypeFieldName.KINODE,
                FrameLayout.NAMED));
        mix[2] = FrameEncoder.encode(new Frame(1L << 40, MessageType.RESPONSE, echo(random, 64),
                TypeFieldName.HYPERWARE, FrameLayout.POSITIONAL));
        mix[3] = FrameEncoder.encode(Frame.of(300, MessageType.RESPONSE, echo(random, 64)));
        mix[4] = FrameEncoder.encode(Frame.of(70000, MessageType.RESPONSE, echo(random, 1024)));
        mix[5] = FrameEncoder.encode(Frame.of(9, MessageType.RESPONSE, echo(random, 8)));
        return mix;
    }

    private static byte[] echo(SplittableRandom random, int size) {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) random.nextInt(256);
        }
        return RustEnumValue.of("Echo", VecU8.encode(payload)).toBytes();
    }
}
