package ai.hyperware.ext.support;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running a piece of code, as the JVM counts them. */
public final class Allocations {

    private Allocations() {
    }

    /** A piece of code that may throw anything; what it throws is ignored. */
    @FunctionalInterface
    public interface Action {
        void run() throws Throwable;
    }

    public static long measure(Action action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        try {
            action.run();
        } catch (Throwable ignored) {
            // the caller asserts on what was thrown separately; here only the allocation counts
        }
        return threads.getThreadAllocatedBytes(thread) - before;
    }
}
