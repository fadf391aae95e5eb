package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import org.junit.jupiter.api.Test;

/** The Service, Prometheus' scrape annotations and the optional ServiceMonitor. */
class HelmChartMonitoringTest {

    @Test
    void serviceExposesTheExtensionAndTheNodeInTheCombinedMode() {
        Service service = HelmChart.renderDefaults().service();

        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
                .containsExactly(tuple("http", 8770), tuple("node-http", 8080));
        assertThat(service.getSpec().getPorts()).extracting(port -> port.getTargetPort().getStrVal())
                .containsExactly("http", "node-http");
        assertThat(service.getSpec().getSelector())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "app.kubernetes.io/name", "hyperware-ext", "app.kubernetes.io/instance", "rel"));
    }

    @Test
    void servicePortsFollowThePortValues() {
        Service service = HelmChart.render("""
                extension:
                  port: 8771
                node:
                  port: 8085
                """).service();

        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName, ServicePort::getPort)
                .containsExactly(tuple("http", 8771), tuple("node-http", 8085));
    }

    @Test
    void serviceListsThePodBeforeItIsReadySoThatTheNodesLoginPageIsReachable() {
        assertThat(HelmChart.renderDefaults().service().getSpec().getPublishNotReadyAddresses())
                .isTrue();
    }

    @Test
    void serviceExposesOnlyTheExtensionInExtensionOnlyMode() {
        Service service = HelmChart.render("""
                mode: extensionOnly
                """).service();

        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("http");
    }

    @Test
    void podCarriesScrapeAnnotationsForTheExtensionsPrometheusEndpoint() {
        Map<String, String> annotations = HelmChart.render("""
                extension:
                  port: 8771
                """).podAnnotations();

        assertThat(annotations)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "8771")
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
    }

    @Test
    void scrapeAnnotationsCanBeTurnedOffWithoutLosingOtherAnnotations() {
        Map<String, String> annotations = HelmChart.render("""
                metrics:
                  scrapeAnnotations: false
                podAnnotations:
                  example.com/team: extensions
                """).podAnnotations();

        assertThat(annotations.keySet()).noneMatch(key -> key.startsWith("prometheus.io/"));
        assertThat(annotations).containsEntry("example.com/team", "extensions");
    }

    @Test
    void noServiceMonitorUnlessAskedFor() {
        assertThat(HelmChart.renderDefaults().serviceMonitor()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceMonitorScrapesTheExtensionsPrometheusEndpointThroughTheService() {
        Rendered rendered = HelmChart.render("""
                serviceMonitor:
                  enabled: true
                  interval: 15s
                  labels:
                    release: prometheus
                """);
        GenericKubernetesResource monitor = rendered.serviceMonitor().orElseThrow();

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
        Map<String, String> matchLabels = monitor.get("spec", "selector", "matchLabels");
        assertThat(rendered.service().getMetadata().getLabels()).containsAllEntriesOf(matchLabels);
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> assertThat(endpoint)
                .containsEntry("port", "http")
                .containsEntry("path", "/actuator/prometheus")
                .containsEntry("interval", "15s"));
    }
}
