package ai.hyperware.ext.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.hyperware.ext.connection.InFlightBudget.Reservation;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameEncoder;

/**
 * Frames waiting to go to the node: replies and pushes while connected, and held across a reconnect while
 * not. A node still routes a reply by id for as long as the requester waits (15 s in every public example), so a reply
 * completed while disconnected is worth sending after reconnecting.
 *
 * <p>Two lanes: refusals (overloaded, shutting down, unreadable, over budget) go out ahead of computed replies, so that
 * a requester told "no" hears it within milliseconds, not after the queue of work. Frames whose write failed when a
 * connection died come back first of all, oldest first.
 *
 * <p>Bounds. While connected, a computed reply is never dropped for room: what bounds the queue is admission (new
 * requests are refused while {@link #bytes()} waiting are over {@code limits.max-unsent-bytes}, and by the in-flight
 * budget); only refusals beyond that many bytes are dropped, counted. While disconnected, the held frames are bounded
 * by {@code reply-hold.max-count} and {@code reply-hold.max-bytes}, oldest dropped first. At any time a frame older
 * than {@code reply-hold.ttl} is dropped: its requester has given up. Every drop is counted and logged.
 */
public final class ReplyOutbox {

    private static final Logger log = LoggerFactory.getLogger(ReplyOutbox.class);
    private static final long DRAIN_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * One frame, its encoded size, when it was queued, and the bytes it holds of the in-flight budget. The frame is
     * kept, not its encoding: it is encoded as it is written, straight into the transport's buffers.
     */
    record Entry(Frame frame, int size, long queuedAtNanos, long sequence, boolean refusal, Reservation reservation) {

        long id() {
            return frame.id();
        }
    }

    private final int maxHeldCount;
    private final long maxHeldBytes;
    private final long maxRefusalBytes;
    private final long ttlNanos;
    private final InFlightBudget budget;
    private final DropListener drops;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final PriorityQueue<Entry> retries = new PriorityQueue<>(Comparator.comparingLong(Entry::sequence));
    private final Deque<Entry> refusals = new ArrayDeque<>();
    private final Deque<Entry> replies = new ArrayDeque<>();
    private final DropLog dropLog = new DropLog();
    private volatile Runnable wakeUp = () -> { };
    private long sequence;
    /** Written under the lock; read without it by admission, once per request. */
    private volatile long bytes;
    private long refusalBytes;
    private boolean connected;
    /** Frames taken for writing and not yet reported written or put back, and their bytes. */
    private int inTransit;
    private long inTransitBytes;

    /**
     * @param maxHeldCount    {@code reply-hold.max-count}: frames held at most while disconnected
     * @param maxHeldBytes    {@code reply-hold.max-bytes}: bytes held at most while disconnected
     * @param maxRefusalBytes bytes of refusals waiting at most (past it the oldest refusal is dropped)
     * @param ttl             {@code reply-hold.ttl}
     */
    public ReplyOutbox(int maxHeldCount, long maxHeldBytes, long maxRefusalBytes, Duration ttl, InFlightBudget budget,
            DropListener drops) {
        this.maxHeldCount = maxHeldCount;
        this.maxHeldBytes = maxHeldBytes;
        this.maxRefusalBytes = maxRefusalBytes;
        this.ttlNanos = ttl.toNanos();
        this.budget = budget;
        this.drops = drops;
    }

    /** Called after every frame queued, from the thread that queued it: the sender's cue to write. */
    void onOffer(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }

    /** Queues a computed reply or a push; never blocks. */
    public void offer(Frame frame) {
        offer(frame, Math.toIntExact(FrameEncoder.encodedSize(frame)), null, false);
    }

    /**
     * Queues a frame; never blocks.
     *
     * @param size        its encoded size ({@link FrameEncoder#encodedSize}), which bounds and budgets count
     * @param reservation the bytes its request holds of the budget, resized to the frame; {@code null} takes them
     * @param refusal     whether it is an immediate refusal, which goes out ahead of computed replies
     */
    void offer(Frame frame, int size, Reservation reservation, boolean refusal) {
        Reservation held = reservation;
        if (held == null) {
            held = budget.force(size);
        } else {
            held.resize(size);
        }
        lock.lock();
        try {
            Entry entry = new Entry(frame, size, System.nanoTime(), sequence++, refusal, held);
            (refusal ? refusals : replies).addLast(entry);
            queued(entry);
            enforceBounds();
        } finally {
            lock.unlock();
        }
        wakeUp.run();
    }

    /** Takes the frame to write next, or {@code null} if none is waiting. Never blocks. */
    Entry poll() {
        lock.lock();
        try {
            dropExpiredLocked();
            Entry head = !retries.isEmpty() ? retries.poll() : !refusals.isEmpty() ? refusals.pollFirst()
                    : replies.pollFirst();
            if (head != null) {
                unqueued(head);
                inTransit++;
                inTransitBytes += head.size();
            }
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** The frame reached the socket: its bytes leave the budget. */
    void sent(Entry entry) {
        entry.reservation().release();
        lock.lock();
        try {
            leftTransit(entry);
            signalIfDrained();
        } finally {
            lock.unlock();
        }
    }

    /** The frame's write failed (the connection died): it goes out again first, on the next connection. */
    void putBack(Entry entry) {
        lock.lock();
        try {
            leftTransit(entry);
            retries.add(entry);
            queued(entry);
            enforceBounds();
            signalIfDrained();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a session is open; while not, the held frames are bounded by count and bytes. */
    void connected(boolean open) {
        lock.lock();
        try {
            connected = open;
            enforceBounds();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes queued or being written, and not yet on the socket. */
    public long unsentBytes() {
        lock.lock();
        try {
            return bytes + inTransitBytes;
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
            while (!isEmptyLocked() || inTransit > 0) {
                if (remaining <= 0 || !deliverable.getAsBoolean()) {
                    return false;
                }
                // woken by the last write; the bounded wait also notices a session that closed meanwhile
                long wait = Math.min(remaining, DRAIN_CHECK_NANOS);
                remaining -= wait - drained.awaitNanos(wait);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes of the frames waiting (those being written are not among them). */
    public long bytes() {
        return bytes;
    }

    /** Frames waiting. */
    public int size() {
        lock.lock();
        try {
            return sizeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Drops whatever has expired; called while disconnected, so stale frames do not linger in the counts. */
    public void dropExpired() {
        lock.lock();
        try {
            dropExpiredLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Drops everything, e.g. at the end of a shutdown; returns how many were dropped. */
    int clear(DropReason reason) {
        lock.lock();
        try {
            int count = sizeLocked();
            Entry oldest;
            while ((oldest = oldestLocked()) != null) {
                drop(oldest, reason);
            }
            signalIfDrained();
            return count;
        } finally {
            lock.unlock();
        }
    }

    private void dropExpiredLocked() {
        long now = System.nanoTime();
        // each queue is in order of age (the TTL is the same for all), so only heads can have expired
        while (expired(retries.peek(), now)) {
            drop(retries.peek(), DropReason.EXPIRED);
        }
        while (expired(refusals.peekFirst(), now)) {
            drop(refusals.peekFirst(), DropReason.EXPIRED);
        }
        while (expired(replies.peekFirst(), now)) {
            drop(replies.peekFirst(), DropReason.EXPIRED);
        }
        signalIfDrained();
    }

    private boolean expired(Entry head, long now) {
        return head != null && now - head.queuedAtNanos() >= ttlNanos;
    }

    /**
     * Held frames beyond reply-hold's bounds go, oldest first, keeping at least the newest so that one big reply can
     * still go out; refusals beyond their byte bound go at any time.
     */
    private void enforceBounds() {
        while (refusalBytes > maxRefusalBytes && refusals.size() > 1) {
            drop(refusals.peekFirst(), DropReason.OUTBOX_FULL);
        }
        if (connected) {
            return;
        }
        while (sizeLocked() > 1 && (sizeLocked() > maxHeldCount || bytes > maxHeldBytes)) {
            drop(oldestLocked(), DropReason.OUTBOX_FULL);
        }
    }

    private Entry oldestLocked() {
        Entry oldest = retries.peek();
        for (Entry head : new Entry[] {refusals.peekFirst(), replies.peekFirst()}) {
            if (head != null && (oldest == null || head.sequence() < oldest.sequence())) {
                oldest = head;
            }
        }
        return oldest;
    }

    /** Removes {@code entry}, which is the head of its queue, and accounts for it. */
    private void drop(Entry entry, DropReason reason) {
        if (retries.peek() == entry) {
            retries.poll();
        } else if (refusals.peekFirst() == entry) {
            refusals.pollFirst();
        } else {
            replies.pollFirst();
        }
        unqueued(entry);
        entry.reservation().release();
        dropLog.dropped(entry.id(), entry.size(), reason);
        try {
            drops.dropped(reason);
        } catch (RuntimeException e) {
            log.debug("Drop listener failed", e);
        }
    }

    private void queued(Entry entry) {
        bytes += entry.size();
        if (entry.refusal()) {
            refusalBytes += entry.size();
        }
    }

    private void leftTransit(Entry entry) {
        inTransit--;
        inTransitBytes -= entry.size();
    }

    private void unqueued(Entry entry) {
        bytes -= entry.size();
        if (entry.refusal()) {
            refusalBytes -= entry.size();
        }
    }

    private int sizeLocked() {
        return retries.size() + refusals.size() + replies.size();
    }

    private boolean isEmptyLocked() {
        return retries.isEmpty() && refusals.isEmpty() && replies.isEmpty();
    }

    private void signalIfDrained() {
        if (isEmptyLocked() && inTransit == 0) {
            drained.signalAll();
        }
    }
}
