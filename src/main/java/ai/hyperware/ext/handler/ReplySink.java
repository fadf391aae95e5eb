package ai.hyperware.ext.handler;

import ai.hyperware.ext.wire.Frame;

/** Where the dispatcher sends each request's one reply, with how the request ended. */
@FunctionalInterface
public interface ReplySink {

    /**
     * Takes a reply. Called exactly once per request, on whichever thread finished it; must not block.
     *
     * @param outcome lets the sink tell immediate refusals ({@link Outcome#isRefusal()}), which should overtake
     *                replies still queued, from computed replies
     */
    void reply(Frame reply, Outcome outcome);
}
