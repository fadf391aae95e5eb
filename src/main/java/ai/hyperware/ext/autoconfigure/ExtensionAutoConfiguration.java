package ai.hyperware.ext.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.tomcat.websocket.Constants;
import org.apache.tomcat.websocket.WsWebSocketContainer;
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
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import ai.hyperware.ext.connection.ConnectionLimits;
import ai.hyperware.ext.connection.ConnectionStatus;
import ai.hyperware.ext.connection.DropListener;
import ai.hyperware.ext.connection.InboundFrameProcessor;
import ai.hyperware.ext.connection.NodeConnectionManager;
import ai.hyperware.ext.connection.NodePush;
import ai.hyperware.ext.connection.ReplyOutbox;
import ai.hyperware.ext.connection.TrafficListener;
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

    /** Tomcat parts of a large message are handed over at this size and joined by the extension. */
    private static final int READ_BUFFER_BYTES = 64 * 1024;

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

    @Bean
    RequestDispatcher hyperwareRequestDispatcher(ExtensionProperties properties, HandlerRegistry registry,
            Executor hyperwareHandlerExecutor, ScheduledExecutorService hyperwareScheduler,
            ObjectProvider<DispatchListener> listeners) {
        return new RequestDispatcher(registry, hyperwareHandlerExecutor, hyperwareScheduler,
                properties.maxInFlight(), properties.handlerTimeout(), Listeners.dispatch(listeners));
    }

    @Bean
    ReplyOutbox hyperwareReplyOutbox(ExtensionProperties properties, ObjectProvider<DropListener> drops) {
        ExtensionProperties.ReplyHold hold = properties.replyHold();
        return new ReplyOutbox(hold.maxCount(), hold.maxBytes().toBytes(), hold.ttl(),
                Listeners.drop(drops));
    }

    @Bean
    InboundFrameProcessor hyperwareInboundFrameProcessor(ExtensionProperties properties,
            RequestDispatcher dispatcher, ReplyOutbox outbox, ObjectProvider<DispatchListener> listeners,
            ObjectProvider<DropListener> drops, ObjectProvider<TrafficListener> traffic) {
        return new InboundFrameProcessor(dispatcher, outbox, properties.limits().maxOutboundMessageSize().toBytes(),
                Listeners.dispatch(listeners), Listeners.drop(drops), Listeners.traffic(traffic));
    }

    @Bean
    @ConditionalOnMissingBean
    NodePush hyperwareNodePush(InboundFrameProcessor frames, RustSerdeMapper mapper) {
        return new NodePush(frames, mapper);
    }

    /** Tomcat's JSR-356 client; it owns I/O threads, so it is destroyed with the context. */
    @Bean(destroyMethod = "destroy")
    WsWebSocketContainer hyperwareWebSocketContainer() {
        WsWebSocketContainer container = new WsWebSocketContainer();
        container.setDefaultMaxBinaryMessageBufferSize(READ_BUFFER_BYTES);
        container.setDefaultMaxTextMessageBufferSize(READ_BUFFER_BYTES);
        return container;
    }

    @Bean
    NodeConnectionManager hyperwareNodeConnection(ExtensionProperties properties, NodeEndpoint endpoint,
            WsWebSocketContainer hyperwareWebSocketContainer, InboundFrameProcessor processor, ReplyOutbox outbox,
            ScheduledExecutorService hyperwareScheduler, ConnectionStatus status, Environment environment,
            ObjectProvider<TrafficListener> traffic) {
        ExtensionProperties.Limits limits = properties.limits();
        StandardWebSocketClient client = new StandardWebSocketClient(hyperwareWebSocketContainer);
        client.setUserProperties(Map.of(
                Constants.BLOCKING_SEND_TIMEOUT_PROPERTY, limits.sendTimeout().toMillis(),
                Constants.IO_TIMEOUT_MS_PROPERTY, String.valueOf(limits.connectTimeout().toMillis())));
        return new NodeConnectionManager(client, endpoint.uri(), handshakeHeaders(properties), processor, outbox,
                new ConnectionLimits((int) limits.maxInboundMessageSize().toBytes(),
                        (int) limits.maxFrameSize().toBytes(), properties.reconnect().initialDelay(),
                        properties.reconnect().maxDelay()),
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
