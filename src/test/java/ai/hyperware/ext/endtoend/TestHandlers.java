package ai.hyperware.ext.endtoend;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.RequestContext;

/** Handlers the end-to-end tests call through the simulator. */
@TestConfiguration(proxyBeanMethods = false)
public class TestHandlers {

    /** {@code RunScript { package_id: String, args: Vec<u8>, n: u64 }}, PROTOCOL.md §5. */
    public record RunScript(String packageId, byte[] args, long n) {
    }

    public record ScriptSummary(String packageId, int argCount, String n) {
    }

    @Bean
    Handlers endToEndHandlers() {
        return new Handlers();
    }

    public static class Handlers {

        @ExtensionHandler("RunScript")
        public ScriptSummary runScript(RunScript script) {
            return new ScriptSummary(script.packageId(), script.args().length, Long.toUnsignedString(script.n()));
        }

        @ExtensionHandler("Boom")
        public String boom() {
            throw new IllegalStateException("boom went the handler");
        }

        @ExtensionHandler("WhoAmI")
        public String whoAmI(RequestContext context) {
            return context.idString();
        }

        /** A blob of {@code size} bytes, all below 0x80 so that its encoded size is predictable. */
        @ExtensionHandler("Fill")
        public byte[] fill(int size) {
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) (i % 128);
            }
            return bytes;
        }

        @ExtensionHandler("Length")
        public int length(byte[] bytes) {
            return bytes.length;
        }

        @ExtensionHandler("Sum")
        public long sum(byte[] bytes) {
            long sum = 0;
            for (byte b : bytes) {
                sum += b & 0xff;
            }
            return sum;
        }

        /** Answers after {@code millis}, without holding a handler thread. */
        @ExtensionHandler("Sleep")
        public CompletableFuture<Long> sleep(long millis) {
            Executor later = CompletableFuture.delayedExecutor(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> millis, later);
        }

        @ExtensionHandler("Sorted")
        public int[] sorted(int[] values) {
            int[] copy = values.clone();
            Arrays.sort(copy);
            return copy;
        }

        @ExtensionHandler("Slow")
        public String slow(long millis) throws InterruptedException {
            Thread.sleep(Duration.ofMillis(millis).toMillis());
            return "done";
        }
    }
}
