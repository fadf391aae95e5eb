package com.example.stray;

import org.springframework.stereotype.Component;

import ai.hyperware.ext.handler.ExtensionHandler;

/**
 * Not part of the example: a handler outside the application's package (com.example.digest), which component
 * scanning never finds. The runtime must say so at start-up (DigestApplicationTest checks the WARN).
 */
@Component
public class StrayHandlers {

    @ExtensionHandler("Stray")
    public String stray() {
        return "never served";
    }
}
