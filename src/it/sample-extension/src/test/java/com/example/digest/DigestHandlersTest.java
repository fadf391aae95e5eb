package com.example.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import ai.hyperware.ext.test.EmbeddedNode;
import ai.hyperware.ext.test.ErrReplyException;
import ai.hyperware.ext.test.TestNode;

@SpringBootTest
@EmbeddedNode
class DigestHandlersTest {

    @Autowired
    TestNode node;

    @Test
    void sha256OfHello() {
        byte[] digest = node.call("Sha256", "hello".getBytes(StandardCharsets.UTF_8), byte[].class);
        assertThat(HexFormat.of().formatHex(digest))
                .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    @Test
    void classifiesAGreeting() {
        DigestHandlers.Label[] labels = node.call("Classify", new DigestHandlers.Classify("Hello there", 2),
                DigestHandlers.Label[].class);
        assertThat(labels).extracting(DigestHandlers.Label::name).containsExactly("greeting", "other");
    }

    @Test
    void refusesTopKZero() {
        assertThatThrownBy(() -> node.call("Classify", new DigestHandlers.Classify("hi", 0), Object.class))
                .isInstanceOf(ErrReplyException.class)
                .hasMessage("top_k must be at least 1");
    }
}
