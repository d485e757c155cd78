#!/usr/bin/env bash
# Fuzzes every Jazzer target for a bounded time, one Maven run per target (Jazzer fuzzes one
# @FuzzTest per JVM). CI runs it after `mvn -B verify`, which already replayed the checked-in
# corpus; docs/fuzzing.md has the longer run.
#
#   scripts/fuzz.sh                       # every target, FUZZ_DURATION (10s) each: about 3 min on 2 cores
#   FUZZ_DURATION=30m scripts/fuzz.sh 'SipScannerFuzzTest#agreesWithJainSip'
#
# A finding fails the run; its input is written to src/test/resources/<package>/<Class>Inputs/<method>/,
# where every later `mvn test` replays it. Logs: target/fuzz/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${FUZZ_DURATION:-10s}"
if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  targets=(
    'SipScannerFuzzTest#scan'
    'SipScannerFuzzTest#agreesWithJainSip'
    'SipStreamFramerFuzzTest#frame'
    'HepFuzzTest#decode'
    'HepFuzzTest#frame'
    'CaptureReaderFuzzTest#read'
    'ClockSkewFuzzTest#stamps'
  )
fi

# Targets whose findings are reported but do not fail the run: the differential target still finds
# new JAIN-SIP leniencies within minutes, and each needs a person to decide (scanner bug, or a
# documented difference); docs/fuzzing.md. Its corpus replays, and fails, in every `mvn test`.
report_only=" ${FUZZ_REPORT_ONLY-SipScannerFuzzTest#agreesWithJainSip} "

mkdir -p target/fuzz
mvn -B -q -Dstyle.color=never ${FUZZ_MAVEN_ARGS:-} test-compile

passed=0
failed=0
reported=0
for target in "${targets[@]}"; do
  log="target/fuzz/${target//#/.}.log"
  start=$(date +%s)
  # timeout.mode=disabled: JUnit would end the whole fuzzing run after a target's @Timeout;
  # Jazzer still applies @Timeout to each input (libFuzzer -timeout)
  if JAZZER_FUZZ=1 mvn -B -q -Dstyle.color=never ${FUZZ_MAVEN_ARGS:-} surefire:test \
      -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="$duration" \
      -Djunit.jupiter.execution.timeout.mode=disabled \
      -DargLine=-Xmx1g >"$log" 2>&1; then
    status=ok
    passed=$((passed + 1))
  elif [[ "$report_only" == *" $target "* ]]; then
    status="finding reported (not fatal: triage it)"
    reported=$((reported + 1))
  else
    status=FAILED
    failed=$((failed + 1))
  fi
  runs=$(grep -aoE '^Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || echo '?')
  echo "fuzz $target: $status, $runs executions in $(($(date +%s) - start)) s"
  if [ "$status" != ok ]; then
    grep -avE '^INFO: (Loaded|Instrumented)' "$log" | grep -aE -A12 'FuzzTestFinding|ERROR: libFuzzer|Test unit written' | head -60 || tail -40 "$log"
  fi
done
[ "$reported" -eq 0 ] || echo "fuzz: $reported report-only target(s) found an input to triage (docs/fuzzing.md)"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
