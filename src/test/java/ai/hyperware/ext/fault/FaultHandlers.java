package ai.hyperware.ext.fault;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.RequestContext;

/**
 * Handlers the fault tests drive through the simulator, and the {@link Tally} of what the extension reported. Every
 * handler that a test waits on waits for a condition the test sets (a gate, a latch), never for a length of time.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultHandlers {

    @Bean
    Handlers faultTestHandlers() {
        return new Handlers();
    }

    @Bean
    BindingHandlers faultBindingHandlers() {
        return new BindingHandlers();
    }

    @Bean
    Tally faultTally() {
        return new Tally();
    }

    public static class Handlers {

        /** Ids of every request a handler was called for, as the extension read them. */
        private final Set<Long> seen = ConcurrentHashMap.newKeySet();
        private volatile CompletableFuture<Void> gate = new CompletableFuture<>();
        private final CountDownLatch stallRelease = new CountDownLatch(1);
        private final AtomicInteger stallsInterrupted = new AtomicInteger();

        /** Answers {@code value} at once. */
        @ExtensionHandler("Now")
        public long now(long value, RequestContext context) {
            seen.add(context.id());
            return value;
        }

        /** Answers {@code value} once the gate opens, without holding a handler thread meanwhile. */
        @ExtensionHandler("Gated")
        public CompletableFuture<Long> gated(long value, RequestContext context) {
            seen.add(context.id());
            return gate.thenApply(ignored -> value);
        }

        /** Blocks its handler thread until released or interrupted: a handler stuck in I/O. */
        @ExtensionHandler("Stall")
        public String stall() throws InterruptedException {
            try {
                stallRelease.await();
                return "released";
            } catch (InterruptedException e) {
                stallsInterrupted.incrementAndGet();
                throw e;
            }
        }

        /** A blob of {@code size} bytes below 0x80, so that its encoded size is the size plus a few bytes. */
        @ExtensionHandler("Fill")
        public byte[] fill(int size) {
            byte[] bytes = new byte[size];
            Arrays.fill(bytes, (byte) 'x');
            return bytes;
        }

        /** Makes later "Gated" requests wait. */
        public void closeGate() {
            gate = new CompletableFuture<>();
        }

        /** Lets every waiting "Gated" request complete. */
        public void openGate() {
            gate.complete(null);
        }

        /** Lets every stalled handler return (for the end of a test). */
        public void releaseStalls() {
            stallRelease.countDown();
        }

        public int stallsInterrupted() {
            return stallsInterrupted.get();
        }

        public Set<Long> seen() {
            return seen;
        }
    }
}
