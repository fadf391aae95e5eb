package ai.hyperware.ext.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The frame vectors of PROTOCOL.md §5, each read and written byte for byte. */
class FrameGoldenBytesTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PING = HEX.parseHex("a450696e67");
    private static final byte[] OK_PONG = HEX.parseHex("81a24f6ba4506f6e67");

    static final String ID_1_RESPONSE_PING = "81b4576562536f636b6574457874507573684461746183a2696401b668797065727761"
            + "72655f6d6573736167655f74797065a8526573706f6e7365a4626c6f6295cca450696e67";
    static final String ID_MAX_REQUEST_OK_PONG = "81b4576562536f636b6574457874507573684461746183a26964cffffffffffff"
            + "fffffb66879706572776172655f6d6573736167655f74797065a752657175657374a4626c6f6299cc81cca24f6bcca4506f6e67";
    static final String ID_2_63_RESPONSE_EMPTY = "81b4576562536f636b6574457874507573684461746183a26964cf80000000000"
            + "00000b66879706572776172655f6d6573736167655f74797065a8526573706f6e7365a4626c6f6290";
    static final String KINODE_ID_7_RESPONSE_OK_PONG = "81b4576562536f636b6574457874507573684461746183a2696407b36b69"
            + "6e6f64655f6d6573736167655f74797065a8526573706f6e7365a4626c6f6299cc81cca24f6bcca4506f6e67";
    static final String POSITIONAL_ID_1_RESPONSE = "81b4576562536f636b657445787450757368446174619301a8526573706f6e73"
            + "659201ccc8";

    @Test
    void decodesResponseWithPingBlob() throws Exception {
        assertThat(FrameDecoder.decode(HEX.parseHex(ID_1_RESPONSE_PING)))
                .isEqualTo(Frame.of(1, MessageType.RESPONSE, PING));
    }

    @Test
    void encodesResponseWithPingBlob() {
        assertThat(HEX.formatHex(FrameEncoder.encode(Frame.of(1, MessageType.RESPONSE, PING))))
                .isEqualTo(ID_1_RESPONSE_PING);
    }

    @Test
    void decodesLargestIdAsUnsigned() throws Exception {
        Frame frame = FrameDecoder.decode(HEX.parseHex(ID_MAX_REQUEST_OK_PONG));
        assertThat(frame.idString()).isEqualTo("18446744073709551615");
        assertThat(frame).isEqualTo(Frame.of(-1L, MessageType.REQUEST, OK_PONG));
    }

    @Test
    void encodesLargestIdAsUint64NotInt64() {
        assertThat(HEX.formatHex(FrameEncoder.encode(Frame.of(-1L, MessageType.REQUEST, OK_PONG))))
                .isEqualTo(ID_MAX_REQUEST_OK_PONG);
    }

    @Test
    void decodesTwoToThe63WithEmptyBlob() throws Exception {
        assertThat(FrameDecoder.decode(HEX.parseHex(ID_2_63_RESPONSE_EMPTY)))
                .isEqualTo(Frame.of(Long.MIN_VALUE, MessageType.RESPONSE, new byte[0]));
    }

    @Test
    void encodesTwoToThe63WithEmptyBlob() {
        assertThat(HEX.formatHex(FrameEncoder.encode(Frame.of(Long.MIN_VALUE, MessageType.RESPONSE, new byte[0]))))
                .isEqualTo(ID_2_63_RESPONSE_EMPTY);
    }

    @Test
    void decodesKinodeFieldNameAndRemembersIt() throws Exception {
        Frame frame = FrameDecoder.decode(HEX.parseHex(KINODE_ID_7_RESPONSE_OK_PONG));
        assertThat(frame).isEqualTo(
                new Frame(7, MessageType.RESPONSE, OK_PONG, TypeFieldName.KINODE, FrameLayout.NAMED));
    }

    @Test
    void encodesReplyToKinodeFrameWithKinodeFieldName() throws Exception {
        Frame request = FrameDecoder.decode(HEX.parseHex(KINODE_ID_7_RESPONSE_OK_PONG));
        assertThat(HEX.formatHex(FrameEncoder.encode(request.reply(OK_PONG))))
                .isEqualTo(KINODE_ID_7_RESPONSE_OK_PONG);
    }

    @Test
    void decodesPositionalFrame() throws Exception {
        assertThat(FrameDecoder.decode(HEX.parseHex(POSITIONAL_ID_1_RESPONSE))).isEqualTo(new Frame(1,
                MessageType.RESPONSE, new byte[] {1, (byte) 200}, TypeFieldName.HYPERWARE, FrameLayout.POSITIONAL));
    }

    @Test
    void encodesReplyToPositionalFramePositionally() throws Exception {
        Frame request = FrameDecoder.decode(HEX.parseHex(POSITIONAL_ID_1_RESPONSE));
        assertThat(HEX.formatHex(FrameEncoder.encode(request.reply(new byte[] {1, (byte) 200}))))
                .isEqualTo(POSITIONAL_ID_1_RESPONSE);
    }

    @Test
    void encodedSizeIsTheRealSize() {
        for (Frame frame : new Frame[] {Frame.of(-1L, MessageType.RESPONSE, new byte[] {(byte) 0x80, 1}),
                new Frame(7, MessageType.REQUEST, new byte[300], TypeFieldName.KINODE, FrameLayout.POSITIONAL)}) {
            assertThat(FrameEncoder.encodedSize(frame)).isEqualTo(FrameEncoder.encode(frame).length);
        }
    }
}
