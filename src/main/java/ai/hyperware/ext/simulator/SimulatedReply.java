package ai.hyperware.ext.simulator;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.wire.Frame;

/**
 * The extension's reply to a {@link NodeSimulator#request(byte[]) simulated request}, with helpers for the common
 * case of a blob shaped like Rust's {@code Result<T, String>}.
 *
 * <pre>{@code
 * SimulatedReply reply = sim.request(RustEnumValue.unit("Ping").toBytes()).get(5, TimeUnit.SECONDS);
 * assertThat(reply.isOk()).isTrue();
 * assertThat(reply.render()).isEqualTo("{\"Ok\":\"Pong\"}");
 * }</pre>
 *
 * @param frame   the reply frame exactly as decoded
 * @param message the whole message as it came off the wire, for byte-exact comparisons (the frame alone does not
 *                show, for instance, an id written in a wider form than needed)
 */
public record SimulatedReply(Frame frame, byte[] message) {

    // one Jackson mapper for every reply: building one is costly, using one is thread-safe
    private static final RustSerdeMapper MAPPER = new RustSerdeMapper();

    public SimulatedReply {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(message, "message");
    }

    /** The reply's blob. */
    public byte[] blob() {
        return frame.blob();
    }

    /** Whether the blob is {@code {"Ok": value}}. */
    public boolean isOk() {
        return variant().filter(value -> RustResult.OK.equals(value.variant()) && !value.isUnit()).isPresent();
    }

    /** Whether the blob is {@code {"Err": value}}. */
    public boolean isErr() {
        return variant().filter(value -> RustResult.ERR.equals(value.variant()) && !value.isUnit()).isPresent();
    }

    /**
     * The Ok value as raw MessagePack, e.g. {@code a4506f6e67} for {@code Ok("Pong")}.
     *
     * @throws IllegalStateException if the reply is not Ok; the message shows what it was
     */
    public byte[] okValue() {
        if (!isOk()) {
            throw new IllegalStateException("the reply is not {\"Ok\": ...} but " + render());
        }
        return variant().orElseThrow().value();
    }

    /**
     * The Err value as text: the string itself when it is a string (the usual {@code Result<T, String>}),
     * otherwise its rendering.
     *
     * @throws IllegalStateException if the reply is not Err; the message shows what it was
     */
    public String errMessage() {
        if (!isErr()) {
            throw new IllegalStateException("the reply is not {\"Err\": ...} but " + render());
        }
        byte[] value = variant().orElseThrow().value();
        try {
            return MAPPER.read(value, String.class);
        } catch (PayloadException notAString) {
            return MAPPER.render(value);
        }
    }

    /** The blob as JSON-like text, for assertions and logs, e.g. {@code {"Ok":"Pong"}}. Never throws. */
    public String render() {
        return MAPPER.render(frame.blob());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimulatedReply that && frame.equals(that.frame) && Arrays.equals(message, that.message);
    }

    @Override
    public int hashCode() {
        return 31 * frame.hashCode() + Arrays.hashCode(message);
    }

    /** Never prints the bytes, only the frame's summary and the message's length. */
    @Override
    public String toString() {
        return "SimulatedReply[" + frame + ", message=" + message.length + " bytes]";
    }

    private Optional<RustEnumValue> variant() {
        try {
            return Optional.of(RustEnumValue.parse(frame.blob()));
        } catch (PayloadException notAnEnum) {
            return Optional.empty();
        }
    }
}
