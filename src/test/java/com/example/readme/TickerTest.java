package com.example.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.test.EmbeddedNode;
import ai.hyperware.ext.test.TestNode;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.MessageType;

/** The README's push example reaches the process as a Request frame with the id push() returned. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EmbeddedNode
class TickerTest {

    @Autowired
    TestNode node;

    @Autowired
    Ticker ticker;

    @Test
    void aTickArrivesAsAnUnsolicitedRequest() throws Exception {
        assertThat(node.call("Ping", String.class)).isEqualTo("Pong"); // connected, both ways

        long id = ticker.tick();

        Frame push = node.simulator().pushes().poll(30, TimeUnit.SECONDS);
        assertThat(push).isNotNull();
        assertThat(push.id()).isEqualTo(id);
        assertThat(push.type()).isEqualTo(MessageType.REQUEST);
        assertThat(RustEnumValue.parse(push.blob()).variant()).isEqualTo("Tick");
    }
}
