package ai.hyperware.ext.bench;

import java.util.Comparator;
import java.util.List;

/**
 * A steady-state throughput phase run as several equal slices back to back. On a machine shared with other work a
 * burst of someone else's build lands in one slice, not in the figure: CPU per request is the median slice's, and
 * every slice's figure is kept, so that the spread shows how noisy the run was.
 */
record SlicedThroughput(List<LoadDriver.Throughput> slices) {

    EchoCase echo() {
        return slices.get(0).echo();
    }

    int window() {
        return slices.get(0).window();
    }

    /** The median slice's peer CPU per request, in microseconds. */
    double peerCpuMicrosPerRequest() {
        List<Double> sorted = slices.stream().map(LoadDriver.Throughput::peerCpuMicrosPerRequest)
                .sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Requests per second over all slices. */
    double perSecond() {
        return requests() * 1e9 / slices.stream().mapToLong(LoadDriver.Throughput::wallNanos).sum();
    }

    double peerCores() {
        return (double) slices.stream().mapToLong(LoadDriver.Throughput::peerCpuNanos).sum() / wallNanos();
    }

    double driverCores() {
        return (double) slices.stream().mapToLong(LoadDriver.Throughput::driverCpuNanos).sum() / wallNanos();
    }

    long requests() {
        return slices.stream().mapToLong(LoadDriver.Throughput::requests).sum();
    }

    private long wallNanos() {
        return slices.stream().mapToLong(LoadDriver.Throughput::wallNanos).sum();
    }

    /** Each slice's CPU per request, in order, e.g. {@code 5.1, 5.3, 7.9, 5.0, 5.2}. */
    String slicesText(String format) {
        return String.join(", ", slices.stream().map(s -> String.format(format, s.peerCpuMicrosPerRequest())).toList());
    }
}
