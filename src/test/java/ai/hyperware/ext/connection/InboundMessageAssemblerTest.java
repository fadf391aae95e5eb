package ai.hyperware.ext.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class InboundMessageAssemblerTest {

    @Test
    void joinsPartsIntoOneMessage() {
        InboundMessageAssembler assembler = new InboundMessageAssembler(1024);
        assertThat(assembler.append(ByteBuffer.wrap(new byte[] {1, 2}), false)).isNull();
        InboundMessageAssembler.Message message = assembler.append(ByteBuffer.wrap(new byte[] {3}), true);
        assertThat(message.bytes()).containsExactly(1, 2, 3);
        assertThat(message.oversized()).isFalse();
    }

    @Test
    void overTheCapKeepsOnlyThePrefixAndTheTrueSize() {
        InboundMessageAssembler assembler = new InboundMessageAssembler(1000);
        byte[] part = new byte[400];
        part[0] = 42;
        assembler.append(ByteBuffer.wrap(part), false);
        assembler.append(ByteBuffer.wrap(new byte[400]), false);
        InboundMessageAssembler.Message message = assembler.append(ByteBuffer.wrap(new byte[400]), true);
        assertThat(message.oversized()).isTrue();
        assertThat(message.size()).isEqualTo(1200);
        assertThat(message.bytes()).hasSize(InboundMessageAssembler.KEPT_PREFIX);
        assertThat(message.bytes()[0]).isEqualTo((byte) 42);
        InboundMessageAssembler.Message next = assembler.append(ByteBuffer.wrap(new byte[] {7}), true);
        assertThat(next.oversized()).as("the next message starts clean").isFalse();
        assertThat(next.bytes()).containsExactly(7);
    }
}
