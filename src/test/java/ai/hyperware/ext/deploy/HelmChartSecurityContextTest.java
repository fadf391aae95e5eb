package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;

/** Both containers run unprivileged; the extension on a read-only root filesystem with a writable /tmp. */
class HelmChartSecurityContextTest {

    @Test
    void extensionRunsAsANumericNonRootUserWithNothingToEscalate() {
        SecurityContext context = HelmChart.renderDefaults().extension().getSecurityContext();

        assertThat(context.getRunAsNonRoot()).isTrue();
        assertThat(context.getRunAsUser()).isEqualTo(10001L);
        assertThat(context.getAllowPrivilegeEscalation()).isFalse();
        assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void extensionRootFilesystemIsReadOnlyAndTheJvmWritesToAnEmptyDirAtTmp() {
        Rendered rendered = HelmChart.renderDefaults();

        assertThat(rendered.extension().getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(rendered.extension().getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
                .containsExactly(tuple("extension-tmp", "/tmp"));
        Volume tmp = rendered.pod().getVolumes().stream()
                .filter(volume -> volume.getName().equals("extension-tmp")).findFirst().orElseThrow();
        assertThat(tmp.getEmptyDir()).isNotNull();
        assertThat(tmp.getEmptyDir().getSizeLimit().toString()).isEqualTo("256Mi");
    }

    @Test
    void nodeRunsAsItsImagesNonRootUserByNumberAndOwnsItsVolumeByGroup() {
        Rendered rendered = HelmChart.renderDefaults();
        SecurityContext node = rendered.node().getSecurityContext();
        PodSecurityContext pod = rendered.pod().getSecurityContext();

        assertThat(node.getRunAsNonRoot()).isTrue();
        assertThat(node.getRunAsUser()).isEqualTo(999L);
        assertThat(node.getAllowPrivilegeEscalation()).isFalse();
        assertThat(node.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(node.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getFsGroup()).isEqualTo(999L);
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    @Test
    void securityContextsAreValues() {
        Rendered rendered = HelmChart.render("""
                extension:
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 20002
                node:
                  securityContext:
                    runAsUser: 1000
                  persistence:
                    fsGroup: 1000
                """);

        assertThat(rendered.extension().getSecurityContext().getRunAsUser()).isEqualTo(20002L);
        assertThat(rendered.node().getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(rendered.pod().getSecurityContext().getFsGroup()).isEqualTo(1000L);
    }

    @Test
    void podGetsNoServiceAccountToken() {
        assertThat(HelmChart.renderDefaults().pod().getAutomountServiceAccountToken()).isFalse();
    }
}
