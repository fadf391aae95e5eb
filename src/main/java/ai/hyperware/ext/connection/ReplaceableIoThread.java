package ai.hyperware.ext.connection;

/**
 * A WebSocket client whose I/O thread can be given up when it is stuck, so that the next connection runs on a new
 * one instead of queueing behind a thread that may never return.
 */
public interface ReplaceableIoThread {

    /** Later connections get a new I/O thread; the stuck one ends whenever what holds it returns. */
    void abandonIoThread();
}
