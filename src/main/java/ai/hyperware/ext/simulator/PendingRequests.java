package ai.hyperware.ext.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

import ai.hyperware.ext.wire.Frame;

/**
 * The node's table of requests awaiting a reply, by id. Like the node, it forgets an id once its timeout has
 * passed, so that a reply arriving later matches nothing. It survives restarts of the simulator: a reply sent on a
 * new connection still finds its request, as on the node.
 */
final class PendingRequests implements AutoCloseable {

    private final Map<Long, CompletableFuture<SimulatedReply>> byId = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final ScheduledThreadPoolExecutor timer;

    PendingRequests(Duration timeout, String threadName) {
        this.timeout = timeout;
        this.timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads(threadName));
        // an answered request cancels its timeout; without this, every cancelled timeout (and the reply its
        // future holds) would stay queued until its deadline
        timer.setRemoveOnCancelPolicy(true);
        // the thread leaves when no timeout is queued, and comes back with the next request
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    /** Registers a request under a fresh random id: about half of all ids are at or above 2^63, as on the node. */
    Registered registerWithRandomId() {
        while (true) {
            long id = ThreadLocalRandom.current().nextLong();
            CompletableFuture<SimulatedReply> reply = register(id);
            if (reply != null) {
                return new Registered(id, reply);
            }
        }
    }

    /** A request id with the future its reply completes. */
    record Registered(long id, CompletableFuture<SimulatedReply> reply) {
    }

    /** Registers a request under the given id; {@code null} if that id is already waiting. */
    CompletableFuture<SimulatedReply> register(long id) {
        CompletableFuture<SimulatedReply> reply = new CompletableFuture<>();
        if (byId.putIfAbsent(id, reply) != null) {
            return null;
        }
        ScheduledFuture<?> expiry = timer.schedule(() -> expire(id, reply), timeout.toNanos(), TimeUnit.NANOSECONDS);
        reply.whenComplete((value, error) -> expiry.cancel(false));
        return reply;
    }

    /**
     * Completes the request the reply answers; {@code false} if no request with its id is waiting.
     *
     * @param message the reply's bytes as received, kept in the {@link SimulatedReply}
     */
    boolean complete(Frame replyFrame, byte[] message) {
        CompletableFuture<SimulatedReply> reply = byId.remove(replyFrame.id());
        if (reply == null) {
            return false;
        }
        reply.complete(new SimulatedReply(replyFrame, message));
        return true;
    }

    /** Fails one request, e.g. when it could not be sent. */
    void fail(long id, CompletableFuture<SimulatedReply> reply, Throwable cause) {
        if (byId.remove(id, reply)) {
            reply.completeExceptionally(cause);
        }
    }

    /** Fails every waiting request with the exception made for its id; returns how many there were. */
    int failAll(LongFunction<? extends Throwable> cause) {
        int failed = 0;
        for (Map.Entry<Long, CompletableFuture<SimulatedReply>> entry : byId.entrySet()) {
            if (byId.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().completeExceptionally(cause.apply(entry.getKey()));
                failed++;
            }
        }
        return failed;
    }

    int size() {
        return byId.size();
    }

    private void expire(long id, CompletableFuture<SimulatedReply> reply) {
        if (byId.remove(id, reply)) {
            reply.completeExceptionally(new TimeoutException("no reply to request id " + Long.toUnsignedString(id)
                    + " within " + timeout + "; the node has forgotten the id, a later reply will be dropped"));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
