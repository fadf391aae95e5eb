package ai.hyperware.ext.connection;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
 *
 * <p>A session that cannot serve is not left open: a watchdog closes it when writes have made no progress for
 * {@code limits.send-timeout} (the node stopped reading, or vanished without a FIN while replies were waiting), and
 * aborts it when its I/O thread has run nothing for as long (reads have stopped, most likely in a handler that
 * blocked where it must not); a reconnect follows, on a new I/O thread. A session that ends within
 * {@value #STABLE_SECONDS} s of opening does not reset the backoff, so a node that accepts and at once closes is
 * retried ever more slowly, not in a tight loop.
 */
public class NodeConnectionManager extends WebSocketConnectionManager implements NodeWebSocketHandler.SessionEvents {

    private static final Logger log = LoggerFactory.getLogger(NodeConnectionManager.class);
    /** A session that lived this long counts as a success: the next failure starts the backoff afresh. */
    static final long STABLE_SECONDS = 10;
    private static final long WATCHDOG_MILLIS = 250;
    /** How long a stop waits for the node to answer our close before the outbox is cleared. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final WebSocketClient client;
    private final NodeWebSocketHandler handler;
    private final WebSocketHttpHeaders handshakeHeaders;
    private final String displayUrl;
    private final ReconnectBackoff backoff;
    private final ScheduledExecutorService scheduler;
    private final ConnectionStatus status;
    private final OutboxDrain drain;
    private final ReplyOutbox outbox;
    private final GracefulShutdown shutdown;
    private final Duration sendTimeout;
    private final IoThreadWatch ioThreadWatch;
    private volatile WebSocketSession session;
    private volatile long sessionOpenedNanos;
    /** Why the extension itself is closing the current session, if it is. */
    private volatile String closingBecause;
    private volatile CompletableFuture<Void> sessionEnded = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> watchdog;
    /** Set before the session is closed on purpose; Spring's running flag only drops after the close. */
    private volatile boolean stopping;
    private String lastLoggedProblem;

    /**
     * @param uri              the extension URL, {@code ws://host:port/<process><path>}
     * @param handshakeHeaders headers for the upgrade request (the auth cookie among them); never logged
     * @param shutdownTimeout  how long a stop waits for requests in flight and their replies
     */
    public NodeConnectionManager(WebSocketClient client, URI uri, WebSocketHttpHeaders handshakeHeaders,
            InboundFrameProcessor processor, ReplyOutbox outbox, InFlightBudget budget, ConnectionLimits limits,
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
        this.handler = new NodeWebSocketHandler(limits.maxInboundMessageSize(), processor, budget, this);
        this.drain = new OutboxDrain(outbox, limits.maxFrameSize(), traffic);
        this.sendTimeout = limits.sendTimeout();
        this.ioThreadWatch = new IoThreadWatch(limits.sendTimeout(), processor.dispatcher()::runningInline);
        this.shutdown = new GracefulShutdown(processor.dispatcher(), outbox, shutdownTimeout);
        setAutoStartup(true); // Spring's default is off; an extension that does not connect is no extension
    }

    @Override
    public void startInternal() {
        log.info("Connecting to the node at {}", displayUrl);
        stopping = false;
        watchdog = scheduler.scheduleWithFixedDelay(this::watch, WATCHDOG_MILLIS, WATCHDOG_MILLIS,
                TimeUnit.MILLISECONDS);
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
        try { // writes cut off by the close come back to the outbox: wait for them, so that they are counted
            sessionEnded.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("The session had not closed {} after the stop", CLOSE_WAIT);
        }
        if (watchdog != null) {
            watchdog.cancel(false);
        }
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
        if (!(opened instanceof FlowControlledSession flowControlled)) {
            // only a non-blocking session keeps the I/O thread free; the client bean is ours unless replaced
            status.machineryFailed("the WebSocket client made a " + opened.getClass().getName()
                    + ", not a FlowControlledSession: use the extension's own client (connection.netty)");
            closeQuietly(opened, CloseStatus.SERVER_ERROR);
            return;
        }
        session = opened;
        sessionOpenedNanos = System.nanoTime();
        closingBecause = null;
        sessionEnded = new CompletableFuture<>();
        long attempts = status.snapshot().failedAttempts();
        status.connected();
        drain.attach(flowControlled);
        ioThreadWatch.watch(flowControlled);
        synchronized (this) {
            lastLoggedProblem = null;
        }
        log.info("Connected to the node at {}{}; {} replies waiting to be sent", displayUrl,
                attempts > 0 ? " after " + attempts + " failed attempts" : "", outbox.size());
    }

    @Override
    public void sessionClosed(WebSocketSession closed, CloseStatus closeStatus) {
        if (session != closed) {
            log.debug("An earlier session closed ({}); the current one is unaffected", closeStatus);
            return;
        }
        session = null;
        drain.detach(closed);
        sessionEnded.complete(null);
        if (System.nanoTime() - sessionOpenedNanos >= TimeUnit.SECONDS.toNanos(STABLE_SECONDS)) {
            backoff.reset();
        }
        if (!isRunning() || stopping) {
            log.info("Disconnected from the node at {} ({})", displayUrl, closeStatus);
            return;
        }
        String why = closingBecause != null ? "session closed by the extension: " + closingBecause
                : "session closed by " + describe(closeStatus);
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

    /**
     * Every {@value #WATCHDOG_MILLIS} ms: aborts a session whose I/O thread is stuck, and closes one whose writes have
     * stopped making progress.
     */
    private void watch() {
        try {
            WebSocketSession current = session;
            String stuck = current instanceof FlowControlledSession flow ? ioThreadWatch.check(flow) : null;
            if (stuck != null) {
                abandon((FlowControlledSession) current, stuck);
                return;
            }
            if (current != null && closingBecause == null && drain.stalled(sendTimeout)) {
                closingBecause = "no write finished within " + sendTimeout.toMillis()
                        + " ms (hyperware.extension.limits.send-timeout)";
                log.warn("No write to the node has finished for {} ms (hyperware.extension.limits.send-timeout): the "
                        + "node has stopped reading from the extension, or the connection is gone; closing the session "
                        + "to reconnect, unsent replies are kept", sendTimeout.toMillis());
                closeQuietly(current, CloseStatus.SESSION_NOT_RELIABLE);
            }
        } catch (RuntimeException e) { // the periodic task must survive, or no stall would be noticed again
            log.error("The connection watchdog failed; it will check again", e);
        }
    }

    /**
     * A session whose I/O thread is stuck can neither read nor close itself: its socket is closed from here, the
     * client told to use a new thread, and the session handled as lost. Its replies still in the transport come back
     * to the outbox if the stuck thread ever returns.
     */
    private void abandon(FlowControlledSession stuckSession, String why) {
        log.error("Reads from the node have stopped: {}. A handler that blocks must not run on the I/O thread "
                + "(see @ExtensionHandler's blocking); aborting the connection and reconnecting on a new I/O thread",
                why);
        closingBecause = "its I/O thread was stuck";
        stuckSession.abort();
        if (client instanceof ReplaceableIoThread replaceable) {
            replaceable.abandonIoThread();
        }
        sessionClosed(stuckSession, CloseStatus.NO_CLOSE_FRAME.withReason("the I/O thread was stuck"));
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
