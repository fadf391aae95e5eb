package ai.hyperware.ext.connection;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.WebSocketConnectionManager;

/**
 * The one client session to the node, kept open for as long as the application runs.
 *
 * <p>Spring's {@link WebSocketConnectionManager} connects once and, when that fails, only logs. This subclass keeps
 * its lifecycle (it starts last and stops first) and adds what an extension needs: reconnecting forever with
 * exponential backoff and jitter after a failed connect or a lost session, state kept in {@link ConnectionStatus},
 * and one log line per change of state rather than one per attempt.
 */
public class NodeConnectionManager extends WebSocketConnectionManager implements NodeWebSocketHandler.SessionEvents {

    private static final Logger log = LoggerFactory.getLogger(NodeConnectionManager.class);

    private final WebSocketClient client;
    private final NodeWebSocketHandler handler;
    private final WebSocketHttpHeaders handshakeHeaders;
    private final String displayUrl;
    private final ReconnectBackoff backoff;
    private final ScheduledExecutorService scheduler;
    private final ConnectionStatus status;
    private final OutboundSender sender;
    private final ReplyOutbox outbox;
    private final GracefulShutdown shutdown;
    private volatile WebSocketSession session;
    /** Set before the session is closed on purpose; Spring's running flag only drops after the close. */
    private volatile boolean stopping;
    private String lastLoggedProblem;

    /**
     * @param uri              the extension URL, {@code ws://host:port/<process><path>}
     * @param handshakeHeaders headers for the upgrade request (the auth cookie among them); never logged
     * @param shutdownTimeout  how long a stop waits for requests in flight and their replies
     */
    public NodeConnectionManager(WebSocketClient client, URI uri, WebSocketHttpHeaders handshakeHeaders,
            InboundFrameProcessor processor, ReplyOutbox outbox, ConnectionLimits limits,
            ScheduledExecutorService scheduler, ConnectionStatus status, Duration shutdownTimeout,
            TrafficListener traffic) {
        super(client, new NoopHandler(), uri);
        this.client = client;
        this.handshakeHeaders = handshakeHeaders;
        this.displayUrl = withoutUserInfo(uri);
        this.backoff = new ReconnectBackoff(limits.reconnectInitialDelay(), limits.reconnectMaxDelay());
        this.scheduler = scheduler;
        this.status = status;
        this.outbox = outbox;
        this.handler = new NodeWebSocketHandler(limits.maxInboundMessageSize(), processor, this);
        this.sender = new OutboundSender(outbox, limits.maxFrameSize(), this::sendFailed, status::machineryFailed,
                traffic);
        this.shutdown = new GracefulShutdown(processor.dispatcher(), outbox, shutdownTimeout);
        setAutoStartup(true); // Spring's default is off; an extension that does not connect is no extension
    }

    @Override
    public void startInternal() {
        log.info("Connecting to the node at {}", displayUrl);
        stopping = false;
        sender.start();
        super.startInternal(); // opens the first connection
    }

    /**
     * A graceful stop, on SIGTERM or when the context closes: no reconnects from here on; new requests are refused,
     * those in flight finish and their replies are sent (see {@link GracefulShutdown}); then the session is closed
     * with 1001 Going Away. Replies that could not be sent are dropped, counted with reason {@code shutdown}.
     */
    @Override
    public void stopInternal() throws Exception {
        stopping = true;
        status.stopped();
        shutdown.finishInFlight(this::isConnected);
        super.stopInternal(); // closes the session with 1001 Going Away
        sender.stop();
        outbox.clear(DropReason.SHUTDOWN);
    }

    @Override
    protected void openConnection() {
        if (!isRunning() || stopping) {
            return;
        }
        status.connecting();
        try {
            client.execute(handler, handshakeHeaders, getUri()).whenComplete((opened, failure) -> {
                if (failure != null) {
                    connectFailed(failure);
                }
            });
        } catch (RuntimeException e) {
            connectFailed(e);
        }
    }

    @Override
    protected void closeConnection() throws IOException {
        WebSocketSession current = session;
        if (current != null && current.isOpen()) {
            current.close(CloseStatus.GOING_AWAY);
        }
    }

    /** The extension URL as it may be shown in logs, health and info: no credentials, no query. */
    public String nodeUrl() {
        return displayUrl;
    }

    @Override
    public boolean isConnected() {
        WebSocketSession current = session;
        return current != null && current.isOpen();
    }

    @Override
    public void sessionOpened(WebSocketSession opened) {
        if (stopping) { // a handshake that completed after the stop began: this session was never wanted
            log.info("Connected to the node at {} after shutdown began; closing that connection", displayUrl);
            closeQuietly(opened, CloseStatus.GOING_AWAY);
            return;
        }
        session = opened;
        backoff.reset();
        long attempts = status.snapshot().failedAttempts();
        status.connected();
        sender.attach(opened);
        synchronized (this) {
            lastLoggedProblem = null;
        }
        log.info("Connected to the node at {}{}; {} replies waiting to be sent", displayUrl,
                attempts > 0 ? " after " + attempts + " failed attempts" : "", outbox.size());
    }

    @Override
    public void sessionClosed(WebSocketSession closed, CloseStatus closeStatus) {
        if (session == closed) {
            session = null;
        }
        sender.detach(closed);
        if (!isRunning() || stopping) {
            log.info("Disconnected from the node at {} ({})", displayUrl, closeStatus);
            return;
        }
        String why = "session closed by " + describe(closeStatus);
        status.lost(why);
        scheduleReconnect(why);
    }

    private void connectFailed(Throwable failure) {
        if (!isRunning() || stopping) {
            return;
        }
        String why = HandshakeFailures.explain(failure, displayUrl);
        status.failed(why);
        scheduleReconnect(why);
    }

    private void sendFailed(WebSocketSession target, Exception failure) {
        log.warn("Sending to the node failed ({}); closing the session to reconnect, unsent replies are kept",
                timedOut(failure) ? "nothing was read for hyperware.extension.limits.send-timeout: the node has "
                        + "stopped reading from the extension" : failure.toString());
        closeQuietly(target, CloseStatus.SESSION_NOT_RELIABLE);
    }

    private static void closeQuietly(WebSocketSession target, CloseStatus closeStatus) {
        try {
            target.close(closeStatus);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the session failed", e);
        }
    }

    private void scheduleReconnect(String why) {
        Duration delay = backoff.nextDelay();
        logOncePerProblem(why, delay);
        try {
            scheduler.schedule(this::openConnection, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            if (isRunning() && !stopping) {
                // nothing else will ever reconnect: only a restart helps, so liveness must hear of it
                status.machineryFailed("a reconnect could not be scheduled: " + e);
            } else {
                log.debug("Reconnect not scheduled during shutdown", e);
            }
        }
    }

    /** The same problem again is logged at DEBUG: a node down for an hour must not flood the log. */
    private synchronized void logOncePerProblem(String why, Duration delay) {
        if (Objects.equals(why, lastLoggedProblem)) {
            log.debug("Still cannot reach the node: {}; retrying in {} ms", why, delay.toMillis());
        } else {
            log.warn("{}; retrying in {} ms, and on, with backoff up to the configured maximum", why,
                    delay.toMillis());
            lastLoggedProblem = why;
        }
    }

    /** Tomcat reports a send timeout as a TimeoutException or as an IOException "Blocking write timeout". */
    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException
                    || String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(CloseStatus closeStatus) {
        return "the node or network (code " + closeStatus.getCode()
                + (closeStatus.getReason() == null || closeStatus.getReason().isEmpty() ? ""
                        : ", " + closeStatus.getReason()) + ")";
    }

    private static String withoutUserInfo(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + uri.getRawPath();
    }

    /** The superclass wants a handler; ours is passed on each connect instead. */
    private static final class NoopHandler extends org.springframework.web.socket.handler.AbstractWebSocketHandler {
    }
}
