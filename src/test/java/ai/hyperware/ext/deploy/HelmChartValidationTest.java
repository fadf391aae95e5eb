package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Values that can't work stop the rendering, with a message that names the value. */
class HelmChartValidationTest {

    @Test
    void missingProcessFailsNamingTheValueAndAnExample() {
        assertThatThrownBy(() -> HelmChart.renderWithoutProcess(""))
                .hasMessageContaining("extension.process is required")
                .hasMessageContaining("myext:mypkg:publisher.os");
    }

    @Test
    void emptyProcessFailsLikeAMissingOne() {
        assertThatThrownBy(() -> HelmChart.render("""
                extension:
                  process: ""
                """))
                .hasMessageContaining("extension.process is required");
    }

    @Test
    void schemaRejectsAProcessThatIsNotNamePackagePublisher() {
        assertThatThrownBy(() -> HelmChart.render("""
                extension:
                  process: myext
                """))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("extension.process");
    }

    @Test
    void schemaRejectsAnUnknownMode() {
        assertThatThrownBy(() -> HelmChart.render("""
                mode: bogus
                """))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("mode");
    }

    @Test
    void schemaRejectsAPortGivenAsAString() {
        assertThatThrownBy(() -> HelmChart.render("""
                extension:
                  port: "8770"
                """))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("extension.port");
    }

    @Test
    void schemaRejectsAPortOutOfRange() {
        assertThatThrownBy(() -> HelmChart.render("""
                node:
                  port: 70000
                """))
                .hasMessageContaining("node.port");
    }

    @Test
    void schemaRejectsAMisspelledValueInsteadOfIgnoringIt() {
        assertThatThrownBy(() -> HelmChart.render("""
                serviceMonitor:
                  enable: true
                """))
                .hasMessageContaining("serviceMonitor")
                .hasMessageContaining("enable");
    }

    @Test
    void schemaRejectsAnUnknownPullPolicy() {
        assertThatThrownBy(() -> HelmChart.render("""
                node:
                  image:
                    pullPolicy: Sometimes
                """))
                .hasMessageContaining("node.image.pullPolicy");
    }
}
