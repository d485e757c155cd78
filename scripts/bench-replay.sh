#!/usr/bin/env bash
# Times `sip-exporter replay` against `tshark -q -z sip,stat` on the same capture, whole process
# each (JVM start-up included), best of RUNS runs (tshark: TSHARK_RUNS, as it takes minutes), and
# prints the ratio. Not a test: run it by hand after `mvn -B package` and copy the figures into
# docs/benchmarks.md. Needs python3 (to generate the capture), tshark and GNU time (/usr/bin/time).
#
#   scripts/bench-replay.sh [MESSAGES] [RUNS] [TSHARK_RUNS]   # defaults: 1000000, 3, 1
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${1:-1000000}
RUNS=${2:-3}
TSHARK_RUNS=${3:-1}
JAR=target/sip-exporter.jar
CAPTURE=${TMPDIR:-/tmp}/sip-bench-$MESSAGES.pcap
[ -f "$JAR" ] || { echo "no $JAR: run mvn -B package first" >&2; exit 2; }
[ -f "$CAPTURE" ] || python3 scripts/make-sip-capture.py --messages "$MESSAGES" "$CAPTURE"

# best wall-clock seconds of $RUNS runs of the command; also checks it exits 0
best() {
  local runs=$1 best=""
  shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o /tmp/bench-time.$$ "$@" >/tmp/bench-out.$$ 2>/dev/null
    read -r secs user sys kb </tmp/bench-time.$$
    echo "  $secs s wall, $user s user + $sys s sys CPU, max RSS $((kb / 1024)) MiB: $*" >&2
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; fi
  done
  echo "$best"
}

echo "capture: $CAPTURE ($(stat -c %s "$CAPTURE") bytes, $MESSAGES SIP messages)" >&2
replay=$(best "$RUNS" java -jar "$JAR" replay "$CAPTURE")
replay_invites=$(awk '$1 == "INVITE" {print $2; exit}' /tmp/bench-out.$$)
tshark=$(best "$TSHARK_RUNS" tshark -r "$CAPTURE" -q -z sip,stat)
tshark_invites=$(awk '$1 == "INVITE" {print $3; exit}' /tmp/bench-out.$$)
rm -f /tmp/bench-time.$$ /tmp/bench-out.$$
echo "INVITEs counted: replay $replay_invites, tshark $tshark_invites"
[ "$replay_invites" = "$tshark_invites" ] || { echo "the counts differ" >&2; exit 1; }
echo "replay ${replay}s, tshark ${tshark}s, replay is $(awk "BEGIN{printf \"%.1f\", $tshark / $replay}")x faster"
