package ai.hyperware.ext.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ai.hyperware.ext.support.OfflineCargo;

/**
 * Our frame codec against the real {@code rmp_serde} 1.x, the MessagePack serializer the Hyperware node uses.
 *
 * <p>The peer is {@code src/test/rust/rmp-check}, a small Rust program of ours that mirrors the node's
 * {@code HttpServerAction::WebSocketExtPushData} type. {@link OfflineCargo} builds it once per run, offline, against
 * Debian's packaged crate sources, and it answers one command per line on stdin (see the header of its
 * {@code main.rs}). Without cargo or those crates the tests are skipped, except when {@code CI=true}, where they
 * fail.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RmpSerdeCompatibilityTest {

    private static final long SEED = 0x5EED_2026_0001L;
    private static final HexFormat HEX = HexFormat.of();

    /** Ids at every boundary of the MessagePack uint forms, then random ones; about half are >= 2^63. */
    private static final long[] EDGE_IDS = {
        0L, 1L, 127L, 128L, 255L, 256L, 65535L, 65536L, 0xFFFF_FFFFL, 0x1_0000_0000L,
        Long.MAX_VALUE, Long.MIN_VALUE /* 2^63 */, -1L /* 2^64-1 */,
    };
    private static final int RANDOM_IDS = 2000;
    private static final int MAX_BLOB = 300;

    private static final List<Frame> FRAMES = frames();

    private static Peer peer;
    /** Why the peer cannot be built here (outside CI), or null. */
    private static String unavailable;

    @BeforeAll
    static void buildAndStartPeer() throws Exception {
        Path crate = OfflineCargo.project().resolve("src/test/rust/rmp-check");
        assertTrue(Files.isRegularFile(crate.resolve("Cargo.toml")), "the peer crate is missing: " + crate);
        unavailable = OfflineCargo.unavailable();
        if (unavailable == null) {
            peer = new Peer(OfflineCargo.build(crate, "rmp-check"));
        }
    }

    /** Skips each test, so that a report counts them as skipped, when the peer cannot be built here. */
    @BeforeEach
    void skipWithoutPeer() {
        if (unavailable != null) {
            Assumptions.abort(unavailable);
        }
    }

    @AfterAll
    static void stopPeer() throws InterruptedException {
        if (peer != null) {
            peer.close();
        }
    }

    // ---- rmp_serde reads what we write ----

    @Test
    void rmpSerdeReadsEveryNamedFrameWeWrite() {
        for (Frame frame : FRAMES) {
            byte[] ours = FrameEncoder.encode(frame);
            assertEquals(parsed(frame), peer.ask("parse " + hex(ours)),
                    () -> "rmp_serde read our " + frame + " differently; our bytes: " + hex(ours));
        }
    }

    @Test
    void rmpSerdeReadsEveryKinodeNamedFrameWeWriteAsTheKinodeType() {
        for (Frame frame : framesAs(TypeFieldName.KINODE, FrameLayout.NAMED)) {
            byte[] ours = FrameEncoder.encode(frame);
            assertEquals(parsed(frame), peer.ask("parse-kinode " + hex(ours)),
                    () -> "rmp_serde read our " + frame + " differently; our bytes: " + hex(ours));
        }
    }

    @Test
    void rmpSerdeReadsEveryPositionalFrameWeWrite() {
        for (Frame frame : framesAs(TypeFieldName.HYPERWARE, FrameLayout.POSITIONAL)) {
            byte[] ours = FrameEncoder.encode(frame);
            assertEquals(parsed(frame), peer.ask("parse " + hex(ours)),
                    () -> "rmp_serde read our " + frame + " differently; our bytes: " + hex(ours));
        }
    }

    // ---- we write what rmp_serde writes, byte for byte ----

    @Test
    void weWriteNamedFramesByteForByteAsRmpSerdeToVecNamed() {
        for (Frame frame : FRAMES) {
            assertEquals(hex(peer.serialize("named", frame)), hex(FrameEncoder.encode(frame)),
                    () -> "bytes differ for " + frame + " (expected: rmp_serde::to_vec_named, actual: ours)");
        }
    }

    @Test
    void weWriteKinodeNamedFramesByteForByteAsRmpSerdeToVecNamed() {
        for (Frame frame : framesAs(TypeFieldName.KINODE, FrameLayout.NAMED)) {
            assertEquals(hex(peer.serialize("named-kinode", frame)), hex(FrameEncoder.encode(frame)),
                    () -> "bytes differ for " + frame + " (expected: rmp_serde::to_vec_named, actual: ours)");
        }
    }

    @Test
    void weWritePositionalFramesByteForByteAsRmpSerdeToVec() {
        for (Frame frame : framesAs(TypeFieldName.HYPERWARE, FrameLayout.POSITIONAL)) {
            assertEquals(hex(peer.serialize("positional", frame)), hex(FrameEncoder.encode(frame)),
                    () -> "bytes differ for " + frame + " (expected: rmp_serde::to_vec, actual: ours)");
        }
    }

    // ---- we read what rmp_serde writes ----

    @Test
    void weReadRmpSerdeNamedFramesBackToTheSameFrame() throws MalformedFrameException {
        for (Frame frame : FRAMES) {
            byte[] theirs = peer.serialize("named", frame);
            assertEquals(frame, FrameDecoder.decode(theirs), () -> "rmp_serde's bytes: " + hex(theirs));
        }
    }

    @Test
    void weReadRmpSerdeKinodeNamedFramesBackToTheSameFrame() throws MalformedFrameException {
        for (Frame frame : framesAs(TypeFieldName.KINODE, FrameLayout.NAMED)) {
            byte[] theirs = peer.serialize("named-kinode", frame);
            assertEquals(frame, FrameDecoder.decode(theirs), () -> "rmp_serde's bytes: " + hex(theirs));
        }
    }

    @Test
    void weReadRmpSerdePositionalFramesBackToTheSameFrame() throws MalformedFrameException {
        for (Frame frame : framesAs(TypeFieldName.HYPERWARE, FrameLayout.POSITIONAL)) {
            byte[] theirs = peer.serialize("positional", frame);
            assertEquals(frame, FrameDecoder.decode(theirs), () -> "rmp_serde's bytes: " + hex(theirs));
        }
    }

    // ---- what rmp_serde rejects (and so shows the harness can see a rejection) ----

    @Test
    void rmpSerdeRejectsAnIdAtOrAbove2To63WrittenAsInt64() {
        List<Long> highIds = FRAMES.stream().map(Frame::id).filter(id -> id < 0).toList();
        assertTrue(highIds.size() > RANDOM_IDS / 3, "too few ids >= 2^63 to check: " + highIds.size());
        for (long id : highIds) {
            String unsigned = "parse " + hex(handWrittenFrame((byte) 0xcf, id));
            String signed = "parse " + hex(handWrittenFrame((byte) 0xd3, id));
            assertEquals("ok " + Long.toUnsignedString(id) + " Response -", peer.ask(unsigned),
                    () -> "the same frame with a uint64 id must parse: " + unsigned);
            String answer = peer.ask(signed);
            assertTrue(answer.startsWith("err "), () -> "rmp_serde accepted an int64 id: " + signed + " -> " + answer);
        }
    }

    @Test
    void aHyperdriveNodeRejectsTheKinodeFieldName() {
        for (Frame frame : framesAs(TypeFieldName.KINODE, FrameLayout.NAMED)) {
            String answer = peer.ask("parse " + hex(FrameEncoder.encode(frame)));
            assertTrue(answer.startsWith("err "), () -> "a Hyperdrive node accepted " + frame + ": " + answer);
        }
    }

    // ---- cases ----

    /** The frames every test uses, named with {@code hyperware_message_type}; the same on every run. */
    private static List<Frame> frames() {
        Random random = new Random(SEED);
        List<Long> ids = new ArrayList<>();
        for (long id : EDGE_IDS) {
            ids.add(id);
        }
        for (int i = 0; i < RANDOM_IDS; i++) {
            if (random.nextBoolean()) {
                ids.add(random.nextLong() | Long.MIN_VALUE); // >= 2^63: the cf form, negative as a Java long
            } else {
                ids.add(random.nextLong() >>> (1 + random.nextInt(64))); // every size below 2^63, so every form
            }
        }
        List<Frame> frames = new ArrayList<>();
        for (long id : ids) {
            byte[] blob = new byte[random.nextInt(MAX_BLOB + 1)];
            random.nextBytes(blob);
            MessageType type = random.nextBoolean() ? MessageType.REQUEST : MessageType.RESPONSE;
            frames.add(Frame.of(id, type, blob));
        }
        return List.copyOf(frames);
    }

    private static List<Frame> framesAs(TypeFieldName name, FrameLayout layout) {
        return FRAMES.stream().map(f -> new Frame(f.id(), f.type(), f.blob(), name, layout)).toList();
    }

    /** What the peer answers when rmp_serde has read {@code frame}. */
    private static String parsed(Frame frame) {
        return "ok " + frame.idString() + " " + frame.type().wireName() + " " + hex(frame.blob());
    }

    /**
     * A named Response frame with an empty blob, written byte by byte, the id behind the given marker: {@code cf}
     * (uint64, what the node expects) or {@code d3} (int64, the same 8 bytes read as a negative number).
     */
    private static byte[] handWrittenFrame(byte idMarker, long id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        fixstr(out, "WebSocketExtPushData");
        out.write(0x83);
        fixstr(out, "id");
        out.write(idMarker);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (id >>> shift));
        }
        fixstr(out, "hyperware_message_type");
        fixstr(out, "Response");
        fixstr(out, "blob");
        out.write(0x90);
        return out.toByteArray();
    }

    private static void fixstr(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(0xa0 | bytes.length);
        out.writeBytes(bytes);
    }

    /** Hex as the peer writes it: lowercase, and {@code -} for no bytes. */
    private static String hex(byte[] bytes) {
        return bytes.length == 0 ? "-" : HEX.formatHex(bytes);
    }

    /** The running rmp-check binary: one command line in, one answer line out. */
    private static final class Peer {
        private final Process process;
        private final Writer in;
        private final BufferedReader out;

        Peer(Path binary) throws IOException {
            process = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        String ask(String command) {
            try {
                in.write(command);
                in.write('\n');
                in.flush();
                String answer = out.readLine();
                if (answer == null) {
                    fail("rmp-check exited (" + exitStatus() + ") on: " + command);
                }
                return answer;
            } catch (IOException e) {
                return fail("rmp-check is unreachable (" + exitStatus() + ") on: " + command, e);
            }
        }

        /** rmp_serde's bytes for {@code frame}; {@code command} is named, named-kinode or positional. */
        byte[] serialize(String command, Frame frame) {
            String request = command + " " + frame.idString() + " " + frame.type().wireName() + " "
                    + hex(frame.blob());
            String answer = ask(request);
            if (answer.startsWith("err ")) {
                fail("rmp_serde could not write " + frame + ": " + answer);
            }
            return HEX.parseHex(answer);
        }

        private String exitStatus() {
            return process.isAlive() ? "still running" : "exit " + process.exitValue();
        }

        void close() throws InterruptedException {
            try {
                in.close(); // end of input: the peer exits
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
