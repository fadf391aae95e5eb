package ai.hyperware.ext.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.VecU8;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MessageType;
import ai.hyperware.ext.wire.TypeFieldName;

/**
 * A benchmark of a peer that answers wrongly is worthless: before any load, each peer gets a fixed sample of Ping
 * and Echo requests (ids at the encoding boundaries, both frame layouts, Vec&lt;u8&gt; payloads at the array-header
 * boundaries, and a few other value kinds), and its reply messages must be, byte for byte, what the node itself
 * would write: {@code rmp_serde}'s encoding of the request's reply. The peers are then compared with each other.
 *
 * <p>The raw floor ({@link RawEchoPeer}) is exempt, since it answers nothing: its check is that every sample message
 * comes back unchanged, byte for byte.
 */
final class ReplyBytesCheck {

    private static final HexFormat HEX = HexFormat.of();

    /** One sample request and the reply message it must get. */
    record Sample(String description, Frame request, byte[] expectedMessage) {
    }

    private ReplyBytesCheck() {
    }

    /** The samples, with the Echo requests sent as {@code echoVariant} (the replies are the same for any name). */
    static List<Sample> samples(String echoVariant) {
        long[] ids = {0, 1, 0x7f, 0x80, 0xffff, 0x1_0000, 0xffff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE,
            Long.MIN_VALUE, -1L}; // the last two are 2^63 and 2^64-1, unsigned
        List<byte[]> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 15, 16, 64, 127, 128, 255, 256, 16 * 1024, 65535, 65536}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            values.add(VecU8.encode(payload));
            names.add("Echo(Vec<u8> of " + Sizes.bytes(size) + ")");
        }
        values.add(HEX.parseHex("a668c3a96c6c6f")); // "héllo"
        names.add("Echo(String)");
        values.add(HEX.parseHex("cfffffffffffffffff")); // u64::MAX
        names.add("Echo(u64::MAX)");
        values.add(HEX.parseHex("82a16101a16292ff02")); // {"a": 1, "b": [-1, 2]}, a struct to_vec_named
        names.add("Echo(struct)");
        values.add(HEX.parseHex("c0")); // None
        names.add("Echo(None)");
        values.add(HEX.parseHex("c403010203")); // bin [1, 2, 3]
        names.add("Echo(bin)");

        List<Sample> samples = new ArrayList<>();
        samples.add(sample("Ping", ids[1], FrameLayout.NAMED, RustEnumValue.unit("Ping").toBytes(),
                RustResult.ok(HEX.parseHex("a4506f6e67"))));
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i);
            samples.add(sample(names.get(i), ids[i % ids.length], FrameLayout.NAMED,
                    RustEnumValue.of(echoVariant, value).toBytes(), RustResult.ok(value)));
        }
        for (long id : ids) {
            samples.add(sample("Ping", id, FrameLayout.NAMED, RustEnumValue.unit("Ping").toBytes(),
                    RustResult.ok(HEX.parseHex("a4506f6e67"))));
        }
        samples.add(sample("Ping", ids[9], FrameLayout.POSITIONAL, RustEnumValue.unit("Ping").toBytes(),
                RustResult.ok(HEX.parseHex("a4506f6e67"))));
        samples.add(sample(names.get(4), ids[10], FrameLayout.POSITIONAL,
                RustEnumValue.of(echoVariant, values.get(4)).toBytes(), RustResult.ok(values.get(4))));
        return samples;
    }

    private static Sample sample(String what, long id, FrameLayout layout, byte[] blob, byte[] replyBlob) {
        Frame request = new Frame(id, MessageType.RESPONSE, blob, TypeFieldName.HYPERWARE, layout);
        return new Sample(what + ", id " + Long.toUnsignedString(id) + ", " + layout.name().toLowerCase(), request,
                FrameEncoder.encode(request.reply(replyBlob)));
    }

    /**
     * Sends every sample, one at a time, and returns the reply messages as received. A raw peer must return each
     * request message unchanged; every other peer must send the node's encoding of the reply.
     *
     * @throws IllegalStateException naming the first sample whose reply is not the expected bytes
     */
    static List<byte[]> run(NodeSimulator node, Peer peer) throws Exception {
        List<byte[]> replies = new ArrayList<>();
        for (Sample sample : samples(peer.echoVariant())) {
            SimulatedReply reply = node.request(sample.request()).get(30, TimeUnit.SECONDS);
            byte[] expected = peer.raw() ? FrameEncoder.encode(sample.request()) : sample.expectedMessage();
            if (!Arrays.equals(reply.message(), expected)) {
                throw new IllegalStateException(peer.name() + " answered " + sample.description() + " with other bytes"
                        + (peer.raw() ? " than the request's own" : " than the node's own encoding of the reply")
                        + ".\n  expected " + abbreviate(expected) + "\n  got      " + abbreviate(reply.message()));
            }
            replies.add(reply.message());
        }
        return replies;
    }

    private static String abbreviate(byte[] bytes) {
        String hex = HEX.formatHex(bytes);
        return hex.length() <= 200 ? hex : hex.substring(0, 200) + "... (" + bytes.length + " bytes)";
    }
}
