#!/usr/bin/env bash
# Runs the whole integration suite (failsafe, *IT) RUNS times in a row while one core is kept
# busy, and prints one line per run: tests, failures, errors, seconds. Flaky end-to-end tests show
# up here before they fail a landing (issue 16). Usage: scripts/stress-it.sh [RUNS] (default 10).
# Needs the peers .ci/run installs; run it on a checkout nothing else builds in.
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
log_dir="target/stress-it"
mkdir -p "$log_dir"

yes > /dev/null &
busy=$!
trap 'kill "$busy" 2>/dev/null' EXIT

mvn -o -q -B -DskipTests package > "$log_dir/build.log" 2>&1 || { echo "build failed: $log_dir/build.log"; exit 1; }
total_failed=0
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  mvn -o -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false > "$log_dir/run-$i.log" 2>&1
  rc=$?
  summary="target/failsafe-reports/failsafe-summary.xml"
  tests=$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' "$summary")
  failures=$(sed -n 's:.*<failures>\([0-9]*\)</failures>.*:\1:p' "$summary")
  errors=$(sed -n 's:.*<errors>\([0-9]*\)</errors>.*:\1:p' "$summary")
  echo "run $i: tests ${tests:-?}, failures ${failures:-?}, errors ${errors:-?}, exit $rc, $(( $(date +%s) - start )) s"
  if [ "$rc" -ne 0 ]; then
    total_failed=$((total_failed + 1))
    grep -h '<<< FAIL\|Tests run:.*Fail' target/failsafe-reports/*.txt | grep -v 'Failures: 0, Errors: 0' >> "$log_dir/failures.txt"
    cp -r target/failsafe-reports "$log_dir/failsafe-reports-$i"
  fi
done
echo "runs: $runs, failed runs: $total_failed"
[ "$total_failed" -eq 0 ]
