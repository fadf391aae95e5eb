package ai.hyperware.ext.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ai.hyperware.ext.connection.netty.TransportWarmUp;
import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.HandlerMethod;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.payload.RawMsgpack;
import ai.hyperware.ext.payload.RustSerdeMapper;

/** The warm-up runs the whole read path on its own objects, calls only the handlers it was given, and logs nothing. */
@ExtendWith(OutputCaptureExtension.class)
class CodecWarmUpTest {

    /** Stands in for the built-in handlers, and counts what the warm-up sends them. */
    public static class CountingDiagnostics {
        final AtomicInteger pings = new AtomicInteger();
        final AtomicInteger echoes = new AtomicInteger();

        @ExtensionHandler(value = "Ping", blocking = false)
        public String ping() {
            pings.incrementAndGet();
            return "Pong";
        }

        @ExtensionHandler(value = "Echo", blocking = false)
        public RawMsgpack echo(RawMsgpack value) {
            echoes.incrementAndGet();
            return value;
        }
    }

    @Test
    void everyRoundGoesThroughTheHandlersItWasGivenAndNothingIsLogged(CapturedOutput output) throws Exception {
        CountingDiagnostics handlers = new CountingDiagnostics();
        HandlerRegistry registry = new HandlerRegistry();
        RustSerdeMapper mapper = new RustSerdeMapper();
        for (String name : new String[] {"ping", "echo"}) {
            var method = name.equals("ping") ? CountingDiagnostics.class.getMethod(name)
                    : CountingDiagnostics.class.getMethod(name, RawMsgpack.class);
            registry.register(HandlerMethod.of("counting", handlers, method, method,
                    method.getAnnotation(ExtensionHandler.class), mapper));
        }

        new CodecWarmUp(registry, 48, new TransportWarmUp(48)).run();
        new TransportWarmUp(48).run();

        assertThat(handlers.pings).as("Pings answered, two a round").hasValue(96);
        assertThat(handlers.echoes).as("Echoes answered, four a round and a large one every eighth").hasValue(198);
        assertThat(output.getOut()).doesNotContain(" WARN ").doesNotContain(" ERROR ");
    }
}
