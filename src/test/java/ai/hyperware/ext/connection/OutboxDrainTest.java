package ai.hyperware.ext.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;

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
            outbox.offer(id, new byte[] {(byte) id});
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
        outbox.offer(1, new byte[1]);
        session.runTasks();
        assertThat(session.written).isEmpty();

        session.writable = true;
        drain.writable();
        assertThat(session.written).hasSize(1);
    }

    @Test
    void aFailedWriteGoesBackToTheOutboxAndOutOnTheNextSession() {
        drain.attach(session);
        outbox.offer(7, new byte[] {7});
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
        outbox.offer(1, new byte[1]);
        session.runTasks();
        assertThat(drain.stalled(Duration.ofDays(1))).isFalse();
        assertThat(drain.stalled(Duration.ZERO)).as("a write pending, none finished").isTrue();
        session.complete(true);
        assertThat(drain.stalled(Duration.ZERO)).as("nothing pending").isFalse();
    }

    /** A session whose I/O thread is the test: tasks wait in a list, writes are recorded and completed by hand. */
    private static final class RecordingSession implements FlowControlledSession {
        final List<Runnable> tasks = new ArrayList<>();
        final List<byte[]> written = new ArrayList<>();
        final List<WriteListener> pending = new ArrayList<>();
        boolean writable = true;
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
        public void write(byte[] bytes, int offset, int length, boolean first, boolean last, WriteListener done) {
            written.add(Arrays.copyOfRange(bytes, offset, offset + length));
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
            return true;
        }

        @Override
        public void close() {
        }

        @Override
        public void close(CloseStatus status) {
        }
    }
}
