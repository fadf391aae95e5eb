package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The auth cookie (and the node password) reach the pod only by reference to a Secret the user created: no value of
 * the chart puts one in a manifest, whichever value a user mistakes for the right place.
 */
class HelmChartSecretsTest {

    /** A node login cookie as the node sets it: hyperware-auth_NODE=JWT, with a distinctive signature. */
    private static final String JWT =
            "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VybmFtZSI6ImNhbmFyeS5vcyJ9.Q0FOQVJZLWNvb2tpZS03ZjNh";
    private static final String COOKIE = "hyperware-auth_canary.os=" + JWT;
    /** A cookie that looks like nothing in particular, so that only where it is put can give it away. */
    private static final String OPAQUE_COOKIE = "opaque-canary-7f3a91c2";

    @Test
    void cookieComesFromTheNamedSecretByReference() {
        Rendered rendered = HelmChart.render("""
                authCookie:
                  existingSecret: ext-cookie
                  key: node-cookie
                """);

        EnvVar cookie = rendered.extensionEnv().get("HYPERWARE_EXTENSION_AUTHCOOKIE");
        assertThat(cookie.getValue()).isNull();
        SecretKeySelector secret = cookie.getValueFrom().getSecretKeyRef();
        assertThat(secret.getName()).isEqualTo("ext-cookie");
        assertThat(secret.getKey()).isEqualTo("node-cookie");
        assertThat(rendered.kinds()).doesNotContain("Secret", "ConfigMap");
    }

    @Test
    void withoutASecretThereIsNoCookieVariable() {
        assertThat(HelmChart.renderDefaults().extensionEnv())
                .doesNotContainKey("HYPERWARE_EXTENSION_AUTHCOOKIE");
    }

    @Test
    void nodePasswordComesFromASecretAndReachesTheNodeThroughItsEnvironment() {
        Rendered rendered = HelmChart.render("""
                node:
                  password:
                    existingSecret: node-password
                    key: pw
                """);

        EnvVar password = rendered.node().getEnv().get(0);
        assertThat(password.getName()).isEqualTo("HYPERDRIVE_PASSWORD");
        assertThat(password.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("node-password");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pw");
        // Kubernetes substitutes $(VAR) in args from the container's environment.
        assertThat(rendered.node().getArgs()).containsSequence("--password", "$(HYPERDRIVE_PASSWORD)");
    }

    @Test
    void withoutAPasswordSecretTheNodeWaitsForItsWebLogin() {
        Rendered rendered = HelmChart.renderDefaults();

        assertThat(rendered.node().getArgs()).doesNotContain("--password");
        assertThat(rendered.node().getEnv()).isEmpty();
    }

    /** Places where a user might put the cookie itself instead of a Secret's name. */
    static Stream<Arguments> mistakenPlaces() {
        return Stream.of(
                Arguments.of("the Secret's name", COOKIE, """
                        authCookie:
                          existingSecret: "%s"
                        """),
                Arguments.of("the Secret's name, bare JWT", JWT, """
                        authCookie:
                          existingSecret: "%s"
                        """),
                Arguments.of("the Secret's key, bare JWT", JWT, """
                        authCookie:
                          existingSecret: ext-cookie
                          key: "%s"
                        """),
                Arguments.of("an invented authCookie.value", COOKIE, """
                        authCookie:
                          value: "%s"
                        """),
                Arguments.of("a setting by its property name", COOKIE, """
                        extension:
                          settings:
                            hyperware.extension.auth-cookie: "%s"
                        """),
                Arguments.of("a setting by its property name, opaque", OPAQUE_COOKIE, """
                        extension:
                          settings:
                            hyperware.extension.auth-cookie: "%s"
                        """),
                Arguments.of("a nested camel-case setting, opaque", OPAQUE_COOKIE, """
                        extension:
                          settings:
                            hyperware:
                              extension:
                                authCookie: "%s"
                        """),
                Arguments.of("a Cookie handshake header setting, opaque", OPAQUE_COOKIE, """
                        extension:
                          settings:
                            hyperware.extension.handshake-headers.Cookie: "%s"
                        """),
                Arguments.of("the cookie's environment variable, opaque", OPAQUE_COOKIE, """
                        extension:
                          extraEnv:
                            - name: HYPERWARE_EXTENSION_AUTHCOOKIE
                              value: "%s"
                        """),
                Arguments.of("SPRING_APPLICATION_JSON, opaque", OPAQUE_COOKIE, """
                        extension:
                          extraEnv:
                            - name: SPRING_APPLICATION_JSON
                              value: '{"hyperware.extension.auth-cookie": "%s"}'
                        """),
                Arguments.of("another environment variable", COOKIE, """
                        extension:
                          extraEnv:
                            - name: NODE_COOKIE
                              value: "%s"
                        """),
                Arguments.of("a pod annotation, opaque with the cookie's name", "hyperware-auth_canary.os=" + OPAQUE_COOKIE,
                        """
                        podAnnotations:
                          cookie: "%s"
                        """),
                Arguments.of("a pod annotation", COOKIE, """
                        podAnnotations:
                          cookie: "%s"
                        """),
                Arguments.of("the node's arguments, bare JWT", JWT, """
                        node:
                          extraArgs: ["--cookie", "%s"]
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakenPlaces")
    void aCookieInAnyValueNeverReachesTheManifest(String place, String secret, String valuesTemplate) {
        String values = valuesTemplate.formatted(secret);

        Throwable failure = catchThrowable(() -> HelmChart.template(values));

        assertThat(failure).as("rendering with the cookie in %s", place).isNotNull();
        assertThat(failure.getMessage()).as("the error points to authCookie").contains("authCookie");
        assertThat(failure.getMessage()).as("the error names no secret").doesNotContain(secret);
    }
}
