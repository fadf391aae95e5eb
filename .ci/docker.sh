#!/usr/bin/env bash
# Sourced by .ci/run. Makes a Docker engine available for the container test and builds, from Debian packages,
# the JRE base image that the project's Dockerfile is tested with (there is no image registry on these machines).
# A dockerd started here is stopped by stop_docker, by its pid; one that was already running is left alone.
#
# Sets: DOCKER_STARTED_PID (empty when the engine was already up), EXT_BASE_IMAGE.

EXT_BASE_IMAGE=${EXT_BASE_IMAGE:-hyperware-ext-jre:17}
DOCKER_STARTED_PID=

start_docker() {
  if docker info >/dev/null 2>&1; then
    echo "Docker engine already running"
  else
    if ! command -v dockerd >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
      apt-get update -q
      apt-get install -y -q --no-install-recommends docker.io debootstrap
    fi
    mkdir -p /tmp/hyperware-ci
    dockerd >/tmp/hyperware-ci/dockerd.log 2>&1 &
    DOCKER_STARTED_PID=$!
    for _ in $(seq 1 60); do
      docker info >/dev/null 2>&1 && break
      kill -0 "$DOCKER_STARTED_PID" 2>/dev/null || { tail -20 /tmp/hyperware-ci/dockerd.log; return 1; }
      sleep 1
    done
    docker info >/dev/null 2>&1 || { echo "dockerd did not come up"; tail -20 /tmp/hyperware-ci/dockerd.log; return 1; }
    echo "Started dockerd (pid $DOCKER_STARTED_PID)"
  fi
  command -v debootstrap >/dev/null 2>&1 || { apt-get update -q; apt-get install -y -q --no-install-recommends debootstrap; }
}

build_base_image() {
  if docker image inspect "$EXT_BASE_IMAGE" >/dev/null 2>&1; then
    echo "Base image $EXT_BASE_IMAGE present"
    return
  fi
  local root
  root=$(mktemp -d /tmp/hyperware-ci/jre-root.XXXX)
  echo "Building base image $EXT_BASE_IMAGE (debootstrap bookworm + openjdk-17-jre-headless)"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$root" >/tmp/hyperware-ci/debootstrap.log 2>&1 \
    || { tail -30 /tmp/hyperware-ci/debootstrap.log; return 1; }
  tar -C "$root" -c . | docker import --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' - "$EXT_BASE_IMAGE"
  rm -rf "$root"
}

stop_docker() {
  if [[ -n "$DOCKER_STARTED_PID" ]] && kill -0 "$DOCKER_STARTED_PID" 2>/dev/null; then
    kill "$DOCKER_STARTED_PID"
    wait "$DOCKER_STARTED_PID" 2>/dev/null || true
    echo "Stopped dockerd (pid $DOCKER_STARTED_PID)"
  fi
}
