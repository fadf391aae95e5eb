package ai.hyperware.ext.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.MessageType;

/**
 * How replies reach the transport: one wake-up of the I/O thread for a burst of replies from other threads, one flush
 * per batch, no write while the transport is full, a failed write back in the outbox, and a stall noticed. The session
 * here is a recording one: it runs its I/O tasks only when the test says, so the test sees exactly what was asked.
 */
class OutboxDrainTest {

    private final InFlightBudget budget = new InFlightBudget(1 << 30);
    private final ReplyOutbox outbox = new ReplyOutbox(100, 1 << 20, 1 << 20, Duration.ofMinutes(1), budget,
            DropListener.NONE);
    private final OutboxDrain drain = new OutboxDrain(outbox, 1 << 20, TrafficListener.NONE);
    private final RecordingSession session = new RecordingSession();

    @Test
    void aBurstOfRepliesFromOtherThreadsCostsOneWakeUpAndOneFlush() {
        drain.attach(session);
        session.runTasks();
        for (int id = 1; id <= 100; id++) {
            outbox.offer(Frame.of(id, MessageType.RESPONSE, new byte[] {(byte) id}));
        }
        assertThat(session.tasks).as("tasks queued on the I/O thread for 100 replies").hasSize(1);

        session.runTasks();
        assertThat(session.written).hasSize(100);
        assertThat(session.flushes).as("flushes for the batch").isEqualTo(1);
    }

    @Test
    void nothingIsWrittenWhileTheTransportIsFullAndWritingResumesWhenItDrains() {
        drain.attach(session);
        session.writable = false;
        outbox.offer(Frame.of(1, MessageType.RESPONSE, new byte[1]));
        session.runTasks();
        assertThat(session.written).isEmpty();

        session.writable = true;
        drain.writable();
        assertThat(session.written).hasSize(1);
    }

    @Test
    void aFailedWriteGoesBackToTheOutboxAndOutOnTheNextSession() {
        drain.attach(session);
        outbox.offer(Frame.of(7, MessageType.RESPONSE, new byte[] {7}));
        session.runTasks();
        session.complete(false); // the connection died with the write pending
        assertThat(outbox.size()).isEqualTo(1);

        drain.detach(session);
        RecordingSession next = new RecordingSession();
        drain.attach(next);
        next.runTasks();
        assertThat(next.written).hasSize(1);
    }

    @Test
    void writesThatDoNotFinishForTheLimitAreAStall() {
        drain.attach(session);
        outbox.offer(Frame.of(1, MessageType.RESPONSE, new byte[1]));
        session.runTasks();
        assertThat(drain.stalled(Duration.ofDays(1))).isFalse();
        assertThat(drain.stalled(Duration.ZERO)).as("a write pending, none finished").isTrue();
        session.complete(true);
        assertThat(drain.stalled(Duration.ZERO)).as("nothing pending").isFalse();
    }

    @Test
    void aMessageLargerThanAFrameGoesAsAFirstFrameAndContinuationsThatJoinToItsEncoding() {
        OutboxDrain smallFrames = new OutboxDrain(outbox, 1000, TrafficListener.NONE);
        smallFrames.attach(session);
        Frame reply = Frame.of(3, MessageType.RESPONSE, randomBytes(1500));
        byte[] encoded = FrameEncoder.encode(reply);
        outbox.offer(reply);
        session.runTasks();

        int lastLength = encoded.length % 1000 == 0 ? 1000 : encoded.length % 1000;
        assertThat(session.frames).hasSize((encoded.length + 999) / 1000).startsWith("first 1000")
                .endsWith("continuation last " + lastLength);
        ByteBuffer joined = ByteBuffer.allocate(encoded.length);
        session.written.forEach(joined::put);
        assertThat(joined.array()).isEqualTo(encoded);
        assertThat(session.pending).as("only the last frame reports the outcome").hasSize(session.frames.size());
    }

    @Test
    void aFrameThatFindsNoMemoryForItsBuffersIsAnsweredWithASmallErrInstead() throws Exception {
        drain.attach(session);
        session.memoryForLength = 300;
        outbox.offer(Frame.of(5, MessageType.RESPONSE, new byte[500]));
        session.runTasks();

        assertThat(session.frames).hasSize(1);
        Frame sent = FrameDecoder.decode(session.written.get(0));
        assertThat(sent.id()).isEqualTo(5);
        assertThat(RustEnumValue.parse(sent.blob()).variant()).isEqualTo(RustResult.ERR);
        session.complete(true);
        assertThat(outbox.unsentBytes()).isZero();
        assertThat(budget.used()).isZero();
        assertThat(session.aborted).isFalse();
    }

    @Test
    void noMemoryInTheMiddleOfAMessageEndsTheConnectionAndTheFrameGoesOutOnTheNext() {
        OutboxDrain smallFrames = new OutboxDrain(outbox, 1000, TrafficListener.NONE);
        smallFrames.attach(session);
        session.memoryForLength = 0;
        session.memoryFor = 1; // the first frame of the message is written, the second finds no memory
        outbox.offer(Frame.of(6, MessageType.RESPONSE, new byte[3000]));
        session.runTasks();

        assertThat(session.frames).hasSize(1);
        assertThat(session.aborted).as("the node has half a message: the connection must go").isTrue();
        assertThat(outbox.size()).as("put back for the next connection").isEqualTo(1);
        smallFrames.detach(session);
        RecordingSession next = new RecordingSession();
        smallFrames.attach(next);
        next.runTasks();
        assertThat(next.frames).hasSize(4);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** A session whose I/O thread is the test: tasks wait in a list, writes are recorded and completed by hand. */
    private static final class RecordingSession implements FlowControlledSession {
        final List<Runnable> tasks = new ArrayList<>();
        final List<byte[]> written = new ArrayList<>();
        final List<WriteListener> pending = new ArrayList<>();
        final List<String> frames = new ArrayList<>();
        boolean writable = true;
        /** Writes of more than this many bytes fail for want of memory (after the first {@code memoryFor}). */
        int memoryForLength = Integer.MAX_VALUE;
        int memoryFor = 0;
        boolean aborted;
        int flushes;
        FlowListener listener;

        void runTasks() {
            while (!tasks.isEmpty()) {
                tasks.remove(0).run();
            }
        }

        void complete(boolean success) {
            List<WriteListener> done = new ArrayList<>(pending);
            pending.clear();
            done.forEach(listener -> listener.written(success));
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        @Override
        public Thread ioThread() {
            return Thread.currentThread();
        }

        @Override
        public boolean inIoThread() {
            return true;
        }

        @Override
        public boolean isWritable() {
            return writable;
        }

        @Override
        public void write(MessageBytes message, int length, boolean first, boolean last, WriteListener done) {
            if (length > memoryForLength && memoryFor-- <= 0) {
                throw new OutOfMemoryError("Cannot reserve " + length + " bytes of direct buffer memory (test)");
            }
            frames.add((first ? "first" : "continuation") + (last ? " last " : " ") + length);
            byte[] bytes = new byte[length];
            message.writeNext(bytes, 0, length);
            written.add(bytes);
            pending.add(done);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void setFlowListener(FlowListener flowListener) {
            listener = flowListener;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public String getId() {
            return "recording";
        }

        @Override
        public URI getUri() {
            return null;
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return Map.of();
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return null;
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return 0;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return 0;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
        }

        @Override
        public boolean isOpen() {
            return !aborted;
        }

        @Override
        public void close() {
        }

        @Override
        public void close(CloseStatus status) {
        }
    }
}
