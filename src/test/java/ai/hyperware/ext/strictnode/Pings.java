package ai.hyperware.ext.strictnode;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.support.RawNode;

/** A Ping on a given connection, answered: the proof that the extension's side of that connection serves. */
final class Pings {

    private static final byte[] PING = RustEnumValue.unit("Ping").toBytes();

    private Pings() {
    }

    static void assertServed(RawNode node, RawNode.Connection connection) throws IOException {
        long id = ThreadLocalRandom.current().nextLong();
        connection.sendFrame(RawNode.request(id, PING));
        await("a Pong for id " + Long.toUnsignedString(id)).atMost(Duration.ofSeconds(30))
                .until(() -> node.repliesById().containsKey(id));
    }
}
