package ai.hyperware.ext.autoconfigure;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.payload.RawMsgpack;

/**
 * The built-in handlers, for checking an extension end to end from the node: {@code "Ping"} answers
 * {@code {"Ok": "Pong"}} and {@code {"Echo": x}} answers {@code {"Ok": x}} with {@code x} byte for byte.
 * Turn them off with {@code hyperware.extension.diagnostics.enabled=false}.
 */
public class DiagnosticHandlers {

    @ExtensionHandler("Ping")
    public String ping() {
        return "Pong";
    }

    @ExtensionHandler("Echo")
    public RawMsgpack echo(RawMsgpack value) {
        return value;
    }
}
