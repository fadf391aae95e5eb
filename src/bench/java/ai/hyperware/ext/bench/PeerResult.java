package ai.hyperware.ext.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Everything measured for one peer.
 *
 * @param startupNanos     launch to connected, per launch
 * @param idleRssKib       resident memory after start-up and the reply check, before any load
 * @param replyMessages    its replies to the {@link ReplyBytesCheck} samples, byte for byte
 * @param fresh            the first seconds after the fresh-start warm-up
 * @param rssAfterLargeKib resident memory after the large echoes
 * @param phases           where each phase began: the warm-up every figure had
 */
record PeerResult(Peer peer, long[] startupNanos, long idleRssKib, List<byte[]> replyMessages,
        LoadDriver.SecondBySecond fresh, SlicedThroughput small, SlicedThroughput medium,
        LoadDriver.Latency latency, LoadDriver.Soak soak, LoadDriver.LargeEcho oneMiB, LoadDriver.LargeEcho eightMiB,
        long rssAfterLargeKib, List<PhaseStart> phases) {

    /** A phase began after {@code requestsBefore} requests, {@code secondsSinceLaunch} after the peer's launch. */
    record PhaseStart(String phase, long requestsBefore, double secondsSinceLaunch) {

        @Override
        public String toString() {
            return String.format("%s after %,d requests, %.1f s after launch", phase, requestsBefore,
                    secondsSinceLaunch);
        }
    }

    long medianStartupNanos() {
        long[] sorted = startupNanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
