package ai.hyperware.ext.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Everything measured for one peer.
 *
 * @param startupNanos   launch to connected, per launch
 * @param idleRssKib     resident memory after start-up and the reply check, before any load
 * @param replyMessages  its replies to the {@link ReplyBytesCheck} samples, byte for byte
 * @param rssAfterLargeKib resident memory after the large echoes
 */
record PeerResult(Peer peer, long[] startupNanos, long idleRssKib, List<byte[]> replyMessages,
        LoadDriver.Throughput small, LoadDriver.Throughput medium, LoadDriver.Latency latency,
        LoadDriver.Soak soak, LoadDriver.LargeEcho oneMiB, LoadDriver.LargeEcho eightMiB, long rssAfterLargeKib) {

    long medianStartupNanos() {
        long[] sorted = startupNanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
