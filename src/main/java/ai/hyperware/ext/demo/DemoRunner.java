package ai.hyperware.ext.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.simulator.NodeSimulator;
import ai.hyperware.ext.simulator.SimulatedReply;

/**
 * Plays the interface process for a moment: sends a request of each kind through the simulated node and prints
 * the request and the reply, then leaves the extension running and connected.
 */
final class DemoRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger("demo");

    private final NodeSimulator node;
    private final RustSerdeMapper mapper;

    DemoRunner(NodeSimulator node, RustSerdeMapper mapper) {
        this.node = node;
        this.mapper = mapper;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!node.awaitConnection(Duration.ofSeconds(30))) {
            log.error("The extension did not connect to the demo node within 30 s; see the log above");
            return;
        }
        log.info("The extension is connected to the demo node at {}. Sending sample requests:", node.extensionUrl());
        send("the built-in Ping", RustEnumValue.unit("Ping").toBytes());
        send("the built-in Echo, with a Vec<u8>", variant("Echo", new byte[] {1, (byte) 200}));
        send("Add as a named struct", variant("Add", new DemoHandlers.Add(2, 40)));
        send("Add as a positional struct (rmp_serde::to_vec)", RustEnumValue.of("Add",
                new byte[] {(byte) 0x92, 0x05, 0x07}).toBytes());
        send("Reverse a string", variant("Reverse", "extension"));
        send("Digest some bytes", variant("Digest", "hello".getBytes(StandardCharsets.UTF_8)));
        send("Divide by zero: the handler throws", variant("Divide", new DemoHandlers.Divide(1, 0)));
        send("a variant no handler has", RustEnumValue.unit("Launch").toBytes());
        send("a blob that is not MessagePack", new byte[] {(byte) 0xc1});
        log.info("Demo done. The extension stays connected to the demo node; health at /actuator/health. "
                + "Press Ctrl+C to stop.");
    }

    private byte[] variant(String name, Object value) throws PayloadException {
        return RustEnumValue.of(name, mapper.write(value)).toBytes();
    }

    private void send(String what, byte[] blob) throws Exception {
        SimulatedReply reply = node.request(blob).get(20, TimeUnit.SECONDS);
        log.info("{}\n    request  id={} {}\n    reply    id={} {}", what, reply.frame().idString(),
                mapper.render(blob), reply.frame().idString(), reply.render());
    }
}
