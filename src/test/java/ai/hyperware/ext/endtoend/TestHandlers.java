package ai.hyperware.ext.endtoend;

import java.util.concurrent.CompletableFuture;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.payload.RustInteger;
import ai.hyperware.ext.payload.RustType;
import ai.hyperware.ext.handler.RequestContext;

/** Handlers the end-to-end tests call through the simulator. */
@TestConfiguration(proxyBeanMethods = false)
public class TestHandlers {

    /** {@code RunScript { package_id: String, args: Vec<u8>, n: u64 }}, PROTOCOL.md §5. */
    public record RunScript(String packageId, byte[] args, @RustType(RustInteger.U64) long n) {
    }

    public record ScriptSummary(String packageId, int argCount, String n) {
    }

    /** Requests to "Gated" wait here until a test opens the gate; no test depends on how long anything takes. */
    private static volatile CompletableFuture<Void> gate = new CompletableFuture<>();

    /** Makes later "Gated" requests wait. */
    public static void closeGate() {
        gate = new CompletableFuture<>();
    }

    /** Lets every waiting "Gated" request complete. */
    public static void openGate() {
        gate.complete(null);
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

        /** Answers its argument once the gate opens, without holding a handler thread. */
        @ExtensionHandler("Gated")
        public CompletableFuture<Long> gated(long value) {
            return gate.thenApply(ignored -> value);
        }

    }
}
