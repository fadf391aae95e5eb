package ai.hyperware.ext.connection;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failed connect into a sentence that names the likely cause and the fix. A node that refuses an extension
 * answers with a plain HTTP error, not a WebSocket close, and the reasons are always the same few.
 */
final class HandshakeFailures {

    private HandshakeFailures() {
    }

    static String explain(Throwable failure, String nodeUrl) {
        Throwable cause = unwrap(failure);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof HandshakeRefusedException refused) {
                return explainStatus(refused, nodeUrl);
            }
            if (t instanceof HandshakeTimeoutException timeout) {
                return timeout.getMessage() + " at " + nodeUrl + ": is the node overloaded, or the address wrong?";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "nothing is listening at " + nodeUrl + ": is the node running, and is "
                        + "hyperware.extension.node-url right?";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host in " + nodeUrl + ": check hyperware.extension.node-url";
            }
        }
        return "cannot connect to " + nodeUrl + ": " + cause;
    }

    private static String explainStatus(HandshakeRefusedException refused, String nodeUrl) {
        int status = refused.httpStatus();
        return switch (status) {
            case 101 -> "the upgrade at " + nodeUrl + " failed: " + refused.getMessage() + "; is something other "
                    + "than a Hyperware node (a proxy?) answering at hyperware.extension.node-url?";
            case 401, 403 -> "node refused the connection to " + nodeUrl + " (HTTP " + status + "): is the node "
                    + "started with --expose-local, is the extension on loopback with no X-Forwarded-* or "
                    + "X-Real-IP headers, and is hyperware.extension.auth-cookie set and current if the binding "
                    + "is authenticated?";
            case 404 -> "no extension binding at " + nodeUrl + " (HTTP 404): check hyperware.extension.process and "
                    + "hyperware.extension.path, and that the interface process is running and has bound the path; a "
                    + "node also answers 404 when an authenticated binding gets no cookie: set "
                    + "hyperware.extension.auth-cookie";
            default -> "node answered the handshake to " + nodeUrl + " with HTTP " + status + " instead of upgrading";
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
