package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import org.junit.jupiter.api.Test;

/** Kubernetes asks the extension's actuator whether it lives and whether it is ready, and only the node's port. */
class HelmChartProbesTest {

    @Test
    void livenessAsksTheLivenessGroupOnTheHttpPort() {
        Probe liveness = HelmChart.renderDefaults().extension().getLivenessProbe();

        assertThat(liveness.getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(liveness.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void readinessAsksTheReadinessGroupOnTheHttpPort() {
        Probe readiness = HelmChart.renderDefaults().extension().getReadinessProbe();

        assertThat(readiness.getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(readiness.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void startupProbeHoldsTheOthersBackUntilSpringHasStarted() {
        Probe startup = HelmChart.renderDefaults().extension().getStartupProbe();

        assertThat(startup.getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(startup.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).as("seconds allowed to start")
                .isGreaterThanOrEqualTo(60);
    }

    @Test
    void readinessGivesUpSoonerThanLivenessRestarts() {
        Container extension = HelmChart.renderDefaults().extension();
        Probe readiness = extension.getReadinessProbe();
        Probe liveness = extension.getLivenessProbe();

        // A lost node connection should take the pod out of rotation quickly; only a broken application restarts it.
        assertThat(readiness.getPeriodSeconds() * readiness.getFailureThreshold())
                .isLessThan(liveness.getPeriodSeconds() * liveness.getFailureThreshold());
        assertThat(readiness.getSuccessThreshold()).isEqualTo(1);
        assertThat(liveness.getFailureThreshold()).isGreaterThan(1);
    }

    @Test
    void probeTimingsAreValues() {
        Container extension = HelmChart.render("""
                extension:
                  readinessProbe:
                    periodSeconds: 7
                    failureThreshold: 4
                  livenessProbe:
                    timeoutSeconds: 9
                """).extension();

        assertThat(extension.getReadinessProbe().getPeriodSeconds()).isEqualTo(7);
        assertThat(extension.getReadinessProbe().getFailureThreshold()).isEqualTo(4);
        assertThat(extension.getLivenessProbe().getTimeoutSeconds()).isEqualTo(9);
    }

    @Test
    void probesCanBeTurnedOff() {
        Container extension = HelmChart.render("""
                extension:
                  startupProbe:
                    enabled: false
                  livenessProbe:
                    enabled: false
                  readinessProbe:
                    enabled: false
                """).extension();

        assertThat(extension.getStartupProbe()).isNull();
        assertThat(extension.getLivenessProbe()).isNull();
        assertThat(extension.getReadinessProbe()).isNull();
    }

    @Test
    void nodeIsProbedOnlyOnItsTcpPortAndNeverForReadiness() {
        Container node = HelmChart.renderDefaults().node();

        assertThat(node.getStartupProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("node-http");
        assertThat(node.getLivenessProbe().getTcpSocket().getPort().getStrVal()).isEqualTo("node-http");
        assertThat(node.getReadinessProbe()).as("the pod's readiness is the extension's").isNull();
    }
}
