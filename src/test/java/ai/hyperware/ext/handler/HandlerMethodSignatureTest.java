package ai.hyperware.ext.handler;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import ai.hyperware.ext.payload.RustInteger;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.payload.RustType;

/** Signatures are checked once, at start-up, with a message that names the method and the fix. */
class HandlerMethodSignatureTest {

    private final RustSerdeMapper mapper = new RustSerdeMapper();

    record Point(int x, int y) {
    }

    record Limits(@RustType(RustInteger.U32) int max) {
    }

    public static class Handlers {
        @ExtensionHandler("Two")
        public void twoPayloads(Point a, Point b) {
        }

        @ExtensionHandler("Fut")
        public Future<String> future() {
            return null;
        }

        @ExtensionHandler(value = "Raw", wrapResult = false)
        public void rawVoid() {
        }

        @ExtensionHandler("")
        public void blank() {
        }

        @ExtensionHandler("Narrow")
        public void narrow(@RustType(RustInteger.U32) int limit) {
        }

        @ExtensionHandler("NarrowField")
        public void narrowField(Limits limits) {
        }

        @ExtensionHandler("NarrowReply")
        @RustType(RustInteger.U64)
        public int narrowReply() {
            return 0;
        }

        @ExtensionHandler("Good")
        public CompletableFuture<Point> good(RequestContext context, Point point) {
            return null;
        }
    }

    private HandlerMethod of(String name) throws Exception {
        Method method = java.util.Arrays.stream(Handlers.class.getMethods()).filter(m -> m.getName().equals(name))
                .findFirst().orElseThrow();
        return HandlerMethod.of("handlers", new Handlers(), method, method,
                method.getAnnotation(ExtensionHandler.class), mapper);
    }

    @Test
    void aRustTypeThePayloadCannotHoldIsRefusedNamingTheMethodAndTheFix() {
        assertThatThrownBy(() -> of("narrow")).hasMessageContaining("handlers#narrow")
                .hasMessageContaining("@RustType(U32) on the parameter of handlers#narrow: a Rust u32 does not fit a "
                        + "Java int; declare it long");
        assertThatThrownBy(() -> of("narrowField")).hasMessageContaining("handlers#narrowField")
                .hasMessageContaining("@RustType(U32) on Limits.max");
        assertThatThrownBy(() -> of("narrowReply")).hasMessageContaining("handlers#narrowReply returns")
                .hasMessageContaining("a Rust u64 does not fit a Java int");
    }

    @Test
    void twoPayloadParametersAreRefused() {
        assertThatThrownBy(() -> of("twoPayloads")).hasMessageContaining("handlers#twoPayloads")
                .hasMessageContaining("more than one payload parameter");
    }

    @Test
    void plainFutureIsRefused() {
        assertThatThrownBy(() -> of("future")).hasMessageContaining("CompletableFuture");
    }

    @Test
    void unwrappedVoidIsRefused() {
        assertThatThrownBy(() -> of("rawVoid")).hasMessageContaining("wrapResult = false");
    }

    @Test
    void blankVariantIsRefused() {
        assertThatThrownBy(() -> of("blank")).hasMessageContaining("names no variant");
    }

    @Test
    void contextAndOnePayloadWithFutureResultIsAccepted() {
        assertThatCode(() -> of("good")).doesNotThrowAnyException();
    }

    @Test
    void duplicateVariantNamesBothMethods() throws Exception {
        HandlerRegistry registry = new HandlerRegistry();
        registry.register(of("good"));
        HandlerMethod again = of("good");
        assertThatThrownBy(() -> registry.register(again)).hasMessageContaining("\"Good\" has two handlers")
                .hasMessageContaining("handlers#good and handlers#good");
    }
}
