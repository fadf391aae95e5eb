package ai.hyperware.ext.autoconfigure;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.payload.RawMsgpack;

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
}
