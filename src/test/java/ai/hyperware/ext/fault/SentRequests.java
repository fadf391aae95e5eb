package ai.hyperware.ext.fault;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.MessageType;

/**
 * Requests the simulator sent under ids of the test's choosing, and what became of each as the node saw it:
 * answered, given up (not sent, or the node stopped), or still waiting. Ids start at 2^63 + 1, where the unsigned
 * form matters.
 */
final class SentRequests {

    private static final long FIRST_ID = Long.MIN_VALUE + 1;

    private final NodeSimulator node;
    private final Map<Long, CompletableFuture<SimulatedReply>> byId = new LinkedHashMap<>();

    SentRequests(NodeSimulator node) {
        this.node = node;
    }

    /** Sends one request the way the node does (type Response, named layout); returns its id. */
    synchronized long send(byte[] blob) {
        long id = FIRST_ID + byId.size();
        byId.put(id, node.request(Frame.of(id, MessageType.RESPONSE, blob)));
        return id;
    }

    synchronized int count() {
        return byId.size();
    }

    synchronized CompletableFuture<SimulatedReply> reply(long id) {
        return byId.get(id);
    }

    /** Ids whose reply arrived. */
    Set<Long> answered() {
        return ids(reply -> reply.isDone() && !reply.isCompletedExceptionally());
    }

    /** Ids the node gave up on: not sent, or failed with the node's stop. */
    Set<Long> givenUp() {
        return ids(CompletableFuture::isCompletedExceptionally);
    }

    /** Ids still waiting for a reply. */
    Set<Long> waiting() {
        return ids(reply -> !reply.isDone());
    }

    private synchronized Set<Long> ids(Predicate<CompletableFuture<SimulatedReply>> which) {
        return byId.entrySet().stream().filter(entry -> which.test(entry.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
