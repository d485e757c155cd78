#!/usr/bin/env bash
# Times `sip-exporter replay` against `tshark -q -z sip,stat` on the same capture, whole process
# each (JVM start-up included), best of RUNS runs, and prints the ratio. Not a test: run it by hand
# after `mvn -B package` and copy the figures into docs/benchmarks.md.
#
#   scripts/bench-replay.sh [MESSAGES] [RUNS]      # defaults: 1000000 messages, 3 runs
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${1:-1000000}
RUNS=${2:-3}
JAR=target/sip-exporter.jar
CAPTURE=${TMPDIR:-/tmp}/sip-bench-$MESSAGES.pcap
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B package first" >&2; exit 2; }
[ -f "$CAPTURE" ] || python3 scripts/make-sip-capture.py --messages "$MESSAGES" "$CAPTURE"

# best wall-clock seconds of $RUNS runs of the command; also checks it exits 0
best() {
  local best=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o /tmp/bench-time.$$ "$@" >/tmp/bench-out.$$ 2>/dev/null
    read -r secs kb </tmp/bench-time.$$
    echo "  $secs s, max RSS $((kb / 1024)) MiB: $*" >&2
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; fi
  done
  echo "$best"
}

echo "capture: $CAPTURE ($(stat -c %s "$CAPTURE") bytes, $MESSAGES SIP messages)" >&2
replay=$(best java -jar "$JAR" replay "$CAPTURE")
grep -q "Requests:" /tmp/bench-out.$$
tshark=$(best tshark -r "$CAPTURE" -q -z sip,stat)
rm -f /tmp/bench-time.$$ /tmp/bench-out.$$
echo "replay ${replay}s, tshark ${tshark}s, replay is $(awk "BEGIN{printf \"%.1f\", $tshark / $replay}")x faster"
