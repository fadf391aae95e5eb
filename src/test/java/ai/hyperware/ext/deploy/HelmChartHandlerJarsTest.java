package ai.hyperware.ext.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Handler jars from a user's images: each image's jars are copied by an init container into an emptyDir, which the
 * extension container mounts read-only where LOADER_PATH points, so that ext.jar serves them.
 */
class HelmChartHandlerJarsTest {

    private static final String TWO_IMAGES = """
            extension:
              handlers:
                images:
                  - image: registry.example.com/my-handlers:1.0.0
                  - image: registry.example.com/more-handlers:2.0.0
                    path: /opt/jars/
                    pullPolicy: Always
            """;

    @Test
    void eachImageCopiesItsJarsIntoTheHandlersVolumeBeforeTheExtensionStarts() {
        Rendered rendered = HelmChart.render(TWO_IMAGES);

        List<Container> init = rendered.pod().getInitContainers();
        assertThat(init).extracting(Container::getName).containsExactly("handlers-0", "handlers-1");
        assertThat(init.get(0).getImage()).isEqualTo("registry.example.com/my-handlers:1.0.0");
        assertThat(init.get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(init.get(0).getCommand()).containsExactly("cp", "-R", "/handlers/.", "/handlers-out/");
        assertThat(init.get(1).getCommand()).containsExactly("cp", "-R", "/opt/jars/.", "/handlers-out/");
        assertThat(init.get(1).getImagePullPolicy()).isEqualTo("Always");
        for (Container copier : init) {
            assertThat(copier.getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
                    .containsExactly(Tuple.tuple("extension-handlers", "/handlers-out"));
            assertThat(copier.getSecurityContext().getRunAsUser()).as("writes as the extension's user").isEqualTo(10001L);
            assertThat(copier.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        }
    }

    @Test
    void theExtensionMountsTheJarsReadOnlyWhereLoaderPathPoints() {
        Rendered rendered = HelmChart.render(TWO_IMAGES);

        assertThat(rendered.extensionEnv("LOADER_PATH")).isEqualTo("/app/handlers");
        VolumeMount mount = rendered.extension().getVolumeMounts().stream()
                .filter(m -> m.getName().equals("extension-handlers")).findFirst().orElseThrow();
        assertThat(mount.getMountPath()).isEqualTo("/app/handlers");
        assertThat(mount.getReadOnly()).isTrue();
        Volume volume = rendered.pod().getVolumes().stream()
                .filter(v -> v.getName().equals("extension-handlers")).findFirst().orElseThrow();
        assertThat(volume.getEmptyDir().getSizeLimit().toString()).isEqualTo("256Mi");
    }

    @Test
    void withoutHandlerImagesThereIsNoInitContainerNoVolumeAndTheImagesOwnLoaderPath() {
        Rendered rendered = HelmChart.renderDefaults();

        assertThat(rendered.pod().getInitContainers()).isEmpty();
        assertThat(rendered.pod().getVolumes()).extracting(Volume::getName).doesNotContain("extension-handlers");
        assertThat(rendered.extensionEnv()).doesNotContainKey("LOADER_PATH");
    }

    @Test
    void strictLintPassesWithAHandlerImage() {
        LintResult result = HelmChart.lintStrict(TWO_IMAGES);

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(message -> message.contains("[WARNING]")
                || message.contains("[ERROR]"));
    }

    @Test
    void schemaRejectsAHandlerSourceWithoutAnImage() {
        assertThatThrownBy(() -> HelmChart.render("""
                extension:
                  handlers:
                    images:
                      - path: /handlers
                """))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("image");
    }

    @Test
    void schemaRejectsARelativeJarPath() {
        assertThatThrownBy(() -> HelmChart.render("""
                extension:
                  handlers:
                    images:
                      - image: my-handlers:1
                        path: handlers
                """))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("path");
    }

    @Test
    void schemaRejectsAnUnknownKeyInAHandlerSource() {
        assertThatThrownBy(() -> HelmChart.render("""
                extension:
                  handlers:
                    images:
                      - image: my-handlers:1
                        jars: /handlers
                """))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("jars");
    }
}
