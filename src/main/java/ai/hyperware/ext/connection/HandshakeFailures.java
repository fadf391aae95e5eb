package ai.hyperware.ext.connection;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed connect into a sentence that names the likely cause and the fix. A node that refuses an extension
 * answers with a plain HTTP error, not a WebSocket close, and the reasons are always the same few.
 */
final class HandshakeFailures {

    /** Tomcat's client reports a refused upgrade as "The HTTP response from the server [403] did not permit ...". */
    private static final Pattern HTTP_STATUS = Pattern.compile("\\[(\\d{3})\\]");

    private HandshakeFailures() {
    }

    static String explain(Throwable failure, String nodeUrl) {
        Throwable cause = unwrap(failure);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "nothing is listening at " + nodeUrl + ": is the node running, and is "
                        + "hyperware.extension.node-url right?";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host in " + nodeUrl + ": check hyperware.extension.node-url";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + nodeUrl + " in time: is the node overloaded or the address wrong?";
            }
            Matcher status = HTTP_STATUS.matcher(String.valueOf(t.getMessage()));
            if (t.getClass().getName().endsWith("DeploymentException") && status.find()) {
                return explainStatus(Integer.parseInt(status.group(1)), nodeUrl);
            }
        }
        return "cannot connect to " + nodeUrl + ": " + cause;
    }

    private static String explainStatus(int status, String nodeUrl) {
        return switch (status) {
            case 401, 403 -> "node refused the connection to " + nodeUrl + " (HTTP " + status + "): is the node "
                    + "started with --expose-local, is the extension on loopback with no X-Forwarded-* or "
                    + "X-Real-IP headers, and is hyperware.extension.auth-cookie set and current if the binding "
                    + "is authenticated?";
            case 404 -> "no extension binding at " + nodeUrl + " (HTTP 404): check hyperware.extension.process and "
                    + "hyperware.extension.path, and that the interface process is running and has bound the path";
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
