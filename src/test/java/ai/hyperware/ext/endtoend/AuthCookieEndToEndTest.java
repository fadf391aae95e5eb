package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.autoconfigure.ExtensionProperties;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.simulator.NodeSimulator;

/** An authenticated binding: the cookie goes in the handshake, and nowhere else. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "logging.level.ai.hyperware=DEBUG")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuthCookieEndToEndTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-value-never-logged";
    private static final String COOKIE = "hyperware-auth_fake.os=" + JWT;
    private static final NodeSimulator node = NodeSimulator.builder().process("ext:ext:test.os")
            .requiredCookie(COOKIE).build().start();

    @Autowired
    ExtensionProperties properties;

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        registry.add("hyperware.extension.node-url", () -> node.nodeUrl().toString());
        registry.add("hyperware.extension.process", () -> "ext:ext:test.os");
        registry.add("hyperware.extension.auth-cookie", () -> COOKIE);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void cookieIsSentInTheHandshakeAndNeverLogged(CapturedOutput output) throws Exception {
        assertThat(node.awaitConnection(Duration.ofSeconds(30))).isTrue();
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(properties.toString()).doesNotContain(JWT);
        assertThat(output.getAll()).doesNotContain(JWT);
    }
}
