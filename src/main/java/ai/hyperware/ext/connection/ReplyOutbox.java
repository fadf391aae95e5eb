package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encoded frames waiting to go to the node, in order: replies and pushes while connected, and held across a
 * reconnect while not. A node still routes a reply by id for as long as the requester waits (15 s in every public
 * example), so a reply completed while disconnected is worth sending after reconnecting.
 *
 * <p>Bounded by count, by bytes and by age: past a bound the oldest frame is dropped (it is the nearest to being
 * useless), counted and logged. This is also the only send buffer, so a node that stops reading cannot make the
 * extension run out of memory.
 */
public final class ReplyOutbox {

    private static final Logger log = LoggerFactory.getLogger(ReplyOutbox.class);
    private static final long DRAIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** One encoded frame and when it stops being worth sending. */
    record Entry(long id, byte[] bytes, long expiresAtNanos) {
    }

    private final int maxCount;
    private final long maxBytes;
    private final long ttlNanos;
    private final DropListener drops;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final DropLog dropLog = new DropLog();
    private long bytes;
    /** Frames taken by the sender and not yet reported sent or put back. */
    private int inTransit;

    public ReplyOutbox(int maxCount, long maxBytes, Duration ttl, DropListener drops) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
        this.ttlNanos = ttl.toNanos();
        this.drops = drops;
    }

    /** Queues an encoded frame. Never blocks. */
    public void offer(long id, byte[] frame) {
        Entry entry = new Entry(id, frame, System.nanoTime() + ttlNanos);
        lock.lock();
        try {
            entries.addLast(entry);
            bytes += frame.length;
            dropOldestOverBounds();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the oldest frame still worth sending, waiting up to {@code wait}; {@code null} if none came. */
    Entry poll(long wait, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(wait);
        lock.lockInterruptibly();
        try {
            while (true) {
                dropExpired();
                Entry head = entries.pollFirst();
                if (head != null) {
                    bytes -= head.bytes().length;
                    inTransit++;
                    return head;
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = notEmpty.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Puts back a frame whose send failed, at the front, to keep the order. */
    void putBack(Entry entry) {
        lock.lock();
        try {
            entries.addFirst(entry);
            bytes += entry.bytes().length;
            inTransit--;
            dropOldestOverBounds(); // replies queued while the send was blocked may have filled the outbox
            signalIfDrained();
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The sender wrote frames it took; once nothing is waiting or in transit, the outbox is drained. */
    void sent(int frames) {
        lock.lock();
        try {
            inTransit -= frames;
            signalIfDrained();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every frame has been written to the node, for a graceful shutdown. Gives up early when
     * {@code deliverable} turns false (the session closed, so nothing more will be sent).
     *
     * @return whether the outbox drained
     */
    boolean awaitDrained(Duration limit, BooleanSupplier deliverable) throws InterruptedException {
        long remaining = limit.toNanos();
        lock.lockInterruptibly();
        try {
            while (!entries.isEmpty() || inTransit > 0) {
                if (remaining <= 0 || !deliverable.getAsBoolean()) {
                    return false;
                }
                // woken by the last send; the bounded wait also notices a session that closed meanwhile
                long wait = Math.min(remaining, DRAIN_CHECK_NANOS);
                remaining -= wait - drained.awaitNanos(wait);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of the frames waiting (the frame being written, if any, is not among them). */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Frames waiting. */
    public int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Drops whatever has expired; called while waiting, so stale frames do not linger in the counts. */
    public void dropExpired() {
        lock.lock();
        try {
            long now = System.nanoTime();
            while (!entries.isEmpty() && entries.peekFirst().expiresAtNanos() - now <= 0) {
                drop(entries.pollFirst(), DropReason.EXPIRED);
            }
            signalIfDrained();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything, e.g. at the end of a shutdown; returns how many were dropped. */
    int clear(DropReason reason) {
        lock.lock();
        try {
            int count = entries.size();
            while (!entries.isEmpty()) {
                drop(entries.pollFirst(), reason);
            }
            signalIfDrained();
            return count;
        } finally {
            lock.unlock();
        }
    }

    private void signalIfDrained() {
        if (entries.isEmpty() && inTransit == 0) {
            drained.signalAll();
        }
    }

    /** Keeps at least the newest frame, however large, so that one big reply can still go out. */
    private void dropOldestOverBounds() {
        while (entries.size() > 1 && (entries.size() > maxCount || bytes > maxBytes)) {
            drop(entries.pollFirst(), DropReason.OUTBOX_FULL);
        }
    }

    private void drop(Entry entry, DropReason reason) {
        bytes -= entry.bytes().length;
        dropLog.dropped(entry.id(), entry.bytes().length, reason);
        try {
            drops.dropped(reason);
        } catch (RuntimeException e) {
            log.debug("Drop listener failed", e);
        }
    }
}
