package ai.hyperware.ext.simulator;

import java.time.Duration;
import java.util.Objects;

import ai.hyperware.ext.wire.TypeFieldName;

/**
 * What a {@link NodeSimulator} was built with; checked once, in the builder, so that the rest can trust it.
 *
 * @param process        the bound process id, e.g. {@code ext:ext:test.os}
 * @param path           the extension path the process binds, {@code /} or {@code /foo}
 * @param port           the port to bind first; 0 for an ephemeral one
 * @param requiredCookie the exact cookie ({@code name=value}) an authenticated binding demands, or {@code null}
 * @param requestTimeout how long a request waits for its reply, as {@code expects_response(N)} on the node
 * @param kinodeNode     whether to behave as a Kinode node up to 1.0.0 ({@code kinode_message_type})
 * @param keepRequestsOnStop whether requests in flight outlive a stop (an outage of the listener only) instead of
 *                       failing with it (a node crash)
 */
record SimulatorSettings(String process, String path, int port, String requiredCookie, Duration requestTimeout,
        boolean kinodeNode, boolean keepRequestsOnStop) {

    SimulatorSettings {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (process.isBlank() || process.contains("/") || process.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("process must be a process id such as ext:ext:test.os, not \""
                    + process + "\"");
        }
        if (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("path must start with / (e.g. \"/\" or \"/foo\"), not \"" + path + "\"");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (ephemeral) or 1-65535, not " + port);
        }
        if (requiredCookie != null && (!requiredCookie.contains("=") || requiredCookie.contains(";"))) {
            // the value is a secret: the message names the shape expected, never the value given
            throw new IllegalArgumentException("requiredCookie must be one name=value pair, "
                    + "e.g. hyperware-auth_node.os=<JWT>");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, not " + requestTimeout);
        }
    }

    /** The server path: {@code /ext:ext:test.os} for path {@code /}, {@code /ext:ext:test.os/foo} for {@code /foo}. */
    String endpointPath() {
        return "/" + process + ("/".equals(path) ? "" : path);
    }

    /** The type field name this node parses; the other one makes a reply unparseable. */
    TypeFieldName acceptedTypeFieldName() {
        return kinodeNode ? TypeFieldName.KINODE : TypeFieldName.HYPERWARE;
    }
}
