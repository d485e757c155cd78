#!/usr/bin/env bash
# Loss-free UDP rate of the exporter against the raw receive loop (same Vert.x socket setup, count
# only), measured in one run, rate step by rate step, so both see the same machine noise.
# Also: the exporter's RSS and /metrics latency while it takes load.
# Usage: scripts/udp-throughput.sh [SECONDS_PER_STEP] [RATE...]    (after mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/sip-exporter.jar
STEP=${1:-5}; shift || true
RATES=("$@"); [ ${#RATES[@]} -gt 0 ] || RATES=(10000 20000 40000 60000 80000 100000 130000 160000 200000)
SIP=25660 HEP=25661 WEB=25662 SINK=25670 SINKWEB=25671
trap 'kill $EXP $SNK 2>/dev/null || true' EXIT
java -jar $JAR --sip.listen-address=127.0.0.1:$SIP --hep.listen-address=127.0.0.1:$HEP \
  --web.listen-address=127.0.0.1:$WEB > target/throughput-exporter.log 2>&1 & EXP=$!
java -jar $JAR loadgen sink --listen 127.0.0.1:$SINK --web.listen-address=127.0.0.1:$SINKWEB \
  > target/throughput-sink.log 2>&1 & SNK=$!
for i in $(seq 1 100); do
  curl -sf 127.0.0.1:$WEB/-/ready >/dev/null && curl -sf 127.0.0.1:$SINKWEB/metrics >/dev/null && break
  sleep 0.2
done
lost() { # target-port metrics-port rate -> lost datagrams
  java -jar $JAR loadgen --target 127.0.0.1:$1 --rate $3 --count $(( $3 * STEP )) \
    --metrics http://127.0.0.1:$2/metrics | sed -n 's/^received [0-9]*, lost \([0-9]*\).*/\1/p' || true
}
# warm up both (JIT) before anything is measured
lost $SIP $WEB 20000 > /dev/null; lost $SINK $SINKWEB 20000 > /dev/null
best_exp=0 best_sink=0 exp_lossy=0 sink_lossy=0
printf '%10s %14s %14s\n' rate exporter_lost sink_lost
for r in "${RATES[@]}"; do
  le=$(lost $SIP $WEB $r); ls=$(lost $SINK $SINKWEB $r)
  printf '%10s %14s %14s\n' $r $le $ls
  # the loss-free rate is the last step before the first loss
  if [ $exp_lossy = 0 ]; then if [ "$le" = 0 ]; then best_exp=$r; else exp_lossy=1; fi; fi
  if [ $sink_lossy = 0 ]; then if [ "$ls" = 0 ]; then best_sink=$r; else sink_lossy=1; fi; fi
  if [ $exp_lossy = 1 ] && [ $sink_lossy = 1 ]; then break; fi
done
echo "loss-free rate: exporter $best_exp/s, raw receive loop $best_sink/s"
if [ $best_sink -gt 0 ]; then echo "ratio: $(( 100 * best_exp / best_sink ))%"; fi
# load at the exporter's loss-free rate, scraping /metrics meanwhile
rate=$(( best_exp > 0 ? best_exp : ${RATES[0]} ))
java -jar $JAR loadgen --target 127.0.0.1:$SIP --rate $rate --count $(( rate * STEP )) > /dev/null &
LOAD=$!
worst=0
while kill -0 $LOAD 2>/dev/null; do
  t=$(curl -s -o /dev/null -w '%{time_total}' 127.0.0.1:$WEB/metrics)
  worst=$(echo "$t $worst" | awk '{print ($1 > $2) ? $1 : $2}')
done
echo "exporter under $rate/s: RSS $(awk '/VmRSS/ {print $2, $3}' /proc/$EXP/status), slowest /metrics ${worst}s"
