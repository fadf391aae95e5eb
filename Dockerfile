# syntax=docker/dockerfile:1
# The extension as a container image. Build the jar first, then the image:
#   ./mvnw package -DskipTests && docker build -t hyperware-ext .
# BASE_IMAGE is any image with a Java 17+ runtime at `java` on the PATH and a shell (for useradd).
#
# Your own handlers go into /app/handlers as jars (LOADER_PATH), either in an image of your own:
#   FROM hyperware-ext
#   COPY my-handlers.jar /app/handlers/
# or from a volume mounted there: docker run -v "$PWD/handlers:/app/handlers:ro" ... hyperware-ext
ARG BASE_IMAGE=eclipse-temurin:17-jre

# Split the Spring Boot jar into its layers, so that a code change rebuilds only the last, small layer and the
# dependency layers come from the cache.
FROM ${BASE_IMAGE} AS layers
WORKDIR /build
COPY target/ext.jar ext.jar
RUN java -Djarmode=tools -jar ext.jar extract --layers --launcher --destination extracted

FROM ${BASE_IMAGE}
RUN groupadd --system --gid 10001 ext \
 && useradd --system --uid 10001 --gid ext --home-dir /app --no-create-home --shell /usr/sbin/nologin ext \
 && mkdir -p /app/handlers
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# The launcher is Spring Boot's PropertiesLauncher (the jar's ZIP layout): it puts the jars of loader.path, here
# LOADER_PATH, on the class path, and ext.jar serves their @ExtensionHandler beans.
ENV LOADER_PATH=/app/handlers
# Class data sharing: a training run starts the application context and exits once it is refreshed (before the
# web server or the node connection start); the classes it loaded are archived, and every later start maps them
# instead of loading and verifying them again. The process id here only satisfies the required setting. Handler
# jars added later are not in the archive; they load as usual.
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh \
      -Dhyperware.extension.process=training:training:training.os \
      org.springframework.boot.loader.launch.PropertiesLauncher

# Sized from the container's memory limit, not the host's; a JVM out of memory exits so that it is restarted
# rather than limping on. /tmp is the only place written to (mount an emptyDir there with a read-only root).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    SERVER_PORT=8770 \
    HYPERWARE_EXTENSION_NODEURL=ws://localhost:8080
# Required at run time: HYPERWARE_EXTENSION_PROCESS (e.g. myext:mypkg:publisher.os); optional:
# HYPERWARE_EXTENSION_AUTHCOOKIE (from a secret), HYPERWARE_EXTENSION_PATH, and any other property in the README.

USER 10001:10001
EXPOSE 8770
# SIGTERM (docker stop, Kubernetes) starts the graceful shutdown: in-flight requests finish, the session closes 1001.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:SharedArchiveFile=application.jsa", "org.springframework.boot.loader.launch.PropertiesLauncher"]
