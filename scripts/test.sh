#!/usr/bin/env bash
# Every test, on a fresh machine with a JDK 17 and Maven: installs the real peers the end-to-end
# tests drive when any is missing (Debian packages; needs root or sudo), then runs the unit and
# integration tests (`mvn -B verify`) and a bounded fuzzing pass of every Jazzer target
# (scripts/fuzz.sh, about 3 minutes). CI (.ci/run) runs exactly this.
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

java -version
mvn -v
mvn -B verify
scripts/fuzz.sh
