package com.example.readme;

import org.springframework.stereotype.Component;

import ai.hyperware.ext.connection.NodePush;
import ai.hyperware.ext.payload.PayloadException;

@Component
public class Ticker {

    public record Tick(long at) {}

    private final NodePush push;

    public Ticker(NodePush push) {
        this.push = push;
    }

    /** Sends {"Tick": {"at": <millis>}} to the process, unasked; returns the push's random u64 id. */
    public long tick() throws PayloadException {
        return push.push("Tick", new Tick(System.currentTimeMillis()));
    }
}
