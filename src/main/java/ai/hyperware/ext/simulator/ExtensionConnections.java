package ai.hyperware.ext.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.websocket.Session;

/**
 * Which extension connection is the current one, and how many have been accepted. A newer connection replaces
 * the current one; the caller closes the one it displaced.
 */
final class ExtensionConnections {

    private Session current;
    private int accepted;
    private final List<Integer> closeCodes = new ArrayList<>();

    /** Makes {@code session} current; returns the connection it displaces, or {@code null}. */
    synchronized Session opened(Session session) {
        Session displaced = current;
        current = session;
        accepted++;
        notifyAll();
        return displaced;
    }

    /** Forgets {@code session} if it is still the current one, and records the code it closed with. */
    synchronized void closed(Session session, int closeCode) {
        closeCodes.add(closeCode);
        if (current == session) {
            current = null;
            notifyAll();
        }
    }

    /** Takes the current connection away (to drop it); returns it, or {@code null}. */
    synchronized Session detach() {
        Session detached = current;
        current = null;
        notifyAll();
        return detached;
    }

    synchronized Session current() {
        return current;
    }

    synchronized boolean isConnected() {
        return current != null && current.isOpen();
    }

    synchronized List<Integer> closeCodes() {
        return List.copyOf(closeCodes);
    }

    synchronized int accepted() {
        return accepted;
    }

    /**
     * Waits until the condition, evaluated under this object's lock, holds; {@code false} on timeout or interrupt
     * (the interrupt flag is set again, so the caller's thread still sees it).
     */
    synchronized boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // woken by every change of connection; the bounded wait also catches a session closed under us
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
