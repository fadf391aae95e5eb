package ai.hyperware.ext.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart under {@code helm/ext}, driven by real Helm (helm-java embeds it as a native library).
 *
 * <p>Values are given as YAML text, the way a user writes a values file, on top of {@code ci/default-values.yaml}
 * (which sets the one required value, {@code extension.process}), so that each test shows only what it changes:
 * <pre>{@code
 * Rendered rendered = HelmChart.render("""
 *         mode: extensionOnly
 *         """);
 * }</pre>
 */
final class HelmChart {

    static final Path CHART = Paths.get("helm", "ext");
    static final Path DEFAULT_VALUES = CHART.resolve("ci/default-values.yaml");
    static final Path FULL_VALUES = CHART.resolve("ci/full-values.yaml");
    static final String RELEASE = "rel";
    static final String NAMESPACE = "hyperware";

    private HelmChart() {
    }

    /** Renders with the chart's defaults and the required process, as {@code helm template} does. */
    static Rendered renderDefaults() {
        return renderFiles(DEFAULT_VALUES);
    }

    /** Renders with these values over the defaults and the required process. */
    static Rendered render(String valuesYaml) {
        return Rendered.parse(template(valuesYaml));
    }

    /** The manifests as Helm prints them, for these values over the defaults and the required process. */
    static String template(String valuesYaml) {
        return templateWith(DEFAULT_VALUES, valuesYaml);
    }

    /** Renders with these values over the chart's values.yaml alone, which leaves the process empty. */
    static Rendered renderWithoutProcess(String valuesYaml) {
        return Rendered.parse(templateWith(null, valuesYaml));
    }

    /** Renders with the chart's values.yaml and these values files, in order (later files win). */
    static Rendered renderFiles(Path... valuesFiles) {
        TemplateCommand command = templateCommand();
        for (Path file : valuesFiles) {
            command.withValuesFile(file);
        }
        return Rendered.parse(command.call());
    }

    private static String templateWith(Path baseValues, String valuesYaml) {
        Path valuesFile = writeTemp("values-", ".yaml", valuesYaml);
        try {
            TemplateCommand command = templateCommand();
            if (baseValues != null) {
                command.withValuesFile(baseValues);
            }
            return command.withValuesFile(valuesFile).call();
        } finally {
            deleteQuietly(valuesFile);
        }
    }

    /**
     * {@code helm lint --strict} on the chart as it would be with these values as its values.yaml: helm-java's lint
     * takes no values, so the chart is copied and its values.yaml replaced by the chart's own deep-merged with
     * {@code overridesYaml}.
     */
    static LintResult lintStrict(String overridesYaml) {
        Path copy = copyChart();
        try {
            Yaml yaml = new Yaml();
            Map<String, Object> values = yaml.load(Files.readString(copy.resolve("values.yaml")));
            Map<String, Object> overrides = yaml.load(overridesYaml);
            if (overrides != null) {
                deepMerge(values, overrides);
            }
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(values));
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(copy);
        }
    }

    private static TemplateCommand templateCommand() {
        return new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> target, Map<String, Object> overrides) {
        overrides.forEach((key, value) -> {
            Object existing = target.get(key);
            if (existing instanceof Map && value instanceof Map) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                deepMerge(merged, (Map<String, Object>) value);
                target.put(key, merged);
            } else {
                target.put(key, value);
            }
        });
    }

    private static Path copyChart() {
        try {
            Path target = Files.createTempDirectory("hyperware-ext-chart-").resolve("hyperware-ext");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path destination = target.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(source, destination);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeTemp(String prefix, String suffix, String content) {
        try {
            Path file = Files.createTempFile(prefix, suffix);
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    private static void deleteTree(Path chartCopy) {
        Path root = chartCopy.getParent();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
            deepestFirst.forEach(HelmChart::deleteQuietly);
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
