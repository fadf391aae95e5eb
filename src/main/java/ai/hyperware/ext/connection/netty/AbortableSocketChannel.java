package ai.hyperware.ext.connection.netty;

import java.io.IOException;

import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * A NIO socket channel that can be closed from outside its event loop. Netty closes a channel by a task on its loop;
 * when that loop is stuck (a handler blocked where it must not), the task never runs, so the socket itself is closed.
 */
public final class AbortableSocketChannel extends NioSocketChannel {

    /** Closes the socket now; the loop, when it runs again, finds it closed and cleans up. */
    void abort() {
        try {
            javaChannel().close();
        } catch (IOException e) {
            // closing a socket that failed to close leaves nothing more to do
        }
    }
}
