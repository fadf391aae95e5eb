package ai.hyperware.ext.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
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
import ai.hyperware.ext.support.SimulatedNode;

/** An authenticated binding: the cookie goes in the handshake, and nowhere else. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "logging.level.ai.hyperware=DEBUG")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuthCookieEndToEndTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-value-never-logged";
    private static final String COOKIE = "hyperware-auth_fake.os=" + JWT;

    @RegisterExtension
    static final SimulatedNode simulated = new SimulatedNode(NodeSimulator.builder().requiredCookie(COOKIE));
    private static final NodeSimulator node = simulated.simulator();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        simulated.pointExtensionAt(registry);
        registry.add("hyperware.extension.auth-cookie", () -> COOKIE);
    }

    @Autowired
    ExtensionProperties properties;

    @Test
    void cookieIsSentInTheHandshakeAndNeverLogged(CapturedOutput output) throws Exception {
        assertThat(node.awaitConnection(Duration.ofSeconds(30))).isTrue();
        assertThat(node.request(RustEnumValue.unit("Ping").toBytes()).get(30, TimeUnit.SECONDS).isOk()).isTrue();
        assertThat(properties.toString()).doesNotContain(JWT);
        assertThat(output.getAll()).doesNotContain(JWT);
    }
}
