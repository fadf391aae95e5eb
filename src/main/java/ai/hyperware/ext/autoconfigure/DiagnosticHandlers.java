package ai.hyperware.ext.autoconfigure;

import java.lang.reflect.Method;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.HandlerMethod;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.payload.RawMsgpack;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * The built-in handlers, for checking an extension end to end from the node: {@code "Ping"} answers
 * {@code {"Ok": "Pong"}} and {@code {"Echo": x}} answers {@code {"Ok": x}} with {@code x} byte for byte.
 * Turn them off with {@code hyperware.extension.diagnostics.enabled=false}. Both are non-blocking: they run on the
 * connection's I/O thread, so they measure the runtime's own cost, and answer even when every handler thread is busy.
 */
public class DiagnosticHandlers {

    @ExtensionHandler(value = "Ping", blocking = false)
    public String ping() {
        return "Pong";
    }

    @ExtensionHandler(value = "Echo", blocking = false)
    public RawMsgpack echo(RawMsgpack value) {
        return value;
    }

    /** A registry of a fresh instance's handlers alone, for the start-up warm-up: never the application's. */
    static HandlerRegistry standaloneRegistry(RustSerdeMapper mapper) {
        DiagnosticHandlers handlers = new DiagnosticHandlers();
        HandlerRegistry registry = new HandlerRegistry();
        for (Method method : DiagnosticHandlers.class.getMethods()) {
            ExtensionHandler annotation = method.getAnnotation(ExtensionHandler.class);
            if (annotation != null) {
                registry.register(HandlerMethod.of("hyperwareWarmUp", handlers, method, method, annotation, mapper));
            }
        }
        return registry;
    }
}
