package ai.hyperware.ext.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.MessageType;

/**
 * The outbox keeps order, puts refusals first and failed writes before everything, never drops a computed reply for
 * room while connected, bounds what it holds while disconnected by dropping the oldest, drops what has expired, and
 * gives every frame's bytes back to the in-flight budget exactly once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReplyOutboxTest {

    private final List<DropReason> drops = new ArrayList<>();
    private final InFlightBudget budget = new InFlightBudget(1 << 30);

    private ReplyOutbox outbox(int maxHeldCount, long maxHeldBytes, Duration ttl) {
        return new ReplyOutbox(maxHeldCount, maxHeldBytes, 1 << 20, ttl, budget, drops::add);
    }

    /** A frame; the outbox counts the size it is told, which is what these tests choose. */
    private static Frame frame(long id) {
        return Frame.of(id, MessageType.RESPONSE, new byte[0]);
    }

    private ReplyOutbox connected(ReplyOutbox outbox) {
        outbox.connected(true);
        return outbox;
    }

    @Test
    void keepsOrderAndAFailedWriteGoesOutFirst() {
        ReplyOutbox outbox = connected(outbox(10, 1 << 20, Duration.ofMinutes(1)));
        outbox.offer(frame(1), 1, null, false);
        outbox.offer(frame(2), 1, null, false);
        outbox.offer(frame(3), 1, null, false);
        ReplyOutbox.Entry first = outbox.poll();
        ReplyOutbox.Entry second = outbox.poll();
        outbox.putBack(second); // the connection died: their write listeners fire in any order
        outbox.putBack(first);
        assertThat(outbox.poll().id()).isEqualTo(1);
        assertThat(outbox.poll().id()).isEqualTo(2);
        assertThat(outbox.poll().id()).isEqualTo(3);
        assertThat(outbox.poll()).isNull();
        assertThat(drops).isEmpty();
    }

    @Test
    void refusalsOvertakeQueuedReplies() {
        ReplyOutbox outbox = connected(outbox(10, 1 << 20, Duration.ofMinutes(1)));
        outbox.offer(frame(1), 1, null, false);
        outbox.offer(frame(2), 1, null, false);
        outbox.offer(frame(9), 1, null, true);
        assertThat(outbox.poll().id()).isEqualTo(9);
        assertThat(outbox.poll().id()).isEqualTo(1);
    }

    @Test
    void whileConnectedNoComputedReplyIsDroppedForRoom() {
        ReplyOutbox outbox = connected(outbox(2, 100, Duration.ofMinutes(1)));
        for (int id = 1; id <= 50; id++) {
            outbox.offer(frame(id), 60, null, false);
        }
        assertThat(drops).isEmpty();
        assertThat(outbox.size()).isEqualTo(50);
    }

    @Test
    void whenTheConnectionGoesTheHeldRepliesAreBoundedOldestFirst() {
        ReplyOutbox outbox = connected(outbox(2, 1 << 20, Duration.ofMinutes(1)));
        outbox.offer(frame(1), 1, null, false);
        outbox.offer(frame(2), 1, null, false);
        outbox.offer(frame(3), 1, null, false);
        outbox.connected(false);
        assertThat(drops).containsExactly(DropReason.OUTBOX_FULL);
        assertThat(outbox.poll().id()).isEqualTo(2);
    }

    @Test
    void refusalsBeyondTheirByteBoundAreDroppedEvenWhileConnected() {
        ReplyOutbox outbox = new ReplyOutbox(10, 1 << 20, 100, Duration.ofMinutes(1), budget, drops::add);
        outbox.connected(true);
        outbox.offer(frame(1), 60, null, true);
        outbox.offer(frame(2), 60, null, true);
        assertThat(drops).containsExactly(DropReason.OUTBOX_FULL);
        assertThat(outbox.poll().id()).isEqualTo(2);
    }

    @Test
    void aBurstOfDropsIsOneWarningAndEveryDropIsCounted(CapturedOutput output) {
        ReplyOutbox outbox = outbox(1, 1 << 20, Duration.ofMinutes(1));
        for (int id = 1; id <= 500; id++) {
            outbox.offer(frame(id), 1, null, false);
        }
        assertThat(drops).hasSize(499);
        assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ") && line.contains("Dropped the frame")))
                .containsExactly(output.getOut().lines().filter(line -> line.contains("id=1 (1 bytes): outbox_full"))
                        .findFirst().orElseThrow());
    }

    @Test
    void drainingWaitsForTheFrameBeingWritten() throws Exception {
        ReplyOutbox outbox = connected(outbox(10, 1 << 20, Duration.ofMinutes(1)));
        outbox.offer(frame(1), 1, null, false);
        ReplyOutbox.Entry writing = outbox.poll(); // handed to the transport, not yet on the socket
        assertThat(outbox.awaitDrained(Duration.ZERO, () -> true)).isFalse();
        outbox.sent(writing);
        assertThat(outbox.awaitDrained(Duration.ZERO, () -> true)).isTrue();
    }

    @Test
    void drainingGivesUpWhenNothingCanBeSent() throws Exception {
        ReplyOutbox outbox = outbox(10, 1 << 20, Duration.ofMinutes(1));
        outbox.offer(frame(1), 1, null, false);
        assertThat(outbox.awaitDrained(Duration.ofMinutes(10), () -> false)).isFalse();
    }

    @Test
    void overBytesWhileDisconnectedDropsTheOldestButKeepsTheNewest() {
        ReplyOutbox outbox = outbox(10, 100, Duration.ofMinutes(1));
        outbox.offer(frame(1), 60, null, false);
        outbox.offer(frame(2), 60, null, false);
        outbox.offer(frame(3), 500, null, false);
        assertThat(drops).containsExactly(DropReason.OUTBOX_FULL, DropReason.OUTBOX_FULL);
        assertThat(outbox.poll().id()).isEqualTo(3);
    }

    @Test
    void aFramePutBackAfterTheConnectionDiedCountsAgainstTheHoldBound() {
        ReplyOutbox outbox = connected(outbox(10, 100, Duration.ofMinutes(1)));
        outbox.offer(frame(1), 60, null, false);
        ReplyOutbox.Entry writing = outbox.poll();
        outbox.offer(frame(2), 60, null, false);
        outbox.connected(false);
        outbox.putBack(writing);
        assertThat(outbox.bytes()).isEqualTo(60);
        assertThat(drops).containsExactly(DropReason.OUTBOX_FULL);
        assertThat(outbox.poll().id()).isEqualTo(2);
    }

    @Test
    void expiredEntriesAreDroppedNotSent() {
        ReplyOutbox outbox = connected(outbox(10, 1 << 20, Duration.ZERO));
        outbox.offer(frame(1), 1, null, false);
        assertThat(outbox.poll()).isNull();
        assertThat(drops).containsExactly(DropReason.EXPIRED);
        assertThat(outbox.size()).isZero();
    }

    @Test
    void aRepliesBytesStayInTheBudgetUntilWrittenOrDropped() {
        ReplyOutbox outbox = connected(outbox(10, 1 << 20, Duration.ofMinutes(1)));
        InFlightBudget.Reservation request = budget.tryReserve(1000);
        outbox.offer(frame(1), 40, request, false);
        assertThat(budget.used()).as("the request's reservation became its reply's size").isEqualTo(40);
        outbox.offer(frame(2), 7, null, false);
        assertThat(budget.used()).as("a push takes its bytes").isEqualTo(47);
        ReplyOutbox.Entry one = outbox.poll();
        outbox.putBack(one);
        assertThat(budget.used()).as("a failed write still holds its bytes").isEqualTo(47);
        outbox.sent(outbox.poll());
        assertThat(budget.used()).isEqualTo(7);
        outbox.clear(DropReason.SHUTDOWN);
        assertThat(budget.used()).isZero();
    }
}
