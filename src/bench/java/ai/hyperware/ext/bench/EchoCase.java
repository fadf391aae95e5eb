package ai.hyperware.ext.bench;

import java.util.HexFormat;
import java.util.Random;

import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustResult;
import ai.hyperware.ext.payload.VecU8;

/**
 * A request blob and the reply blob it must get, built once so that sending it costs the driver nothing but the
 * frame around it.
 *
 * @param name          e.g. {@code Echo 64 B}
 * @param payloadBytes  the size of the payload the requester cares about (0 for Ping)
 * @param request       the request blob, as {@code rmp_serde} writes it
 * @param expectedReply the reply blob the peer must send
 */
record EchoCase(String name, int payloadBytes, byte[] request, byte[] expectedReply) {

    /**
     * {@code Req::<variant>(payload)} with {@code payload: Vec<u8>} of random bytes (so about half are written
     * {@code cc XX}, as binary data is), answered {@code Ok(payload)}.
     */
    static EchoCase echo(String variant, int size, long seed) {
        byte[] payload = new byte[size];
        new Random(seed).nextBytes(payload);
        byte[] value = VecU8.encode(payload);
        return new EchoCase("Echo " + Sizes.bytes(size), size, RustEnumValue.of(variant, value).toBytes(),
                RustResult.ok(value));
    }

    /** {@code Req::Ping}, answered {@code Ok("Pong")}. */
    static EchoCase ping() {
        byte[] pong = HexFormat.of().parseHex("a4506f6e67"); // "Pong"
        return new EchoCase("Ping", 0, RustEnumValue.unit("Ping").toBytes(), RustResult.ok(pong));
    }

    /** The same request, expected back as it was sent: what the raw floor answers. */
    EchoCase returnedUnchanged() {
        return new EchoCase(name, payloadBytes, request, request);
    }
}
