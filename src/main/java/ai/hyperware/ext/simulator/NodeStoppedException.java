package ai.hyperware.ext.simulator;

import java.io.IOException;

/**
 * Fails a request future whose reply can no longer arrive because {@link NodeSimulator#stop()} (or
 * {@link NodeSimulator#close()}) stopped the node, as a node crash would. A test can count these to see which
 * requests were lost.
 */
public final class NodeStoppedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param id the unsigned id of the request that was lost */
    NodeStoppedException(long id) {
        super("the node stopped before request id " + Long.toUnsignedString(id) + " was answered");
    }
}
