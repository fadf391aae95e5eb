package ai.hyperware.ext.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.handler.HandlerRegistry;
import ai.hyperware.ext.handler.RequestDispatcher;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameDecoder;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.MessageAssembler;
import ai.hyperware.ext.wire.MessageType;

/** What leaves for the node when what arrived cannot be served as it is. */
class InboundFrameProcessorTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<DropReason> drops = new ArrayList<>();
    private final InFlightBudget budget = new InFlightBudget(1 << 20);
    private final ReplyOutbox outbox = new ReplyOutbox(100, 1 << 30, 1 << 20, Duration.ofMinutes(1), budget,
            drops::add);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private InboundFrameProcessor processor(long maxOutbound) {
        RequestDispatcher dispatcher = new RequestDispatcher(new HandlerRegistry(),
                Runnable::run, timer, 8, Duration.ofSeconds(5), DispatchListener.NONE);
        return new InboundFrameProcessor(dispatcher, outbox, budget, maxOutbound, DispatchListener.NONE, drops::add,
                TrafficListener.NONE);
    }

    private Frame sentFrame() throws Exception {
        ReplyOutbox.Entry entry = outbox.poll();
        assertThat(entry).as("a frame for the node").isNotNull();
        return FrameDecoder.decode(FrameEncoder.encode(entry.frame()));
    }

    @Test
    void oversizedMessageIsAnsweredWithAnErrCarryingItsId() throws Exception {
        byte[] big = FrameEncoder.encode(Frame.of(-9L, MessageType.RESPONSE, new byte[5000]));
        MessageAssembler assembler = new MessageAssembler(1024, 256);
        assembler.append(ByteBuffer.wrap(big, 0, 3000), false);
        MessageAssembler.Message message = assembler.append(ByteBuffer.wrap(big, 3000, big.length - 3000),
                true);

        processor(1 << 20).process(message, null, false);

        Frame reply = sentFrame();
        assertThat(reply.id()).isEqualTo(-9L);
        assertThat(RustEnumValue.parse(reply.blob()).variant()).isEqualTo(RustResult.ERR);
        assertThat(new RustSerdeMapper().render(reply.blob())).contains("message too large: " + big.length);
    }

    @Test
    void unreadableMessageWithoutAnIdIsDroppedAndCounted() {
        processor(1 << 20).process(new MessageAssembler.Message(new byte[] {1, 2, 3}, false, 3), null, false);
        assertThat(outbox.size()).isZero();
        assertThat(drops).containsExactly(DropReason.UNREADABLE_INBOUND);
    }

    @Test
    void aRequestOverTheBudgetIsAnsweredWithAnErrNamingTheSetting() throws Exception {
        byte[] request = FrameEncoder.encode(Frame.of(77, MessageType.REQUEST, new byte[40]));
        processor(1 << 20).process(new MessageAssembler.Message(request, true, request.length), null, true);

        Frame reply = sentFrame();
        assertThat(reply.id()).isEqualTo(77);
        assertThat(new RustSerdeMapper().render(reply.blob())).contains("in-flight budget")
                .contains("hyperware.extension.limits.max-in-flight-bytes");
    }

    @Test
    void replyTooLargeForTheNodeBecomesASmallErrWithTheSameId() throws Exception {
        processor(1000).send(Frame.of(5, MessageType.RESPONSE, new byte[2000]));
        Frame reply = sentFrame();
        assertThat(reply.id()).isEqualTo(5);
        assertThat(new RustSerdeMapper().render(reply.blob())).startsWith("{\"Err\":\"reply too large");
    }
}
