package ai.hyperware.ext.connection.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rehearsal that loads a connection's classes at start-up swallows its failures (they only mean a slower first
 * connection), so this is where one would be seen: it must run the codecs to the end, over a request and answer
 * they accept, and give what a
 * real connection's would: a 101, a masked frame, a node's frame read.
 */
class CodecRehearsalTest {

    @Test
    void runsTheUpgradeAndAFrameEachWayWithoutFailing() {
        assertThat(CodecRehearsal.run(64 * 1024 * 1024, 16 * 1024)).isTrue();
    }
}
