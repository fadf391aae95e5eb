package ai.hyperware.ext.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.management.ManagementFactory;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** What the decoder does with frames a node would never send, and with frames its parser rejects. */
class FrameDecoderRobustnessTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String ENVELOPE = "81b4576562536f636b65744578745075736844617461";

    @Test
    void acceptsBinBlob() throws Exception {
        Frame frame = FrameDecoder.decode(HEX.parseHex(ENVELOPE + "83a2696405" + "b6" + hex("hyperware_message_type")
                + "a7" + hex("Request") + "a4626c6f62" + "c40201c8"));
        assertThat(frame).isEqualTo(Frame.of(5, MessageType.REQUEST, new byte[] {1, (byte) 200}));
    }

    @Test
    void acceptsFieldsInAnyOrderAndSkipsUnknownOnes() throws Exception {
        Frame frame = FrameDecoder.decode(HEX.parseHex(ENVELOPE + "84a4626c6f6291cc80" + "a5" + hex("extra") + "c0"
                + "b6" + hex("hyperware_message_type") + "a8" + hex("Response") + "a2696409"));
        assertThat(frame).isEqualTo(Frame.of(9, MessageType.RESPONSE, new byte[] {(byte) 0x80}));
    }

    @Test
    void rejectsNegativeInt64IdTheWayTheNodeDoes() {
        assertThatThrownBy(() -> FrameDecoder.decode(HEX.parseHex(ENVELOPE + "83a26964d3ffffffffffffffff" + "b6"
                + hex("hyperware_message_type") + "a8" + hex("Response") + "a4626c6f6290")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("unsigned");
    }

    @Test
    void rejectsStringBlobButKeepsTheIdForAnErrorReply() {
        MalformedFrameException e = catchThrowableOfType(MalformedFrameException.class,
                () -> FrameDecoder.decode(HEX.parseHex(ENVELOPE + "83a269642a" + "b6" + hex("hyperware_message_type")
                        + "a7" + hex("Request") + "a4626c6f62a3616263")));
        assertThat(e).hasMessageContaining("blob");
        assertThat(e.id()).hasValue(42);
        Frame reply = e.replyTo(new byte[] {1}).orElseThrow();
        assertThat(reply.id()).isEqualTo(42);
        assertThat(reply.type()).isEqualTo(MessageType.REQUEST);
    }

    @Test
    void rejectsBlobIntsAbove255() {
        assertThatThrownBy(() -> FrameDecoder.decode(HEX.parseHex(ENVELOPE + "9301a8" + hex("Response")
                + "91cd0100"))).isInstanceOf(MalformedFrameException.class).hasMessageContaining("not a byte");
    }

    @Test
    void rejectsTrailingBytes() {
        assertThatThrownBy(() -> FrameDecoder.decode(HEX.parseHex(FrameGoldenBytesTest.ID_1_RESPONSE_PING + "00")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("trailing");
    }

    @Test
    void rejectsOtherVariants() {
        assertThatThrownBy(() -> FrameDecoder.decode(HEX.parseHex("81a3" + hex("Foo") + "c0")))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("unsupported variant");
    }

    @Test
    void quotesAnUnknownMessageTypeShortAndWithItsControlCharactersEscaped() {
        String hostile = "Resp\nINFO forged log line" + "x".repeat(10_000);
        MalformedFrameException e = catchThrowableOfType(MalformedFrameException.class,
                () -> FrameDecoder.decode(HEX.parseHex(ENVELOPE + "83a2696407" + "b6" + hex("hyperware_message_type")
                        + "da2729" + hex(hostile) + "a4626c6f6290")));
        assertThat(e.getMessage()).startsWith("unknown message type \"Resp\\u000aINFO forged log line")
                .endsWith("... (10025 characters) (expected Request or Response)").doesNotContain("\n")
                .hasSizeLessThan(200);
        assertThat(e.id()).hasValue(7);
    }

    @Test
    void rejectsEmptyAndTruncatedInputWithoutAnId() {
        for (String input : new String[] {"", "81", ENVELOPE, FrameGoldenBytesTest.ID_1_RESPONSE_PING.substring(0, 60)}) {
            MalformedFrameException e = catchThrowableOfType(MalformedFrameException.class,
                    () -> FrameDecoder.decode(HEX.parseHex(input)));
            assertThat(e).as("input %s", input).isNotNull();
        }
    }

    @Test
    void arrayHeaderClaimingTwoBillionElementsIsRejectedWithoutAllocatingForIt() {
        byte[] lie = HEX.parseHex(ENVELOPE + "9301a8" + hex("Response") + "dd7ffffff0" + "01");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        catchThrowableOfType(MalformedFrameException.class, () -> FrameDecoder.decode(lie)); // warm up
        long before = threads.getThreadAllocatedBytes(thread);
        MalformedFrameException e = catchThrowableOfType(MalformedFrameException.class,
                () -> FrameDecoder.decode(lie));
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(e).isNotNull();
        assertThat(e.id()).hasValue(1);
        assertThat(allocated).as("bytes allocated decoding the lie").isLessThan(1 << 20);
    }

    @Test
    void arrayHeaderClaimingFourBillionElementsIsRejected() {
        assertThatThrownBy(() -> FrameDecoder.decode(HEX.parseHex(ENVELOPE + "9301a8" + hex("Response")
                + "ddfffffff0" + "01"))).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void binHeaderClaimingMoreThanRemainsIsRejected() {
        assertThatThrownBy(() -> FrameDecoder.decode(HEX.parseHex(ENVELOPE + "9301a8" + hex("Response")
                + "c6fffffff0" + "01"))).isInstanceOf(MalformedFrameException.class);
    }

    private static String hex(String text) {
        return HEX.formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
