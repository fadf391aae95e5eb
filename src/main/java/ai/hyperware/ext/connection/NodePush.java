package ai.hyperware.ext.connection;

import java.util.concurrent.ThreadLocalRandom;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MessageType;

/**
 * Sends unsolicited messages to the interface process: frames of type {@code Request} with an id the extension
 * chooses, which the process receives as requests that expect no response. Inject it where you need it.
 *
 * <pre>{@code
 * @Component
 * class Ticker {
 *     private final NodePush push;
 *     Ticker(NodePush push) { this.push = push; }
 *
 *     @Scheduled(fixedRate = 1000)
 *     void tick() throws PayloadException {
 *         push.push("Tick", new Tick(System.currentTimeMillis()));   // {"Tick": {"at": ...}}
 *     }
 * }
 * }</pre>
 *
 * <p>A push made while disconnected is held and sent after reconnecting, like a reply, within the reply-hold TTL.
 */
public final class NodePush {

    private final InboundFrameProcessor frames;
    private final RustSerdeMapper mapper;

    public NodePush(InboundFrameProcessor frames, RustSerdeMapper mapper) {
        this.frames = frames;
        this.mapper = mapper;
    }

    /**
     * Pushes {@code {variant: value}}, or the unit variant {@code "variant"} when {@code value} is {@code null}.
     *
     * @return the id used, chosen at random over the u64 range
     */
    public long push(String variant, Object value) throws PayloadException {
        RustEnumValue message = value == null ? RustEnumValue.unit(variant)
                : RustEnumValue.of(variant, mapper.write(value));
        return push(message.toBytes());
    }

    /** Pushes a blob as it is; returns the id used. */
    public long push(byte[] blob) {
        long id = ThreadLocalRandom.current().nextLong();
        push(id, blob);
        return id;
    }

    /** Pushes a blob under an id of the caller's choosing. */
    public void push(long id, byte[] blob) {
        frames.send(new Frame(id, MessageType.REQUEST, blob, frames.nodeDialect(), FrameLayout.NAMED));
    }
}
