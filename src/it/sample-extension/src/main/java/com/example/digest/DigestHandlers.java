package com.example.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

import ai.hyperware.ext.handler.ExtensionHandler;

/** Rust: enum Request { Sha256(Vec<u8>), Classify { text: String, top_k: u32 } } */
@Component
public class DigestHandlers {

    public record Classify(String text, long topK) {}       // top_k: u32 on the wire

    public record Label(String name, double score) {}

    @ExtensionHandler("Sha256")                               // {"Sha256": [104, 105]}
    public byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(data);   // replies {"Ok": [32 bytes]}
    }

    @ExtensionHandler("Classify")                             // {"Classify": {"text": "...", "top_k": 2}}
    public List<Label> classify(Classify request) {
        if (request.topK() < 1) {
            throw new IllegalArgumentException("top_k must be at least 1");   // replies {"Err": "top_k must ..."}
        }
        String text = request.text().toLowerCase();
        return Arrays.stream(new String[] {"greeting", "question", "other"})
                .map(name -> new Label(name, score(name, text)))
                .sorted((a, b) -> Double.compare(b.score(), a.score()))
                .limit(request.topK())
                .toList();
    }

    private static double score(String label, String text) {
        return switch (label) {
            case "greeting" -> text.matches(".*\\b(hello|hi|hey)\\b.*") ? 0.9 : 0.1;
            case "question" -> text.endsWith("?") ? 0.8 : 0.2;
            default -> 0.3;
        };
    }
}
