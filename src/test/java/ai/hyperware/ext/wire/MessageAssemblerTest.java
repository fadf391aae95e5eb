package ai.hyperware.ext.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class MessageAssemblerTest {

    @Test
    void joinsPartsIntoOneMessage() {
        MessageAssembler assembler = new MessageAssembler(1024, 256);
        assertThat(assembler.append(ByteBuffer.wrap(new byte[] {1, 2}), false)).isNull();
        MessageAssembler.Message message = assembler.append(ByteBuffer.wrap(new byte[] {3}), true);
        assertThat(message.bytes()).containsExactly(1, 2, 3);
        assertThat(message.truncated()).isFalse();
    }

    @Test
    void overTheCapKeepsOnlyThePrefixAndTheTrueSize() {
        MessageAssembler assembler = new MessageAssembler(1000, 256);
        byte[] part = new byte[400];
        part[0] = 42;
        assembler.append(ByteBuffer.wrap(part), false);
        assembler.append(ByteBuffer.wrap(new byte[400]), false);
        MessageAssembler.Message message = assembler.append(ByteBuffer.wrap(new byte[400]), true);
        assertThat(message.truncated()).isTrue();
        assertThat(message.size()).isEqualTo(1200);
        assertThat(message.bytes()).hasSize(256);
        assertThat(message.bytes()[0]).isEqualTo((byte) 42);
        MessageAssembler.Message next = assembler.append(ByteBuffer.wrap(new byte[] {7}), true);
        assertThat(next.truncated()).as("the next message starts clean").isFalse();
        assertThat(next.bytes()).containsExactly(7);
    }
}
