package ai.hyperware.ext.connection;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that requests in flight may hold, from the moment their message arrives until their reply has been
 * written to the socket ({@code hyperware.extension.limits.max-in-flight-bytes}). A request that does not fit is
 * answered at once with an {@code Err} naming the setting, and its message is not kept: so many large requests at once
 * end in errors the requesters can read, never in an {@code OutOfMemoryError} that answers nobody.
 *
 * <p>A request reserves {@value #REQUEST_FACTOR} times its message size while it is handled (the message and the
 * value decoded from it); its reservation becomes its reply's size once the reply is encoded, and is released when
 * the reply is written or dropped. Replies and pushes always get their bytes (they are already in memory), so the
 * budget can be exceeded by what is already computed, never by what is newly accepted.
 */
public final class InFlightBudget {

    /** A request's message and the value decoded from it. */
    static final int REQUEST_FACTOR = 2;

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public InFlightBudget(long limit) {
        this.limit = limit;
    }

    /** The configured limit in bytes. */
    public long limit() {
        return limit;
    }

    /** Bytes reserved now. */
    public long used() {
        return used.get();
    }

    /** Reserves {@code bytes} if they fit; {@code null} if they do not (nothing is reserved then). */
    Reservation tryReserve(long bytes) {
        while (true) {
            long current = used.get();
            if (current + bytes > limit) {
                return null;
            }
            if (used.compareAndSet(current, current + bytes)) {
                return new Reservation(bytes);
            }
        }
    }

    /** Reserves {@code bytes} whether or not they fit: for what is already in memory. */
    Reservation force(long bytes) {
        used.addAndGet(bytes);
        return new Reservation(bytes);
    }

    /** Bytes held for one request or reply; released exactly once. */
    final class Reservation {
        private long bytes;
        private boolean released;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        /** Grows this reservation by {@code more} if that fits; returns whether it did. */
        synchronized boolean tryGrow(long more) {
            if (released) {
                return false;
            }
            while (true) {
                long current = used.get();
                if (current + more > limit) {
                    return false;
                }
                if (used.compareAndSet(current, current + more)) {
                    bytes += more;
                    return true;
                }
            }
        }

        /** Holds exactly {@code newBytes} from now on (a reply's size in place of its request's). */
        synchronized void resize(long newBytes) {
            if (!released) {
                used.addAndGet(newBytes - bytes);
                bytes = newBytes;
            }
        }

        synchronized void release() {
            if (!released) {
                released = true;
                used.addAndGet(-bytes);
            }
        }

        synchronized long bytes() {
            return released ? 0 : bytes;
        }
    }
}
