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
 * Forty requests for a 1 MiB reply each, sent one after another (each once the previous is answered) to a node that
 * has stopped reading: more than the TCP buffers hold, so that the extension's writes stop, and with
 * {@link #MAX_UNSENT_PROPERTY} more than the extension lets wait unsent, so that it must refuse the later requests.
 * The test can then check that every request ends up answered at the node, with its whole reply or with the refusal,
 * and that no reply the extension accepted was dropped.
 */
final class LargeReplyFlood {

    static final String MAX_UNSENT_PROPERTY = "hyperware.extension.limits.max-unsent-bytes=4MB";
    static final long MAX_UNSENT_BYTES = 4L * 1024 * 1024;
    static final int REPLIES = 40;
    static final int REPLY_BYTES = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final RustSerdeMapper mapper;
    private final Tally tally;
    private final SentRequests sent;
    private final long answeredBefore;
    private final long refusedBefore;
    private final long dropsBefore;

    private LargeReplyFlood(NodeSimulator node, RustSerdeMapper mapper, Tally tally) {
        this.mapper = mapper;
        this.tally = tally;
        this.sent = new SentRequests(node);
        this.answeredBefore = answered(tally);
        this.refusedBefore = tally.answers(Outcome.OVERLOADED);
        this.dropsBefore = tally.dropsInAll();
    }

    /**
     * Sends the requests, each after the extension has answered the one before (so that each meets the admission
     * check with the replies before it already waiting); returns once the last is answered.
     */
    static LargeReplyFlood send(NodeSimulator node, RustSerdeMapper mapper, Tally tally) throws PayloadException {
        LargeReplyFlood flood = new LargeReplyFlood(node, mapper, tally);
        byte[] fill = RustEnumValue.of("Fill", mapper.write(REPLY_BYTES)).toBytes();
        for (int i = 1; i <= REPLIES; i++) {
            flood.sent.send(fill);
            long expected = i;
            // answered means handed to the outbox: the extension kept reading although it could not write
            await("request " + i + " read and answered by the extension").atMost(WAIT)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> answered(tally) - flood.answeredBefore == expected);
        }
        return flood;
    }

    private static long answered(Tally tally) {
        return tally.answers(Outcome.OK) + tally.answers(Outcome.OVERLOADED);
    }

    /** Replies that have reached the node. */
    int delivered() {
        return sent.answered().size();
    }

    /** Requests refused because too many reply bytes were waiting. */
    long refused() {
        return tally.answers(Outcome.OVERLOADED) - refusedBefore;
    }

    /** Frames dropped for any reason since the flood began. */
    long dropped() {
        return tally.dropsInAll() - dropsBefore;
    }

    /**
     * Waits until every request has its reply at the node, and checks each: the whole 1 MiB, or the refusal that
     * names the setting.
     */
    void assertEveryRequestWasAnsweredAndNoneDropped() throws PayloadException {
        await("every reply delivered").atMost(WAIT).until(() -> sent.answered().size() + dropped() == REPLIES);
        assertThat(dropped()).as("frames dropped").isZero();
        assertThat(sent.givenUp()).isEmpty();
        int refusals = 0;
        for (long id : sent.answered()) {
            var reply = sent.reply(id).join();
            if (reply.isOk()) {
                byte[] filled = mapper.read(reply.okValue(), byte[].class);
                assertThat(filled).as("reply to %s", Long.toUnsignedString(id)).hasSize(REPLY_BYTES);
            } else {
                assertThat(reply.render()).contains("hyperware.extension.limits.max-unsent-bytes");
                refusals++;
            }
        }
        assertThat(refusals).as("refusals at the node").isEqualTo(refused());
    }
}
