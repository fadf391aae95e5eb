package ai.hyperware.ext.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.socket.WebSocketHttpHeaders;

import ai.hyperware.ext.connection.ConnectionLimits;
import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.connection.DropListener;
import ai.hyperware.ext.connection.InFlightBudget;
import ai.hyperware.ext.connection.InboundFrameProcessor;
import ai.hyperware.ext.connection.NodeConnectionManager;
import ai.hyperware.ext.connection.NodePush;
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.connection.TrafficListener;
import ai.hyperware.ext.connection.netty.NettyClientSettings;
import ai.hyperware.ext.connection.netty.NettyWebSocketClient;
import ai.hyperware.ext.handler.Admission;
import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustSerdeMapper;

/**
 * Wires the extension: the dispatcher and its executor, the outbox, and the one session to the node, around the
 * handlers {@link HandlerAutoConfiguration} finds. Every bean backs off when the application defines its own of the
 * same type. Off in contract mode ({@code hyperware.extension.contract=rust}), which needs no node.
 */
@AutoConfiguration(after = HandlerAutoConfiguration.class)
@ConditionalOnProperty(name = ContractMode.PROPERTY, havingValue = ContractMode.OFF, matchIfMissing = true)
@EnableConfigurationProperties(ExtensionProperties.class)
public class ExtensionAutoConfiguration {

    /** Spring's default for {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    NodeEndpoint hyperwareNodeEndpoint(ExtensionProperties properties) {
        return new NodeEndpoint(properties.extensionUri());
    }

    /**
     * Handlers run here, never on the read thread. Virtual threads when the JVM has them and
     * {@code spring.threads.virtual.enabled=true}; otherwise a fixed pool of {@code handler-threads}. The queue
     * is unbounded in type but bounded in fact by {@code max-in-flight}.
     */
    @Bean
    Executor hyperwareHandlerExecutor(ExtensionProperties properties, Environment environment) {
        if (Threading.VIRTUAL.isActive(environment)) {
            return new VirtualThreadTaskExecutor("hyperware-handler-");
        }
        int threads = properties.handlerThreads();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new CustomizableThreadFactory("hyperware-handler-"));
    }

    /** Request deadlines and reconnect delays: short tasks only. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService hyperwareScheduler() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("hyperware-timer-");
        threads.setDaemon(true);
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, threads);
        scheduler.setRemoveOnCancelPolicy(true); // answered requests must not leave their deadlines behind
        return scheduler;
    }

    @Bean
    ConnectionStatus hyperwareConnectionStatus() {
        return new ConnectionStatus(Clock.systemUTC());
    }

    /** The bytes requests in flight may hold, from arrival until their reply is written. */
    @Bean
    InFlightBudget hyperwareInFlightBudget(ExtensionProperties properties) {
        return new InFlightBudget(properties.limits().maxInFlightBytes().toBytes());
    }

    @Bean
    ReplyOutbox hyperwareReplyOutbox(ExtensionProperties properties, InFlightBudget budget,
            ObjectProvider<DropListener> drops) {
        ExtensionProperties.ReplyHold hold = properties.replyHold();
        return new ReplyOutbox(hold.maxCount(), hold.maxBytes().toBytes(),
                properties.limits().maxUnsentBytes().toBytes(), hold.ttl(), budget, Listeners.drop(drops));
    }

    @Bean
    RequestDispatcher hyperwareRequestDispatcher(ExtensionProperties properties, HandlerRegistry registry,
            Executor hyperwareHandlerExecutor, ScheduledExecutorService hyperwareScheduler,
            ObjectProvider<DispatchListener> listeners, ReplyOutbox outbox) {
        return new RequestDispatcher(registry, hyperwareHandlerExecutor, hyperwareScheduler,
                properties.maxInFlight(), properties.handlerTimeout(), Listeners.dispatch(listeners),
                unsentBound(outbox, properties.limits().maxUnsentBytes().toBytes()));
    }

    /**
     * New requests are refused while replies queue up because the node does not read them as fast as they are made:
     * shedding there, before the outbox grows, is what lets every reply the extension accepted be delivered. Only
     * what waits counts, not a reply being written (one large reply is not a slow node).
     */
    private static Admission unsentBound(ReplyOutbox outbox, long maxUnsentBytes) {
        return () -> {
            long waiting = outbox.bytes();
            return waiting <= maxUnsentBytes ? null : "extension overloaded: " + waiting + " bytes of replies are "
                    + "waiting for the node to read them (hyperware.extension.limits.max-unsent-bytes=" + maxUnsentBytes
                    + "); retry later";
        };
    }

    @Bean
    InboundFrameProcessor hyperwareInboundFrameProcessor(ExtensionProperties properties,
            RequestDispatcher dispatcher, ReplyOutbox outbox, InFlightBudget budget,
            ObjectProvider<DispatchListener> listeners, ObjectProvider<DropListener> drops,
            ObjectProvider<TrafficListener> traffic) {
        return new InboundFrameProcessor(dispatcher, outbox, budget,
                properties.limits().maxOutboundMessageSize().toBytes(), Listeners.dispatch(listeners),
                Listeners.drop(drops), Listeners.traffic(traffic));
    }

    @Bean
    @ConditionalOnMissingBean
    NodePush hyperwareNodePush(InboundFrameProcessor frames, RustSerdeMapper mapper) {
        return new NodePush(frames, mapper);
    }

    /** The WebSocket client: Netty on one event loop thread, which it owns, so it is closed with the context. */
    @Bean(destroyMethod = "close")
    NettyWebSocketClient hyperwareWebSocketClient(ExtensionProperties properties) {
        ExtensionProperties.Limits limits = properties.limits();
        NettyWebSocketClient client = new NettyWebSocketClient(NettyClientSettings.of(limits.connectTimeout(),
                (int) limits.maxInboundMessageSize().toBytes()));
        client.prepare(); // on its own thread, while the rest of the context starts
        return client;
    }

    @Bean
    NodeConnectionManager hyperwareNodeConnection(ExtensionProperties properties, NodeEndpoint endpoint,
            NettyWebSocketClient hyperwareWebSocketClient, InboundFrameProcessor processor, ReplyOutbox outbox,
            InFlightBudget budget, ScheduledExecutorService hyperwareScheduler, ConnectionStatus status,
            Environment environment, ObjectProvider<TrafficListener> traffic) {
        ExtensionProperties.Limits limits = properties.limits();
        return new NodeConnectionManager(hyperwareWebSocketClient, endpoint.uri(), handshakeHeaders(properties),
                processor, outbox, budget,
                new ConnectionLimits((int) limits.maxInboundMessageSize().toBytes(),
                        (int) limits.maxFrameSize().toBytes(), properties.reconnect().initialDelay(),
                        properties.reconnect().maxDelay(), limits.sendTimeout()),
                hyperwareScheduler, status, shutdownTimeout(environment), Listeners.traffic(traffic));
    }

    /** A graceful stop finishes within Spring's own budget for a lifecycle phase, so the two never disagree. */
    private static Duration shutdownTimeout(Environment environment) {
        return Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(DEFAULT_SHUTDOWN_TIMEOUT);
    }

    private static WebSocketHttpHeaders handshakeHeaders(ExtensionProperties properties) {
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        if (properties.handshakeHeaders() != null) {
            properties.handshakeHeaders().forEach(headers::add);
        }
        if (properties.authCookie() != null && !properties.authCookie().isBlank()) {
            headers.add("Cookie", properties.authCookie().trim());
        }
        return headers;
    }
}
