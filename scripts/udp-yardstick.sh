#!/usr/bin/env bash
# Issue 15's yardstick: the exporter's UDP ingest against the physical limit, in one run. The same
# C sender (sendmmsg, 64 a call, paced; ../shared/bench/udp-blast.c) feeds, rate step by rate
# step, first a C receive loop (recvmmsg; ../shared/bench/udp-sink.c), then the exporter, so both
# see the same machine noise. Prints, per step, the rate the sender achieved to each and the share
# of datagrams each counted; their loss-free rates (as sent) and ratio; the exporter's RSS and its
# slowest /metrics during the load; and the CPU time (user + system, from /proc) each receiver spent per datagram counted: the cost ratio,
# which machine noise moves less than the loss-free rate.
# Usage: scripts/udp-yardstick.sh [sip|hep] [COUNT] [RATE...]   (after mvn -B -DskipTests package)
#   BENCH_DIR=/path/to/bench overrides where the C sources are (default ../shared/bench);
#   the exporter runs as the README runs it (-XX:MaxNewSize=48m); EXPORTER_JAVA_OPTS adds JVM
#   options after that flag (a JFR recording, a GC log, another young generation size).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH_DIR:-../shared/bench}
for f in udp-blast udp-sink; do
  [ -f "$BENCH/$f.c" ] || { echo "udp-yardstick: $BENCH/$f.c not found (set BENCH_DIR)" >&2; exit 2; }
  cc -O2 -o "target/$f" "$BENCH/$f.c"
done
MODE=${1:-sip}; COUNT=${2:-1000000}; shift $(( $# < 2 ? $# : 2 ))
RATES=("$@"); [ ${#RATES[@]} -gt 0 ] || RATES=(50000 100000 150000 200000 300000)
case $MODE in
  sip) FLAG=""; INPUT=sip ;;
  hep) FLAG="--hep"; INPUT=hep ;;
  *) echo "udp-yardstick: mode must be sip or hep, not '$MODE'" >&2; exit 2 ;;
esac
SIP=25760 HEP=25761 WEB=25762 SINK=25770
PORT=$([ "$MODE" = sip ] && echo $SIP || echo $HEP)
trap 'kill $EXP 2>/dev/null || true' EXIT
java -XX:MaxNewSize=48m ${EXPORTER_JAVA_OPTS:-} -jar target/sip-exporter.jar --sip.listen-address=127.0.0.1:$SIP \
  --hep.listen-address=127.0.0.1:$HEP --web.listen-address=127.0.0.1:$WEB \
  > target/yardstick-exporter.log 2>&1 & EXP=$!
for i in $(seq 1 150); do curl -sf 127.0.0.1:$WEB/-/ready > /dev/null && break; sleep 0.2; done
received() {
  curl -s 127.0.0.1:$WEB/metrics | awk -v k="sip_exporter_messages_received_total{input=\"$INPUT\",transport=\"udp\"}" \
    '$1 == k {printf "%d", $2}'
}
drops() { # the kernel's drops on the exporter's sockets, as the exporter reports them
  curl -s 127.0.0.1:$WEB/metrics | awk -v k="sip_exporter_udp_receive_drops_total{input=\"$INPUT\"}" \
    '$1 == k {printf "%d", $2}'
}
settle() { # the counter once it has stopped rising (at most 20 s)
  local last now
  last=$(received)
  for i in $(seq 1 40); do sleep 0.5; now=$(received); [ "$now" = "$last" ] && break; last=$now; done
  echo "$last"
}
slowest=0
scrape_ms() {
  local t
  t=$(curl -s -o /dev/null -w '%{time_total}' 127.0.0.1:$WEB/metrics)
  awk -v t="$t" 'BEGIN {printf "%d", t * 1000}'
}
# warm-up, not counted: the JIT compiles the receive path at a low rate first, then again at the
# highest asked rate (bigger batches a read); measured steps then see the steady state
target/udp-blast 127.0.0.1 $PORT 500000 100000 $FLAG 2> /dev/null; settle > /dev/null
top=0; for r in "${RATES[@]}"; do [ "$r" -gt "$top" ] && top=$r; done
target/udp-blast 127.0.0.1 $PORT 1000000 "$top" $FLAG 2> /dev/null; settle > /dev/null
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
us_per() { # CPU microseconds a datagram from a tick difference and a datagram count
  awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN {if (n > 0) printf "%.2f", t / hz / n * 1e6; else printf "-"}'
}
sent_rate() { # the rate the sender achieved, from its "sent N in T s = R/s" line
  awk '{gsub("/s", "", $NF); printf "%d", $NF}' "$1"
}
printf '%10s %10s %12s %10s %12s %14s %10s %14s %14s %14s\n' asked c_sent c_loop e_sent exporter \
  exp_kernel_drops rss_mib slowest_scrape c_cpu_us/dgram exp_cpu_us/dgram
best_c=0 best_e=0 c_lossy=0 e_lossy=0
for r in "${RATES[@]}"; do
  target/udp-sink $SINK 1 > target/yardstick-sink.out & SNK=$!
  sleep 0.3
  c0=$(cpu_ticks $SNK)
  target/udp-blast 127.0.0.1 $SINK "$COUNT" "$r" $FLAG 2> target/yardstick-blast-c.err
  c_sent=$(sent_rate target/yardstick-blast-c.err)
  sleep 0.3 # the loop drains what is queued, then idles until it exits
  c_cpu=$(( $(cpu_ticks $SNK) - c0 ))
  wait $SNK
  c=$(cat target/yardstick-sink.out)
  before=$(settle)
  e0=$(cpu_ticks $EXP)
  d0=$(drops)
  target/udp-blast 127.0.0.1 $PORT "$COUNT" "$r" $FLAG 2> target/yardstick-blast-e.err & BL=$!
  worst=0
  while kill -0 $BL 2> /dev/null; do
    ms=$(scrape_ms); [ "$ms" -gt "$worst" ] && worst=$ms; sleep 0.5
  done
  e=$(( $(settle) - before ))
  e_sent=$(sent_rate target/yardstick-blast-e.err)
  e_cpu=$(( $(cpu_ticks $EXP) - e0 )) # with its scrapes and GC: the whole process
  d=$(( $(drops) - d0 )) # what it did not count, it reports: received + drops = sent
  rss=$(( $(ps -o rss= -p $EXP) / 1024 ))
  printf '%10s %10s %11s%% %10s %11s%% %14s %10s %12s ms %14s %14s\n' "$r" "$c_sent" \
    "$(awk -v a="$c" -v n="$COUNT" 'BEGIN {printf "%.2f", 100 * a / n}')" "$e_sent" \
    "$(awk -v a="$e" -v n="$COUNT" 'BEGIN {printf "%.2f", 100 * a / n}')" "$d" "$rss" "$worst" \
    "$(us_per "$c_cpu" "$c")" "$(us_per "$e_cpu" "$e")"
  # loss-free rates are the rates the sender achieved: above its limit, asking for more sends no more
  if [ $c_lossy = 0 ]; then if [ "$c" -ge "$COUNT" ]; then best_c=$(( c_sent > best_c ? c_sent : best_c )); else c_lossy=1; fi; fi
  if [ $e_lossy = 0 ]; then if [ "$e" -ge "$COUNT" ]; then best_e=$(( e_sent > best_e ? e_sent : best_e )); else e_lossy=1; fi; fi
  if [ "$r" -gt 0 ] && [ "$(( c_sent * 100 / r ))" -lt 97 ]; then sender_short=1; fi
done
echo "loss-free rate ($MODE, as sent): C receive loop $best_c/s, exporter $best_e/s"
if [ "$best_c" -gt 0 ]; then echo "ratio: $(( 100 * best_e / best_c ))%"; fi
if [ "${sender_short:-0}" = 1 ] && [ $c_lossy = 0 ]; then
  echo "the sender fell short of an asked rate and the C loop lost nothing: the C loop's loss-free"
  echo "rate is at least the sender's limit on this machine, not the C loop's own limit"
fi
# the receive buffer the exporter got: a cap at net.core.rmem_max is the usual cause of loss
grep -m1 "ReceiveBuffer" target/yardstick-exporter.log | sed 's/^.*ReceiveBuffer - /exporter: /' || true
