package ai.hyperware.ext.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

/** Reads the running application's actuator endpoints over real HTTP, as a probe or Prometheus would. */
public final class ActuatorClient {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public ActuatorClient(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port);
    }

    /** A response: its status code and body. */
    public record Response(int status, String body) {

        /** Reads a value from the JSON body, e.g. {@code $.components.hyperware.status}. */
        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }
    }

    public Response get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The status string of a health endpoint or group, e.g. {@code health("/actuator/health/readiness")}. */
    public String health(String path) {
        return get(path).json("$.status");
    }

    /**
     * The sum of the samples of {@code metric} in a Prometheus scrape whose labels include all of {@code labels};
     * {@code -1} when there is no such sample.
     */
    public double prometheus(String metric, Map<String, String> labels) {
        double sum = 0;
        boolean found = false;
        for (String line : get("/actuator/prometheus").body().split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.find() && sample.group(1).equals(metric)
                    && hasLabels(sample.group(3), labels)) {
                sum += Double.parseDouble(sample.group(4));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    private static boolean hasLabels(String rendered, Map<String, String> labels) {
        String text = rendered == null ? "" : rendered;
        return labels.entrySet().stream().allMatch(l -> text.contains(l.getKey() + "=\"" + l.getValue() + "\""));
    }
}
