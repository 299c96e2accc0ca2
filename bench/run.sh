#!/usr/bin/env bash
# Builds the benchmarks and runs them all (about 20 minutes on a 2-core machine), writing JMH's JSON
# and text output and the figure programs' output to bench/results/.
#
#   bench/run.sh                          # everything, with the settings docs/BENCHMARKS.md quotes
#   bench/run.sh -i 2 -r 1s               # JMH options: -f -wi -w -i -r replace the defaults, others are added
#   bench/run.sh RedactionBenchmark       # only the named JMH benchmarks (no figure programs);
#   bench/run.sh RedactionBenchmark -i 8  #   machine details go to machine-<names>.txt
#
# The JMH runs hold the machine-wide lock /tmp/jmh.lock (flock), so that two runs on one machine
# never measure each other.
#
# UNDERSTUDY_BENCH_RESULTS: where results go (default bench/results).
# UNDERSTUDY_BENCH_DIR: where the benchmarks write their files (default: the temporary directory).
# It must be on a real disk (not tmpfs) for the power-safe figures to mean anything.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

all=(EmitBenchmark ThroughputBenchmark PowerSafeBenchmark RedactionBenchmark)
named=()
while [[ $# -gt 0 && "$1" != -* ]]; do
  named+=("$1")
  shift
done
if [[ ${#named[@]} -gt 0 ]]; then
  benchmarks=("${named[@]}")
else
  benchmarks=("${all[@]}")
fi

mvn -q -B -DskipTests -pl bench -am package

jar=bench/target/benchmarks.jar
out="${UNDERSTUDY_BENCH_RESULTS:-bench/results}"
data="${UNDERSTUDY_BENCH_DIR:-${TMPDIR:-/tmp}}"
mkdir -p "$out" "$data"
# The defaults, replaced by the same options given on the command line (JMH refuses one twice).
declare -A opt=([-f]=1 [-wi]=3 [-w]=2s [-i]=5 [-r]=3s)
declare -A given=()
rest=()
while [[ $# -gt 0 ]]; do
  if [[ -n "${opt[$1]+x}" && $# -ge 2 ]]; then
    opt[$1]="$2"
    given[$1]=1
    shift 2
  else
    rest+=("$1")
    shift
  fi
done
machine="$out/machine.txt"
if [[ ${#named[@]} -gt 0 ]]; then
  machine="$out/machine-$(IFS=-; echo "${named[*]}").txt"
fi

exec 9>/tmp/jmh.lock
flock 9

{
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  grep MemTotal /proc/meminfo
  java -version 2>&1
  uname -srm
  grep PRETTY_NAME /etc/os-release || true
  echo "data directory: $data ($(df -T "$data" | awk 'NR==2 {print $2}'))"
  echo "benchmarks: ${benchmarks[*]}"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "load average at start (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$machine"

for b in "${benchmarks[@]}"; do
  wi="${opt[-wi]}"
  w="${opt[-w]}"
  if [[ "$b" == RedactionBenchmark && -z "${given[-wi]+x}" && -z "${given[-w]+x}" ]]; then
    # The redactor is much code for C2 to compile, and on 2 loaded cores its compiler thread needs
    # about a million actions: warm up longer so that the measurement starts compiled.
    wi=6
    w=3s
  fi
  java -jar "$jar" "dev.understudy.bench.$b" -f "${opt[-f]}" -wi "$wi" -w "$w" -i "${opt[-i]}" -r "${opt[-r]}" \
      -jvmArgsAppend "-Dunderstudy.bench.dir=$data" "${rest[@]}" -rf json -rff "$out/$b.json" | tee "$out/$b.txt"
done
if [[ ${#named[@]} -eq 0 ]]; then
  java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.BytesPerAction | tee "$out/bytes-per-action.txt"
  java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.AckLatency | tee "$out/ack-latency.txt"
  java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.ColdEmit | tee "$out/cold-emit.txt"
  java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.CaptureServerCpu | tee "$out/capture-server-cpu.txt"
  java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.BrowserVsRrweb | tee "$out/browser-vs-rrweb.txt"
  java -cp "$jar" dev.understudy.bench.ProxyLatency | tee "$out/proxy-latency.txt"
  # Desktop backends of the office adapter (Xvfb, xdotool, dbus-daemon, at-spi2-core): about 1.5 minutes.
  java -cp "$jar" dev.understudy.bench.desktop.SwingAgentLatency | tee "$out/swing-agent-latency.txt"
  java -cp "$jar" dev.understudy.bench.desktop.AtspiFloodRate | tee "$out/atspi-flood.txt"
fi
echo "date at end: $(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$machine"
echo "load average at end (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)" >> "$machine"
echo "results in $out/"
