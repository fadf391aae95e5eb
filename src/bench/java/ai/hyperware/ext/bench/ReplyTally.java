package ai.hyperware.ext.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import ai.hyperware.ext.simulator.SimulatedReply;

/**
 * The fate of every request a phase sent: answered with the expected blob, answered with another, or failed (no
 * reply within the node's timeout, connection lost). The first problem is kept to be printed.
 */
final class ReplyTally {

    private final LongAdder sent = new LongAdder();
    private final LongAdder correct = new LongAdder();
    private final LongAdder wrong = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<String> firstProblem = new AtomicReference<>();

    void sent() {
        sent.increment();
    }

    /** Records one outcome; called from the simulator's threads. */
    void record(SimulatedReply reply, Throwable error, EchoCase expected) {
        if (error != null) {
            failed.increment();
            firstProblem.compareAndSet(null, expected.name() + ": " + error);
        } else if (Arrays.equals(reply.blob(), expected.expectedReply())) {
            correct.increment();
        } else {
            wrong.increment();
            firstProblem.compareAndSet(null, expected.name() + ": unexpected reply " + abbreviate(reply.render()));
        }
    }

    long sentCount() {
        return sent.sum();
    }

    long correctCount() {
        return correct.sum();
    }

    long answeredCount() {
        return correct.sum() + wrong.sum();
    }

    long wrongCount() {
        return wrong.sum();
    }

    long failedCount() {
        return failed.sum();
    }

    /** Every request sent was answered with the blob it should get. */
    boolean allCorrect() {
        return correctCount() == sentCount();
    }

    String firstProblem() {
        return firstProblem.get();
    }

    @Override
    public String toString() {
        return String.format("sent %,d, answered %,d (correct %,d, wrong %,d), failed %,d", sentCount(),
                answeredCount(), correctCount(), wrongCount(), failedCount())
                + (firstProblem() == null ? "" : "; first problem: " + firstProblem());
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
