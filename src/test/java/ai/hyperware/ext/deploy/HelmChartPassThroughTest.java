package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

/** Values that the chart hands to Kubernetes or to the application as they are. */
class HelmChartPassThroughTest {

    @Test
    void resourcesReachEachContainer() {
        Rendered rendered = HelmChart.render("""
                extension:
                  resources:
                    requests: {cpu: 300m, memory: 384Mi}
                    limits: {memory: 768Mi}
                node:
                  resources:
                    requests: {cpu: "1", memory: 2Gi}
                """);

        assertThat(rendered.extension().getResources().getRequests())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("300m"), "memory", new Quantity("384Mi")));
        assertThat(rendered.extension().getResources().getLimits())
                .containsExactlyInAnyOrderEntriesOf(Map.of("memory", new Quantity("768Mi")));
        assertThat(rendered.node().getResources().getRequests())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("1"), "memory", new Quantity("2Gi")));
    }

    @Test
    void extraEnvIsAddedAfterTheChartsOwnVariables() {
        Rendered rendered = HelmChart.render("""
                extension:
                  extraEnv:
                    - name: JAVA_TOOL_OPTIONS
                      value: -XX:MaxRAMPercentage=75
                    - name: NODE_NAME
                      valueFrom:
                        fieldRef:
                          fieldPath: spec.nodeName
                """);

        List<EnvVar> env = rendered.extension().getEnv();
        assertThat(env).extracting(EnvVar::getName).startsWith("HYPERWARE_EXTENSION_NODEURL")
                .endsWith("JAVA_TOOL_OPTIONS", "NODE_NAME");
        assertThat(rendered.extensionEnv("JAVA_TOOL_OPTIONS")).isEqualTo("-XX:MaxRAMPercentage=75");
        assertThat(rendered.extensionEnv().get("NODE_NAME").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("spec.nodeName");
    }

    @Test
    void settingsReachSpringAsApplicationJsonUnderTheirPropertyNames() throws Exception {
        Rendered rendered = HelmChart.render("""
                extension:
                  settings:
                    hyperware.extension.max-in-flight: 512
                    hyperware.extension.reconnect.max-delay: 10s
                    logging:
                      level:
                        ai.hyperware.ext: DEBUG
                """);

        Map<?, ?> json = new ObjectMapper().readValue(rendered.extensionEnv("SPRING_APPLICATION_JSON"), Map.class);
        assertThat(json).isEqualTo(Map.of(
                "hyperware.extension.max-in-flight", 512,
                "hyperware.extension.reconnect.max-delay", "10s",
                "logging", Map.of("level", Map.of("ai.hyperware.ext", "DEBUG"))));
    }

    @Test
    void withoutSettingsThereIsNoApplicationJson() {
        assertThat(HelmChart.renderDefaults().extensionEnv()).doesNotContainKey("SPRING_APPLICATION_JSON");
    }

    @Test
    void nodeExtraArgumentsFollowTheChartsOwn() {
        Rendered rendered = HelmChart.render("""
                node:
                  extraArgs: ["--verbosity", "2", "--max-peers", "64"]
                  extraEnv:
                    - name: RUST_BACKTRACE
                      value: "1"
                """);

        assertThat(rendered.node().getArgs()).containsExactly("/hyperdrive-home", "--port", "8080",
                "--expose-local", "--detached", "--verbosity", "2", "--max-peers", "64");
        assertThat(rendered.node().getEnv()).extracting(EnvVar::getName).containsExactly("RUST_BACKTRACE");
    }

    @Test
    void imagesAreValues() {
        Rendered rendered = HelmChart.render("""
                extension:
                  image: {repository: registry.example.com/my-ext, tag: "2.0.0", pullPolicy: Always}
                node:
                  image: {repository: registry.example.com/hyperdrive, tag: "1.9.1", pullPolicy: Never}
                """);

        assertThat(rendered.extension().getImage()).isEqualTo("registry.example.com/my-ext:2.0.0");
        assertThat(rendered.extension().getImagePullPolicy()).isEqualTo("Always");
        assertThat(rendered.node().getImage()).isEqualTo("registry.example.com/hyperdrive:1.9.1");
        assertThat(rendered.node().getImagePullPolicy()).isEqualTo("Never");
    }

    @Test
    void everyOptionAtOnceRendersTheWholeSet() {
        Rendered rendered = HelmChart.renderFiles(HelmChart.FULL_VALUES);

        assertThat(rendered.kinds()).containsExactlyInAnyOrder("Service", "Deployment", "ServiceMonitor");
        assertThat(rendered.pod().getNodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
        assertThat(rendered.pod().getTolerations()).singleElement()
                .satisfies(toleration -> assertThat(toleration.getKey()).isEqualTo("dedicated"));
        assertThat(rendered.pod().getAffinity().getNodeAffinity()).isNotNull();
        assertThat(rendered.pod().getImagePullSecrets()).singleElement()
                .satisfies(secret -> assertThat(secret.getName()).isEqualTo("registry-credentials"));
        assertThat(rendered.pod().getServiceAccountName()).isEqualTo("hyperware-ext");
        assertThat(rendered.deployment().getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("example.com/tier", "backend");
        assertThat(rendered.service().getMetadata().getAnnotations()).containsEntry("example.com/owner", "extensions");
    }
}
