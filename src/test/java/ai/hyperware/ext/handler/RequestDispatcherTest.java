package ai.hyperware.ext.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.MessageType;

/** Every request gets exactly one reply, with its id, whatever the handler does. */
class RequestDispatcherTest {

    private final RustSerdeMapper mapper = new RustSerdeMapper();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final LinkedBlockingQueue<Frame> replies = new LinkedBlockingQueue<>();
    private final ReplySink toReplies = (reply, outcome) -> replies.add(reply);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    record Add(long a, long b) {
    }

    public class Handlers {
        @ExtensionHandler("Add")
        public long add(Add add) {
            return add.a() + add.b();
        }

        @ExtensionHandler("Fail")
        public void fail() {
            throw new IllegalArgumentException("bad things");
        }

        @ExtensionHandler("Block")
        public String block() throws InterruptedException {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return "released";
        }

        @ExtensionHandler("Later")
        public CompletableFuture<String> later(RequestContext context) {
            return CompletableFuture.supplyAsync(() -> "id " + context.idString());
        }

        @ExtensionHandler(value = "Plain", wrapResult = false)
        public String plain() {
            return "as is";
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        executor.shutdownNow();
        timer.shutdownNow();
    }

    private RequestDispatcher dispatcher(int maxInFlight, Duration timeout) throws Exception {
        HandlerRegistry registry = new HandlerRegistry();
        Handlers bean = new Handlers();
        for (var method : Handlers.class.getMethods()) {
            ExtensionHandler annotation = method.getAnnotation(ExtensionHandler.class);
            if (annotation != null) {
                registry.register(HandlerMethod.of("handlers", bean, method, method, annotation, mapper));
            }
        }
        return new RequestDispatcher(registry, executor, timer, maxInFlight, timeout, DispatchListener.NONE);
    }

    private Frame request(long id, RustEnumValue value) {
        return Frame.of(id, MessageType.RESPONSE, value.toBytes());
    }

    private Frame nextReply() throws InterruptedException {
        Frame reply = replies.poll(10, TimeUnit.SECONDS);
        assertThat(reply).as("a reply").isNotNull();
        return reply;
    }

    private RustEnumValue result(Frame reply) throws PayloadException {
        return RustEnumValue.parse(reply.blob());
    }

    private String errMessage(Frame reply) throws PayloadException {
        RustEnumValue value = result(reply);
        assertThat(value.variant()).isEqualTo("Err");
        return mapper.read(value.value(), String.class);
    }

    @Test
    void boundValueIsAnsweredOkWithTheSameIdAndType() throws Exception {
        dispatcher(8, Duration.ofSeconds(5)).dispatch(
                request(-5L, RustEnumValue.of("Add", mapper.write(new Add(2, 3)))), toReplies);
        Frame reply = nextReply();
        assertThat(reply.id()).isEqualTo(-5L);
        assertThat(reply.type()).isEqualTo(MessageType.RESPONSE);
        assertThat(result(reply).variant()).isEqualTo("Ok");
        assertThat(mapper.read(result(reply).value(), Long.class)).isEqualTo(5L);
    }

    @Test
    void handlerExceptionIsAnsweredWithItsMessage() throws Exception {
        dispatcher(8, Duration.ofSeconds(5)).dispatch(request(7, RustEnumValue.unit("Fail")), toReplies);
        Frame reply = nextReply();
        assertThat(reply.id()).isEqualTo(7);
        assertThat(errMessage(reply)).isEqualTo("bad things");
    }

    @Test
    void unknownVariantIsAnsweredAtOnce() throws Exception {
        dispatcher(8, Duration.ofSeconds(5)).dispatch(request(8, RustEnumValue.unit("Nope")), toReplies);
        assertThat(errMessage(nextReply())).isEqualTo("no handler for variant \"Nope\"");
    }

    @Test
    void undecodableBlobIsAnsweredWithTheId() throws Exception {
        dispatcher(8, Duration.ofSeconds(5)).dispatch(Frame.of(9, MessageType.RESPONSE, new byte[] {(byte) 0xc1}),
                toReplies);
        Frame reply = nextReply();
        assertThat(reply.id()).isEqualTo(9);
        assertThat(errMessage(reply)).startsWith("cannot decode request");
    }

    @Test
    void valueOfTheWrongShapeIsAnsweredWithABindingError() throws Exception {
        dispatcher(8, Duration.ofSeconds(5)).dispatch(
                request(10, RustEnumValue.of("Add", mapper.write("not a struct"))), toReplies);
        assertThat(errMessage(nextReply())).startsWith("cannot decode request: cannot read");
    }

    @Test
    void requestsPastMaxInFlightAreRefusedImmediately() throws Exception {
        RequestDispatcher dispatcher = dispatcher(2, Duration.ofSeconds(30));
        dispatcher.dispatch(request(1, RustEnumValue.unit("Block")), toReplies);
        dispatcher.dispatch(request(2, RustEnumValue.unit("Block")), toReplies);
        dispatcher.dispatch(request(3, RustEnumValue.unit("Block")), toReplies);
        Frame refused = nextReply();
        assertThat(refused.id()).isEqualTo(3);
        assertThat(errMessage(refused)).contains("overloaded");
        assertThat(dispatcher.inFlight()).isEqualTo(2);
        release.countDown();
        assertThat(result(nextReply()).variant()).isEqualTo("Ok");
        assertThat(result(nextReply()).variant()).isEqualTo("Ok");
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void slowHandlerIsAnsweredWithTimeoutAndItsSlotIsFreed() throws Exception {
        RequestDispatcher dispatcher = dispatcher(1, Duration.ofMillis(200));
        dispatcher.dispatch(request(11, RustEnumValue.unit("Block")), toReplies);
        Frame timedOut = nextReply();
        assertThat(timedOut.id()).isEqualTo(11);
        assertThat(errMessage(timedOut)).contains("timed out");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the blocked handler was interrupted").isTrue();
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
        dispatcher.dispatch(request(12, RustEnumValue.of("Add", mapper.write(new Add(1, 1)))), toReplies);
        Frame next = nextReply();
        assertThat(next.id()).isEqualTo(12);
        assertThat(result(next).variant()).isEqualTo("Ok");
        assertThat(replies).as("no second reply to the timed-out request").isEmpty();
    }

    @Test
    void futureResultsAreAwaitedAndRepliesMayComeOutOfOrder() throws Exception {
        RequestDispatcher dispatcher = dispatcher(8, Duration.ofSeconds(30));
        dispatcher.dispatch(request(20, RustEnumValue.unit("Block")), toReplies);
        dispatcher.dispatch(request(21, RustEnumValue.unit("Later")), toReplies);
        Frame first = nextReply();
        assertThat(first.id()).isEqualTo(21);
        assertThat(mapper.read(result(first).value(), String.class)).isEqualTo("id 21");
        release.countDown();
        assertThat(nextReply().id()).isEqualTo(20);
    }

    @Test
    void unwrappedHandlerReplyIsTheValueItself() throws Exception {
        dispatcher(8, Duration.ofSeconds(5)).dispatch(request(30, RustEnumValue.unit("Plain")), toReplies);
        assertThat(mapper.read(nextReply().blob(), String.class)).isEqualTo("as is");
    }

    @Test
    void afterStopAcceptingNewRequestsAreToldTheExtensionIsShuttingDown() throws Exception {
        RequestDispatcher dispatcher = dispatcher(8, Duration.ofSeconds(5));
        dispatcher.stopAccepting();
        dispatcher.dispatch(request(31, RustEnumValue.unit("Plain")), toReplies);
        assertThat(errMessage(nextReply())).contains("shutting down");
    }
}
