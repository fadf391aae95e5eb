package ai.hyperware.ext.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The manifests that {@code helm template} printed, as the text and as typed Kubernetes objects. */
final class Rendered {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private final String text;
    private final List<HasMetadata> objects;

    private Rendered(String text, List<HasMetadata> objects) {
        this.text = text;
        this.objects = objects;
    }

    static Rendered parse(String text) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(text)) {
            if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                // Kinds without a model class (the ServiceMonitor) come back as GenericKubernetesResource.
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return new Rendered(text, objects);
    }

    /** Everything Helm printed. */
    String text() {
        return text;
    }

    List<HasMetadata> objects() {
        return objects;
    }

    /** Kind of every object, e.g. {@code [Deployment, Service]}, in the order Helm printed them. */
    List<String> kinds() {
        return objects.stream().map(HasMetadata::getKind).toList();
    }

    Deployment deployment() {
        return only(Deployment.class);
    }

    Service service() {
        return only(Service.class);
    }

    Optional<PersistentVolumeClaim> claim() {
        return optional(PersistentVolumeClaim.class);
    }

    Optional<GenericKubernetesResource> serviceMonitor() {
        return optional(GenericKubernetesResource.class)
                .filter(resource -> "ServiceMonitor".equals(resource.getKind()));
    }

    PodSpec pod() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    Map<String, String> podAnnotations() {
        Map<String, String> annotations = deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    Container container(String name) {
        return pod().getContainers().stream()
                .filter(container -> container.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name + " in " + containerNames()));
    }

    List<String> containerNames() {
        return pod().getContainers().stream().map(Container::getName).toList();
    }

    Container extension() {
        return container("extension");
    }

    Container node() {
        return container("node");
    }

    /** The extension container's environment variables by name. */
    Map<String, EnvVar> extensionEnv() {
        return extension().getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, Function.identity(), (first, second) -> second));
    }

    /** The plain value of one of the extension's environment variables. */
    String extensionEnv(String name) {
        EnvVar variable = extensionEnv().get(name);
        if (variable == null) {
            throw new AssertionError("no env " + name + " in " + extensionEnv().keySet());
        }
        return variable.getValue();
    }

    private <T extends HasMetadata> T only(Class<T> type) {
        List<T> matching = ofType(type);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " but found " + kinds());
        }
        return matching.get(0);
    }

    private <T extends HasMetadata> Optional<T> optional(Class<T> type) {
        return ofType(type).stream().findFirst();
    }

    private <T extends HasMetadata> List<T> ofType(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
