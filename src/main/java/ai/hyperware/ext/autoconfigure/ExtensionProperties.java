package ai.hyperware.ext.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Configuration under {@code hyperware.extension}. The README's configuration reference lists every property
 * with its default; keep the two in step.
 *
 * @param nodeUrl           the node's HTTP address as a WebSocket URL, without the process
 * @param process           the interface process id, {@code name:package:publisher}; required
 * @param path              the extension path the process bound, e.g. {@code /} or {@code /foo}
 * @param authCookie        the node's login cookie, {@code hyperware-auth_<node>=<JWT>}, for an authenticated
 *                          binding; a secret, never logged
 * @param handshakeHeaders  extra headers for the upgrade request; their values are never logged
 * @param maxInFlight       requests handled at once; past that, requests get an immediate {@code Err}
 * @param handlerThreads    platform threads for handlers (ignored with virtual threads)
 * @param handlerTimeout    time a handler has before its request is answered with an {@code Err}
 * @param reconnect         backoff between connection attempts
 * @param limits            message and frame sizes, send timeout
 * @param replyHold         replies held while disconnected (and queued while connected)
 * @param diagnostics       the built-in {@code Ping} and {@code Echo}
 */
@ConfigurationProperties("hyperware.extension")
public record ExtensionProperties(
        @DefaultValue("ws://localhost:8080") URI nodeUrl,
        String process,
        @DefaultValue("/") String path,
        String authCookie,
        Map<String, String> handshakeHeaders,
        @DefaultValue("256") int maxInFlight,
        @DefaultValue("32") int handlerThreads,
        @DefaultValue("10s") Duration handlerTimeout,
        @DefaultValue Reconnect reconnect,
        @DefaultValue Limits limits,
        @DefaultValue ReplyHold replyHold,
        @DefaultValue Diagnostics diagnostics) {

    private static final String PREFIX = "hyperware.extension.";

    /** Checks every setting once, at binding, so that a bad one stops the start-up before anything connects. */
    public ExtensionProperties {
        validate(nodeUrl, process, path, authCookie, maxInFlight, handlerThreads, handlerTimeout, limits, replyHold);
        validate(reconnect);
    }

    /**
     * @param initialDelay the first wait after a failure
     * @param maxDelay     the longest wait; the backoff doubles up to it, with jitter
     */
    public record Reconnect(@DefaultValue("500ms") Duration initialDelay, @DefaultValue("30s") Duration maxDelay) {
    }

    /**
     * @param maxInboundMessageSize  largest message accepted from the node (the node sends up to 64 MiB)
     * @param maxOutboundMessageSize largest reply sent; a larger one is replaced by an {@code Err} (the node reads
     *                               up to 64 MiB)
     * @param maxFrameSize           largest frame sent; larger replies are fragmented (the node reads frames of up
     *                               to 16 MiB)
     * @param sendTimeout            writes that make no progress for this long mark the session broken; it is
     *                               closed and reopened, and the unsent replies sent on the new one
     * @param connectTimeout         time allowed for the TCP connect, and again for the WebSocket upgrade
     * @param maxInFlightBytes       bytes that requests in flight may hold, from the arrival of their message until
     *                               their reply is written; a request that does not fit gets an immediate {@code Err}
     * @param maxUnsentBytes         while more reply bytes than this wait for the node to read them, new requests get
     *                               an immediate {@code Err}, so that accepted replies are never dropped for room
     */
    public record Limits(@DefaultValue("64MB") DataSize maxInboundMessageSize,
            @DefaultValue("64MB") DataSize maxOutboundMessageSize,
            @DefaultValue("16MB") DataSize maxFrameSize,
            @DefaultValue("10s") Duration sendTimeout,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("128MB") DataSize maxInFlightBytes,
            @DefaultValue("16MB") DataSize maxUnsentBytes) {
    }

    /**
     * @param ttl      how long a reply is worth sending; past it the requester has given up (15 s in the node's
     *                 public examples)
     * @param maxCount replies held at most; past it the oldest is dropped
     * @param maxBytes bytes held at most; past it the oldest is dropped
     */
    public record ReplyHold(@DefaultValue("30s") Duration ttl, @DefaultValue("10000") int maxCount,
            @DefaultValue("256MB") DataSize maxBytes) {
    }

    /** @param enabled whether {@code "Ping"} and {@code {"Echo": x}} are answered by the built-in handlers */
    public record Diagnostics(@DefaultValue("true") boolean enabled) {
    }

    /** The URL to connect to, {@code <node-url>/<process><path>}; the parts were checked at binding. */
    public URI extensionUri() {
        String base = nodeUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + process + ("/".equals(path) ? "" : path));
    }

    /** @throws InvalidConfigurationPropertyValueException naming the property and the fix */
    private static void validate(URI nodeUrl, String process, String path, String authCookie, int maxInFlight,
            int handlerThreads, Duration handlerTimeout, Limits limits, ReplyHold replyHold) {
        if (process == null || process.isBlank()) {
            throw invalid("process", process, "hyperware.extension.process is required: set it to the id of the "
                    + "interface process that bound the extension path, e.g. myext:mypkg:publisher.os");
        }
        if (!process.matches("[^:/\\s]+:[^:/\\s]+:[^:/\\s]+")) {
            throw invalid("process", process, "a process id has three parts, name:package:publisher, e.g. "
                    + "myext:mypkg:publisher.os");
        }
        if (path == null || !path.startsWith("/")) {
            throw invalid("path", path, "the extension path starts with /, e.g. / or /foo");
        }
        String scheme = nodeUrl.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme) || nodeUrl.getHost() == null) {
            throw invalid("node-url", nodeUrl, "use the node's address as ws://host:port, e.g. ws://localhost:8080");
        }
        if (nodeUrl.getRawPath() != null && !nodeUrl.getRawPath().isEmpty() && !"/".equals(nodeUrl.getRawPath())) {
            throw invalid("node-url", nodeUrl, "give only ws://host:port; the process and path go in "
                    + "hyperware.extension.process and hyperware.extension.path");
        }
        if (authCookie != null && !authCookie.isBlank() && !authCookie.contains("=")) {
            throw invalid("auth-cookie", "<redacted>", "give the whole cookie, name=value, e.g. "
                    + "hyperware-auth_mynode.os=eyJ... (as the node's login sets it)");
        }
        requirePositive("max-in-flight", maxInFlight);
        requirePositive("handler-threads", handlerThreads);
        requirePositive("handler-timeout", handlerTimeout);
        requirePositive("reply-hold.max-count", replyHold.maxCount());
        requirePositive("reply-hold.ttl", replyHold.ttl());
        requirePositive("reply-hold.max-bytes", replyHold.maxBytes().toBytes());
        requirePositive("limits.send-timeout", limits.sendTimeout());
        requirePositive("limits.connect-timeout", limits.connectTimeout());
        requirePositive("limits.max-unsent-bytes", limits.maxUnsentBytes().toBytes());
        requireBetween1KbAnd2Gb("limits.max-frame-size", limits.maxFrameSize(), "the node reads frames up to 16MB");
        requireBetween1KbAnd2Gb("limits.max-inbound-message-size", limits.maxInboundMessageSize(),
                "the node sends up to 64MB");
        requireBetween1KbAnd2Gb("limits.max-outbound-message-size", limits.maxOutboundMessageSize(),
                "the node reads up to 64MB");
        if (limits.maxInFlightBytes().toBytes() < 1024) {
            throw invalid("limits.max-in-flight-bytes", limits.maxInFlightBytes(), "use at least 1KB; a request "
                    + "needs twice its message size, so 128MB (the default) lets a 64MB request in");
        }
    }

    private static void validate(Reconnect reconnect) {
        requirePositive("reconnect.initial-delay", reconnect.initialDelay());
        requirePositive("reconnect.max-delay", reconnect.maxDelay());
        if (reconnect.maxDelay().compareTo(reconnect.initialDelay()) < 0) {
            throw invalid("reconnect.max-delay", reconnect.maxDelay(), "must be at least reconnect.initial-delay ("
                    + reconnect.initialDelay() + "): the backoff grows from the initial delay up to the maximum");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(name, value, "must be a positive duration, e.g. 500ms or 10s");
        }
    }

    private static void requireBetween1KbAnd2Gb(String name, DataSize value, String why) {
        if (value.toBytes() < 1024 || value.toBytes() > Integer.MAX_VALUE - 8) {
            throw invalid(name, value, "use between 1KB and 2GB; " + why);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw invalid(name, value, "must be greater than zero");
        }
    }

    private static InvalidConfigurationPropertyValueException invalid(String name, Object value, String fix) {
        return new InvalidConfigurationPropertyValueException(PREFIX + name, value, fix);
    }

    /** Never prints the cookie or header values. */
    @Override
    public String toString() {
        return "ExtensionProperties[nodeUrl=" + nodeUrl + ", process=" + process + ", path=" + path
                + ", authCookie=" + (authCookie == null ? "none" : "<redacted>")
                + ", handshakeHeaders=" + (handshakeHeaders == null ? "{}" : handshakeHeaders.keySet())
                + ", maxInFlight=" + maxInFlight + ", handlerThreads=" + handlerThreads
                + ", handlerTimeout=" + handlerTimeout + ", reconnect=" + reconnect + ", limits=" + limits
                + ", replyHold=" + replyHold + ", diagnostics=" + diagnostics + "]";
    }
}
