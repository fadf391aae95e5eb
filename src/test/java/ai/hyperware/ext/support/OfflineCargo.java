package ai.hyperware.ext.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the Rust reference programs under {@code src/test/rust} offline, against Debian's packaged crate sources
 * ({@code librust-rmp-serde-dev}, {@code librust-serde-derive-dev}: the serializer the node uses), into one shared
 * target directory, {@code target/cargo}, so that serde and rmp-serde are compiled once per build for all of them.
 *
 * <p>Without cargo or those crates, {@link #unavailable()} says why and the tests that need them skip, except when
 * {@code CI=true}, where it fails: {@code .ci/rust-reference.sh} installs them.
 */
public final class OfflineCargo {

    private static final String APT_PACKAGES = "librust-rmp-serde-dev librust-serde-derive-dev";
    private static final Path DEBIAN_CRATES = Path.of("/usr/share/cargo/registry");

    private OfflineCargo() {
    }

    /** The project directory (Maven's basedir). */
    public static Path project() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /**
     * Why the Rust programs cannot be built here, or null when they can.
     *
     * @throws AssertionError under {@code CI=true}, where a missing toolchain is a failure
     */
    public static String unavailable() throws IOException {
        String missing = null;
        if (cargo() == null) {
            missing = "cargo is not on the PATH (Debian package: cargo)";
        } else if (!hasDebianCrate("rmp-serde-1.") || !hasDebianCrate("serde-1.") || !hasDebianCrate("serde_derive-1.")) {
            missing = "Debian's Rust crate sources are not under " + DEBIAN_CRATES;
        }
        if (missing == null) {
            return null;
        }
        String message = missing + ". The rmp_serde reference checks need cargo and Debian's crate sources: "
                + "apt-get install -y " + APT_PACKAGES + " (and cargo), or run .ci/rust-reference.sh";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        return message;
    }

    /**
     * Builds the crate (offline; the dev profile, which compiles in half the time of release, and these programs
     * are not where time goes) and returns its binary.
     *
     * @param crate  a directory with Cargo.toml and the .cargo/config.toml that points crates-io at Debian's sources
     * @param binary the package's name, which is its binary's
     */
    public static Path build(Path crate, String binary) throws IOException, InterruptedException {
        Path targetDir = project().resolve("target/cargo");
        Files.createDirectories(targetDir);
        // Cargo writes Cargo.lock next to the manifest. Resolving offline against the Debian directory is instant,
        // so it is not kept: a lock file written by a newer cargo (format v4) stops Debian's cargo 0.66 cold.
        Path lockFile = crate.resolve("Cargo.lock");
        Files.deleteIfExists(lockFile);
        Path log = targetDir.resolve(binary + "-build.log");
        long started = System.nanoTime();
        // Cargo reads the crate's .cargo/config.toml from its working directory, so it must run inside the crate.
        ProcessBuilder build = new ProcessBuilder(cargo().toString(), "build", "--offline", "--quiet",
                "--manifest-path", crate.resolve("Cargo.toml").toString())
                .directory(crate.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        build.environment().put("CARGO_TARGET_DIR", targetDir.toString());
        Process cargo = build.start();
        boolean finished = cargo.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            cargo.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(lockFile);
        if (!finished) {
            fail("cargo build of " + binary + " took over 10 minutes; output in " + log);
        }
        if (cargo.exitValue() != 0) {
            fail("cargo build of " + binary + " failed (exit " + cargo.exitValue() + "):\n" + Files.readString(log));
        }
        System.out.printf("%s built in %d ms%n", binary, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return targetDir.resolve("debug").resolve(binary);
    }

    private static Path cargo() {
        String path = System.getenv("PATH");
        Stream<Path> candidates = Stream.concat(
                path == null ? Stream.empty() : Stream.of(path.split(File.pathSeparator)).map(Path::of),
                Stream.of(Path.of(System.getProperty("user.home"), ".cargo", "bin")));
        return candidates.map(dir -> dir.resolve("cargo")).filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static boolean hasDebianCrate(String prefix) throws IOException {
        if (!Files.isDirectory(DEBIAN_CRATES)) {
            return false;
        }
        try (Stream<Path> crates = Files.list(DEBIAN_CRATES)) {
            return crates.anyMatch(dir -> dir.getFileName().toString().startsWith(prefix));
        }
    }
}
