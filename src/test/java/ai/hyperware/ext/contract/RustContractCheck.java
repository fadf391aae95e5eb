package ai.hyperware.ext.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;
import ai.hyperware.ext.support.OfflineCargo;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.MessageType;

/**
 * The Rust side of the contract check: {@code src/test/rust/contract-check} with a generated module as its
 * {@code src/contract.rs}, built offline against Debian's serde and rmp-serde, and run with the test playing the node
 * between it and the real extension: each request the program encodes goes to the extension through the
 * {@link NodeSimulator} over a real WebSocket, and the reply's blob goes back to the program, which decodes it into
 * the generated types and says what it found (see the header of its {@code main.rs}).
 */
final class RustContractCheck {

    private static final HexFormat HEX = HexFormat.of();
    private static final Path TEMPLATE = OfflineCargo.project().resolve("src/test/rust/contract-check");

    /** What the program found for one request: {@code ok same}, {@code err <message>}, {@code undecodable ...}. */
    record Outcome(String variant, String encoding, String round, String result) {
        boolean ok() {
            return result.startsWith("ok ");
        }

        @Override
        public String toString() {
            return variant + " " + encoding + " " + round + ": " + result;
        }
    }

    private final Path binary;

    private RustContractCheck(Path binary) {
        this.binary = binary;
    }

    /**
     * Copies the crate to {@code target/contract-check/<name>} with {@code module} as its {@code src/contract.rs}
     * and builds it (the dependencies are built once, in the shared target directory).
     */
    static RustContractCheck build(String name, String module) throws IOException, InterruptedException {
        Path crate = OfflineCargo.project().resolve("target/contract-check").resolve(name);
        Files.createDirectories(crate.resolve("src"));
        Files.createDirectories(crate.resolve(".cargo"));
        String binary = "contract-check-" + name;
        Files.writeString(crate.resolve("Cargo.toml"), Files.readString(TEMPLATE.resolve("Cargo.toml"))
                .replace("name = \"contract-check\"", "name = \"" + binary + "\""));
        for (String file : List.of(".cargo/config.toml", "src/main.rs", "src/sample.rs")) {
            Files.copy(TEMPLATE.resolve(file), crate.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(crate.resolve("src/contract.rs"), module);
        return new RustContractCheck(OfflineCargo.build(crate, binary));
    }

    /** Runs the program to its end, answering each of its requests through {@code node}. */
    List<Outcome> run(NodeSimulator node) throws IOException, InterruptedException {
        Process program = new ProcessBuilder(binary.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Outcome> outcomes = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(program.getInputStream(),
                StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(program.getOutputStream(), StandardCharsets.UTF_8)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] words = line.split(" ", 5);
                switch (words[0]) {
                    case "request" -> {
                        in.write(answer(node, HEX.parseHex(words[4])) + "\n");
                        in.flush();
                    }
                    case "result" -> outcomes.add(new Outcome(words[1], words[2], words[3], words[4]));
                    case "done" -> {
                        return outcomes;
                    }
                    default -> fail("contract-check said: " + line);
                }
            }
        } finally {
            if (!program.waitFor(30, TimeUnit.SECONDS)) {
                program.destroyForcibly();
            }
        }
        return fail("contract-check ended without saying done (exit " + program.exitValue() + "); so far: "
                + outcomes);
    }

    /** The extension's reply to one blob, sent with a random id (half of them at or above 2^63). */
    private static String answer(NodeSimulator node, byte[] blob) throws InterruptedException {
        long id = ThreadLocalRandom.current().nextLong();
        try {
            SimulatedReply reply = node.request(Frame.of(id, MessageType.REQUEST, blob)).get(30, TimeUnit.SECONDS);
            if (reply.frame().id() != id) {
                return "none the reply carried id " + reply.frame().idString() + " for " + Long.toUnsignedString(id);
            }
            return "reply " + (reply.blob().length == 0 ? "-" : HEX.formatHex(reply.blob()));
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            return "none " + e;
        }
    }
}
