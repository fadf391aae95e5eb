#!/usr/bin/env bash
# Provides what the rmp_serde cross-checks need to build their Rust programs (src/test/rust/rmp-check for
# RmpSerdeCompatibilityTest, src/test/rust/contract-check for the generated contract):
# cargo, and Debian's packaged sources of the rmp-serde and serde_derive crates under /usr/share/cargo/registry.
# Safe to run again: installs only what is missing. Needs root (or sudo) when something is missing.
set -euo pipefail

crates=(librust-rmp-serde-dev librust-serde-derive-dev)

missing=()
for pkg in "${crates[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ! command -v cargo >/dev/null 2>&1; then
  missing+=(cargo)
fi

if ((${#missing[@]} > 0)); then
  echo "rust-reference: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null 2>&1 || { echo "rust-reference: cargo is still not on the PATH" >&2; exit 1; }
ls -d /usr/share/cargo/registry/rmp-serde-1.* >/dev/null 2>&1 \
  || { echo "rust-reference: no rmp-serde 1.x under /usr/share/cargo/registry" >&2; exit 1; }
echo "rust-reference: $(cargo --version); $(basename "$(ls -d /usr/share/cargo/registry/rmp-serde-1.* | sort -V | tail -1)")"
