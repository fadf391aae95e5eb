package ai.hyperware.ext.container;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * Decides whether a container test can run. Testcontainers' own {@code disabledWithoutDocker} skips silently,
 * which in CI would let the image go untested; here a missing engine or base image fails when {@code CI=true}
 * and is skipped with a message that says how to provide it otherwise.
 */
final class DockerPrerequisites {

    private DockerPrerequisites() {
    }

    static void require(String baseImage) {
        String missing = null;
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            missing = "no Docker engine is reachable (start dockerd, or run .ci/run, which installs and starts one)";
        } else if (!imageExists(baseImage)) {
            missing = "the base image " + baseImage + " is missing (build it with: source .ci/docker.sh && "
                    + "start_docker && build_base_image, or set EXT_BASE_IMAGE to a local Java 17 image)";
        }
        if (missing == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("The container test must run in CI, but " + missing);
        }
        // printed too: Maven reports a class aborted before its tests as 0 run and 0 skipped, without the reason
        System.err.println("Container test skipped: " + missing);
        Assumptions.abort("Container test skipped: " + missing);
    }

    private static boolean imageExists(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
