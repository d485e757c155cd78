#!/usr/bin/env bash
# Installs the real peers the end-to-end tests drive, those that are missing (Debian packages;
# needs root or sudo). The README's test command is `scripts/install-peers.sh && mvn -B verify`,
# which CI (.ci/run) runs as it stands.
set -euo pipefail
cd "$(dirname "$0")/.."

# tool -> Debian package
declare -A peers=(
  [sipp]=sip-tester
  [kamailio]=kamailio
  [tshark]=tshark
  [prometheus]=prometheus
  [promtool]=prometheus
  [prometheus-alertmanager]=prometheus-alertmanager
  [amtool]=prometheus-alertmanager
  [openssl]=openssl
  [curl]=curl
)
missing=()
for tool in "${!peers[@]}"; do
  # kamailio lives in /usr/sbin, which a non-root PATH often lacks
  if ! command -v "$tool" > /dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    missing+=("${peers[$tool]}")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  echo "installing the end-to-end peers that are missing: $packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # tshark asks whether non-root users may capture; answer before installing
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  $sudo apt-get install -y -q --no-install-recommends $packages
fi

