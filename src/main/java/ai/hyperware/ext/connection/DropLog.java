package ai.hyperware.ext.connection;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs dropped frames without flooding: the first drop for a reason is a WARN with its id, and further drops for that
 * reason within {@value #QUIET_SECONDS} s go to DEBUG, to be summed up in the next WARN. An outage can drop thousands
 * of replies; the log then shows a few lines with counts, and every drop is still counted in the metrics.
 */
final class DropLog {

    private static final Logger log = LoggerFactory.getLogger(ReplyOutbox.class);
    private static final long QUIET_SECONDS = 10;

    private final Map<DropReason, Long> lastWarnNanos = new EnumMap<>(DropReason.class);
    private final Map<DropReason, Long> quietDrops = new EnumMap<>(DropReason.class);

    synchronized void dropped(long id, int size, DropReason reason) {
        long now = System.nanoTime();
        Long last = lastWarnNanos.get(reason);
        if (last != null && now - last < TimeUnit.SECONDS.toNanos(QUIET_SECONDS)) {
            quietDrops.merge(reason, 1L, Long::sum);
            log.debug("Dropped the frame for id={} ({} bytes): {}", Long.toUnsignedString(id), size, reason.tag());
            return;
        }
        lastWarnNanos.put(reason, now);
        Long quiet = quietDrops.remove(reason);
        log.warn("Dropped the frame for id={} ({} bytes): {}{}", Long.toUnsignedString(id), size, reason.tag(),
                quiet == null ? "" : "; " + quiet + " more dropped for the same reason since the last warning "
                        + "(ids at DEBUG)");
    }
}
