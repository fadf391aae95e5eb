package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} on the chart, and the notes Helm prints after an install. */
class HelmChartLintTest {

    @Test
    void strictLintPassesWithTheDefaults() {
        LintResult result = HelmChart.lintStrict("");

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]")
                || message.contains("[ERROR]"));
    }

    @Test
    void strictLintPassesWithEveryOptionSet() throws Exception {
        LintResult result = HelmChart.lintStrict(Files.readString(HelmChart.FULL_VALUES));

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]")
                || message.contains("[ERROR]"));
    }

    @Test
    void lintFailsOnValuesTheSchemaRejects() {
        LintResult result = HelmChart.lintStrict("""
                mode: bogus
                """);

        assertThat(result.isFailed()).isTrue();
        assertThat(result.getMessages()).anyMatch(message -> message.contains("mode"));
    }

    @Test
    void notesTellHowToCheckHealthReadinessAndMetrics() throws Exception {
        Release release = new Helm(HelmChart.CHART).install()
                .withName(HelmChart.RELEASE)
                .withNamespace(HelmChart.NAMESPACE)
                .withValuesFile(HelmChart.DEFAULT_VALUES)
                .dryRun()
                .clientOnly()
                .call();

        assertThat(release.getOutput())
                .contains("kubectl -n hyperware port-forward service/rel-hyperware-ext 8770:http")
                .contains("curl -s localhost:8770/actuator/health/liveness")
                .contains("curl -s localhost:8770/actuator/health/readiness")
                .contains("curl -s localhost:8770/actuator/prometheus")
                .contains("port-forward service/rel-hyperware-ext 8080:node-http");
    }
}
