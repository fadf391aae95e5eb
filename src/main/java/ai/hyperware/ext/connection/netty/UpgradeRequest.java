package ai.hyperware.ext.connection.netty;

import java.net.URI;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * Builds the RFC 6455 upgrade request (with a fresh {@code Sec-WebSocket-Key}) and checks the node's answer, including
 * {@code Sec-WebSocket-Accept}, using Netty's own handshaker. Only those two steps are borrowed: Netty's
 * {@code finishHandshake} also rearranges the pipeline, and puts the frame encoder behind the decoder, where a
 * close frame written by the decoder would never be encoded. {@link UpgradeHandler} builds the pipeline
 * itself.
 */
final class UpgradeRequest extends WebSocketClientHandshaker13 {

    private final boolean originGiven;

    UpgradeRequest(URI uri, HttpHeaders headers, int maxFramePayload) {
        super(uri, WebSocketVersion.V13, null, false, headers, maxFramePayload);
        this.originGiven = headers.contains(HttpHeaderNames.ORIGIN);
    }

    /** A new request; call once per connection attempt, before {@link #check}. */
    FullHttpRequest build() {
        FullHttpRequest request = newHandshakeRequest();
        if (!originGiven) {
            // Netty adds an Origin by default; a node's extension rules don't ask for one, and other clients of the
            // node (Tomcat's, Python's websockets) send none, so send only what the user configured
            request.headers().remove(HttpHeaderNames.ORIGIN);
        }
        return request;
    }

    /**
     * Checks the node's answer: 101, {@code Upgrade: websocket}, {@code Connection: upgrade}, and the accept value
     * for the key just sent.
     *
     * @throws io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException when it is not an upgrade
     */
    void check(FullHttpResponse response) {
        verify(response);
    }
}
