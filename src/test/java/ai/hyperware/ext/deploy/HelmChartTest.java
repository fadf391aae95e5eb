package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The pod's shape in each mode: which containers, how the extension finds the node, where the node keeps its home. */
class HelmChartTest {

    @Test
    void defaultModeRendersOnePodWithTheNodeAndTheExtension() {
        Rendered rendered = HelmChart.renderDefaults();

        assertThat(rendered.kinds()).containsExactlyInAnyOrder("PersistentVolumeClaim", "Service", "Deployment");
        assertThat(rendered.containerNames()).containsExactly("node", "extension");
    }

    @Test
    void theOnlyPodIsReplacedNeverDoubled() {
        Rendered rendered = HelmChart.renderDefaults();

        assertThat(rendered.deployment().getSpec().getReplicas()).isEqualTo(1);
        assertThat(rendered.deployment().getSpec().getStrategy().getType()).isEqualTo("Recreate");
    }

    @Test
    void nodeStartsOnItsHomeAndPortWithExposeLocalAndDetached() {
        Container node = HelmChart.renderDefaults().node();

        assertThat(node.getImage()).isEqualTo("hyperdrive:1.9.2");
        assertThat(node.getArgs()).containsExactly("/hyperdrive-home", "--port", "8080", "--expose-local", "--detached");
        assertThat(node.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("node-http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
    }

    @Test
    void extensionReachesTheNodeOnLoopbackAtTheNodesPort() {
        Rendered rendered = HelmChart.renderDefaults();

        assertThat(rendered.extensionEnv("HYPERWARE_EXTENSION_NODEURL")).isEqualTo("ws://localhost:8080");
    }

    @Test
    void changingTheNodePortMovesTheNodeAndTheExtensionsNodeUrlTogether() {
        Rendered rendered = HelmChart.render("""
                node:
                  port: 8085
                """);

        assertThat(rendered.node().getArgs()).containsSequence("--port", "8085");
        assertThat(rendered.node().getPorts().get(0).getContainerPort()).isEqualTo(8085);
        assertThat(rendered.extensionEnv("HYPERWARE_EXTENSION_NODEURL")).isEqualTo("ws://localhost:8085");
    }

    @Test
    void nodeHomeIsOnAClaimTheChartCreatesAndKeepsOnUninstall() {
        Rendered rendered = HelmChart.renderDefaults();

        PersistentVolumeClaim claim = rendered.claim().orElseThrow();
        assertThat(claim.getMetadata().getName()).isEqualTo("rel-hyperware-ext-node-home");
        assertThat(claim.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getStorageClassName()).as("the cluster's default class").isNull();
        assertThat(nodeHomeClaim(rendered)).isEqualTo("rel-hyperware-ext-node-home");
        assertThat(rendered.node().getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .containsExactly(tuple("node-home", "/hyperdrive-home"));
    }

    @Test
    void claimSizeAndStorageClassAreValues() {
        PersistentVolumeClaim claim = HelmChart.render("""
                node:
                  persistence:
                    size: 50Gi
                    storageClass: fast-ssd
                    keep: false
                """).claim().orElseThrow();

        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("50Gi");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(claim.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void storageClassDashMeansNoDynamicProvisioning() {
        PersistentVolumeClaim claim = HelmChart.render("""
                node:
                  persistence:
                    storageClass: "-"
                """).claim().orElseThrow();

        assertThat(claim.getSpec().getStorageClassName()).isEmpty();
    }

    @Test
    void existingClaimIsMountedAndNoClaimIsCreated() {
        Rendered rendered = HelmChart.render("""
                node:
                  persistence:
                    existingClaim: my-node-home
                """);

        assertThat(rendered.claim()).isEmpty();
        assertThat(nodeHomeClaim(rendered)).isEqualTo("my-node-home");
    }

    @Test
    void extensionOnlyModeRendersTheExtensionAloneWithoutAClaim() {
        Rendered rendered = HelmChart.render("""
                mode: extensionOnly
                """);

        assertThat(rendered.kinds()).containsExactlyInAnyOrder("Service", "Deployment");
        assertThat(rendered.containerNames()).containsExactly("extension");
        assertThat(rendered.pod().getVolumes()).extracting(Volume::getName).containsExactly("extension-tmp");
        assertThat(rendered.pod().getSecurityContext().getFsGroup()).isNull();
        assertThat(rendered.extensionEnv("HYPERWARE_EXTENSION_NODEURL")).isEqualTo("ws://localhost:8080");
        assertThat(rendered.pod().getHostNetwork()).isNull();
    }

    @Test
    void extensionOnlyModeCanJoinTheHostsNetworkWhereTheNodeRuns() {
        Rendered rendered = HelmChart.render("""
                mode: extensionOnly
                hostNetwork: true
                node:
                  port: 8081
                """);

        assertThat(rendered.pod().getHostNetwork()).isTrue();
        assertThat(rendered.pod().getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(rendered.extensionEnv("HYPERWARE_EXTENSION_NODEURL")).isEqualTo("ws://localhost:8081");
    }

    @Test
    void processReachesTheExtensionAndThePathOnlyWhenSet() {
        Rendered withoutPath = HelmChart.renderDefaults();
        Rendered withPath = HelmChart.render("""
                extension:
                  path: /jobs
                """);

        assertThat(withoutPath.extensionEnv("HYPERWARE_EXTENSION_PROCESS")).isEqualTo("myext:mypkg:publisher.os");
        assertThat(withoutPath.extensionEnv()).doesNotContainKey("HYPERWARE_EXTENSION_PATH");
        assertThat(withPath.extensionEnv("HYPERWARE_EXTENSION_PATH")).isEqualTo("/jobs");
    }

    @Test
    void extensionServesHttpOnItsPortAndTellsSpringWhichOneItIs() {
        Rendered rendered = HelmChart.render("""
                extension:
                  port: 8771
                """);

        assertThat(rendered.extension().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8771);
        });
        assertThat(rendered.extensionEnv("SERVER_PORT")).isEqualTo("8771");
    }

    @Test
    void extensionImageTagDefaultsToTheAppVersionWhichIsTheProjectVersion() throws Exception {
        String projectVersion = XPathFactory.newInstance().newXPath().evaluate("/project/version",
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile()));
        Map<String, Object> chart = new Yaml().load(Files.readString(HelmChart.CHART.resolve("Chart.yaml")));

        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("appVersion", projectVersion);
        assertThat(HelmChart.renderDefaults().extension().getImage())
                .isEqualTo("hyperware-ext:" + projectVersion);
    }

    @Test
    void springGetsTheShutdownTimeoutAndKubernetesWaitsLonger() {
        Rendered defaults = HelmChart.renderDefaults();
        Rendered custom = HelmChart.render("""
                terminationGracePeriodSeconds: 90
                extension:
                  shutdownTimeoutSeconds: 60
                """);

        assertThat(defaults.extensionEnv("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE")).isEqualTo("30s");
        assertThat(defaults.pod().getTerminationGracePeriodSeconds()).isGreaterThan(30);
        assertThat(custom.extensionEnv("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE")).isEqualTo("60s");
        assertThat(custom.pod().getTerminationGracePeriodSeconds()).isEqualTo(90);
    }

    @Test
    void aGracePeriodNoLongerThanTheShutdownTimeoutFailsRendering() {
        assertThatThrownBy(() -> HelmChart.render("""
                terminationGracePeriodSeconds: 30
                extension:
                  shutdownTimeoutSeconds: 30
                """))
                .hasMessageContaining("terminationGracePeriodSeconds must be larger than "
                        + "extension.shutdownTimeoutSeconds");
    }

    private static String nodeHomeClaim(Rendered rendered) {
        return rendered.pod().getVolumes().stream()
                .filter(volume -> volume.getName().equals("node-home"))
                .findFirst()
                .orElseThrow()
                .getPersistentVolumeClaim()
                .getClaimName();
    }
}
