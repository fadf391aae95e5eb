package ai.hyperware.ext.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import ai.hyperware.ext.connection.DropReason;
import ai.hyperware.ext.handler.Outcome;
import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;

/**
 * Forty requests for a 1 MiB reply each, sent to a node that has stopped reading: more than the TCP buffers hold,
 * so that the extension's writes block; with {@link #MAX_HELD_PROPERTY} more than the outbox may hold as well, so
 * that it must drop some. Either way the test can check that every reply ends up either at the node, whole, or in
 * the count of drops.
 */
final class LargeReplyFlood {

    static final String MAX_HELD_PROPERTY = "hyperware.extension.reply-hold.max-bytes=4MB";
    static final long MAX_HELD_BYTES = 4L * 1024 * 1024;
    static final int REPLIES = 40;
    static final int REPLY_BYTES = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final RustSerdeMapper mapper;
    private final Tally tally;
    private final SentRequests sent;
    private final long okBefore;
    private final long dropsBefore;

    private LargeReplyFlood(NodeSimulator node, RustSerdeMapper mapper, Tally tally) {
        this.mapper = mapper;
        this.tally = tally;
        this.sent = new SentRequests(node);
        this.okBefore = tally.answers(Outcome.OK);
        this.dropsBefore = tally.drops(DropReason.OUTBOX_FULL);
    }

    /** Sends the requests; returns once the extension has read and answered every one of them. */
    static LargeReplyFlood send(NodeSimulator node, RustSerdeMapper mapper, Tally tally) throws PayloadException {
        LargeReplyFlood flood = new LargeReplyFlood(node, mapper, tally);
        byte[] fill = RustEnumValue.of("Fill", mapper.write(REPLY_BYTES)).toBytes();
        for (int i = 0; i < REPLIES; i++) {
            flood.sent.send(fill);
        }
        // answered means handed to the outbox: the extension kept reading although it could not write
        await("every request read and answered by the extension").atMost(WAIT)
                .until(() -> tally.answers(Outcome.OK) - flood.okBefore == REPLIES);
        return flood;
    }

    /** Replies that have reached the node. */
    int delivered() {
        return sent.answered().size();
    }

    /** Replies dropped because the outbox was full, since the flood began. */
    long dropped() {
        return tally.drops(DropReason.OUTBOX_FULL) - dropsBefore;
    }

    /** Waits until every reply reached the node or was counted as dropped, and checks the replies that came. */
    void assertEveryReplyArrivedWholeOrWasCountedAsDropped() throws PayloadException {
        await("every reply delivered or counted as dropped").atMost(WAIT)
                .until(() -> sent.answered().size() + dropped() == REPLIES);
        assertThat(sent.waiting()).as("requests whose reply is neither here nor counted").hasSize((int) dropped());
        assertThat(sent.givenUp()).isEmpty();
        for (long id : sent.answered()) {
            byte[] filled = mapper.read(sent.reply(id).join().okValue(), byte[].class);
            assertThat(filled).as("reply to %s", Long.toUnsignedString(id)).hasSize(REPLY_BYTES);
        }
    }
}
