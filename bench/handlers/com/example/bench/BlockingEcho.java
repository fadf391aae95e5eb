package com.example.bench;

import org.springframework.stereotype.Component;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.payload.RawMsgpack;

/**
 * The benchmark's user handler: Echo as a user would write it, on the default, blocking path (the handler executor,
 * not the I/O thread). bench/run compiles it into a handler jar and starts ext.jar with -Dloader.path, the way users
 * deliver handlers to ext.jar, so that its figures are those of a user's handler rather than the built-in Echo's.
 */
@Component
public class BlockingEcho {

    @ExtensionHandler("BlockingEcho")
    public RawMsgpack echo(RawMsgpack value) {
        return value;
    }
}
