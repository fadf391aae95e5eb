package ai.hyperware.ext.strictnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import ai.hyperware.ext.ExtensionApplication;
import ai.hyperware.ext.support.RawNode;

/**
 * With every logger at TRACE, the auth cookie and the values of the extra handshake headers reach the node and
 * appear nowhere in the log. (Spring's JSR-356 client logged "Handshake request headers: {Cookie=[...]}" at TRACE.)
 * The node here is a plain-socket one, whose side logs nothing, so that anything found came from the extension.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = ExtensionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "logging.level.root=TRACE")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SecretsAtTraceTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.dHJhY2UtbGV2ZWwtc2VjcmV0.trace-sig-never-logged";
    private static final String COOKIE = "hyperware-auth_fake.os=" + JWT;
    private static final String HEADER_VALUE = "header-value-never-logged-7f3a";

    @RegisterExtension
    static final RawNode node = RawNode.start();

    @DynamicPropertySource
    static void nodeAddress(DynamicPropertyRegistry registry) {
        node.pointExtensionAt(registry);
        registry.add("hyperware.extension.auth-cookie", () -> COOKIE);
        registry.add("hyperware.extension.handshake-headers.X-Extension-Token", () -> HEADER_VALUE);
    }

    @Test
    void theCookieAndHeaderValuesReachTheNodeAndNoLogLine(CapturedOutput output) throws Exception {
        RawNode.Connection connection = node.awaitConnection(Duration.ofSeconds(30));
        assertThat(connection).isNotNull();
        Pings.assertServed(node, connection);

        assertThat(connection.requestHead()).as("the upgrade request").contains("Cookie: " + COOKIE)
                .contains(HEADER_VALUE);
        assertThat(output.getAll()).as("TRACE logging of %d characters", output.getAll().length())
                .contains("TRACE").doesNotContain(JWT).doesNotContain(HEADER_VALUE);
    }
}
