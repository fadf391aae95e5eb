package ai.hyperware.ext.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The outbox keeps order, respects its bounds by dropping the oldest, and drops what has expired. */
@ExtendWith(OutputCaptureExtension.class)
class ReplyOutboxTest {

    private final List<DropReason> drops = new ArrayList<>();

    @Test
    void keepsOrderAndPutBackGoesToTheFront() throws Exception {
        ReplyOutbox outbox = new ReplyOutbox(10, 1 << 20, Duration.ofMinutes(1), drops::add);
        outbox.offer(1, new byte[1]);
        outbox.offer(2, new byte[1]);
        ReplyOutbox.Entry first = outbox.poll(0, TimeUnit.MILLISECONDS);
        outbox.putBack(first);
        assertThat(outbox.poll(0, TimeUnit.MILLISECONDS).id()).isEqualTo(1);
        assertThat(outbox.poll(0, TimeUnit.MILLISECONDS).id()).isEqualTo(2);
        assertThat(outbox.poll(0, TimeUnit.MILLISECONDS)).isNull();
        assertThat(drops).isEmpty();
    }

    @Test
    void aBurstOfDropsIsOneWarningAndEveryDropIsCounted(CapturedOutput output) {
        ReplyOutbox outbox = new ReplyOutbox(1, 1 << 20, Duration.ofMinutes(1), drops::add);
        for (int id = 1; id <= 500; id++) {
            outbox.offer(id, new byte[1]);
        }
        assertThat(drops).hasSize(499);
        assertThat(output.getOut().lines().filter(line -> line.contains(" WARN ") && line.contains("Dropped the frame")))
                .containsExactly(output.getOut().lines().filter(line -> line.contains("id=1 (1 bytes): outbox_full"))
                        .findFirst().orElseThrow());
    }

    @Test
    void drainingWaitsForTheFrameBeingSent() throws Exception {
        ReplyOutbox outbox = new ReplyOutbox(10, 1 << 20, Duration.ofMinutes(1), drops::add);
        outbox.offer(1, new byte[1]);
        outbox.poll(0, TimeUnit.MILLISECONDS); // taken by the sender, not yet written
        assertThat(outbox.awaitDrained(Duration.ZERO, () -> true)).isFalse();
        outbox.sent(1);
        assertThat(outbox.awaitDrained(Duration.ZERO, () -> true)).isTrue();
    }

    @Test
    void drainingGivesUpWhenNothingCanBeSent() throws Exception {
        ReplyOutbox outbox = new ReplyOutbox(10, 1 << 20, Duration.ofMinutes(1), drops::add);
        outbox.offer(1, new byte[1]);
        assertThat(outbox.awaitDrained(Duration.ofMinutes(10), () -> false)).isFalse();
    }

    @Test
    void overCountDropsTheOldest() throws Exception {
        ReplyOutbox outbox = new ReplyOutbox(2, 1 << 20, Duration.ofMinutes(1), drops::add);
        outbox.offer(1, new byte[1]);
        outbox.offer(2, new byte[1]);
        outbox.offer(3, new byte[1]);
        assertThat(drops).containsExactly(DropReason.OUTBOX_FULL);
        assertThat(outbox.poll(0, TimeUnit.MILLISECONDS).id()).isEqualTo(2);
    }

    @Test
    void overBytesDropsTheOldestButKeepsTheNewest() throws Exception {
        ReplyOutbox outbox = new ReplyOutbox(10, 100, Duration.ofMinutes(1), drops::add);
        outbox.offer(1, new byte[60]);
        outbox.offer(2, new byte[60]);
        outbox.offer(3, new byte[500]);
        assertThat(drops).containsExactly(DropReason.OUTBOX_FULL, DropReason.OUTBOX_FULL);
        assertThat(outbox.poll(0, TimeUnit.MILLISECONDS).id()).isEqualTo(3);
    }

    @Test
    void aFramePutBackAfterAFailedSendCountsAgainstTheBound() throws Exception {
        ReplyOutbox outbox = new ReplyOutbox(10, 100, Duration.ofMinutes(1), drops::add);
        outbox.offer(1, new byte[60]);
        ReplyOutbox.Entry sending = outbox.poll(0, TimeUnit.MILLISECONDS);
        outbox.offer(2, new byte[60]); // queued while the send of 1 was blocked
        outbox.putBack(sending);
        assertThat(outbox.bytes()).isEqualTo(60);
        assertThat(drops).containsExactly(DropReason.OUTBOX_FULL);
        assertThat(outbox.poll(0, TimeUnit.MILLISECONDS).id()).isEqualTo(2);
    }

    @Test
    void expiredEntriesAreDroppedNotSent() throws Exception {
        ReplyOutbox outbox = new ReplyOutbox(10, 1 << 20, Duration.ZERO, drops::add);
        outbox.offer(1, new byte[1]);
        assertThat(outbox.poll(0, TimeUnit.MILLISECONDS)).isNull();
        assertThat(drops).containsExactly(DropReason.EXPIRED);
        assertThat(outbox.size()).isZero();
    }
}
