#!/usr/bin/env bash
# Builds the benchmarks and runs them all (about 20 minutes on a 2-core machine), writing JMH's JSON
# and text output and the figure programs' output to bench/results/.
#
#   bench/run.sh                 # everything, with the settings docs/BENCHMARKS.md quotes
#   bench/run.sh -i 2 -r 1s      # extra JMH options, appended (later options win)
#
# UNDERSTUDY_BENCH_RESULTS: where results go (default bench/results).
# UNDERSTUDY_BENCH_DIR: where the benchmarks write their files (default: the temporary directory).
# It must be on a real disk (not tmpfs) for the power-safe figures to mean anything.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mvn -q -B -DskipTests -pl bench -am package

jar=bench/target/benchmarks.jar
out="${UNDERSTUDY_BENCH_RESULTS:-bench/results}"
data="${UNDERSTUDY_BENCH_DIR:-${TMPDIR:-/tmp}}"
mkdir -p "$out" "$data"
jmh=(-f 1 -wi 3 -w 2s -i 5 -r 3s -jvmArgsAppend "-Dunderstudy.bench.dir=$data")

{
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  grep MemTotal /proc/meminfo
  java -version 2>&1
  uname -srm
  grep PRETTY_NAME /etc/os-release || true
  echo "data directory: $data ($(df -T "$data" | awk 'NR==2 {print $2}'))"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "load average at start (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

for b in EmitBenchmark ThroughputBenchmark PowerSafeBenchmark RedactionBenchmark; do
  java -jar "$jar" "dev.understudy.bench.$b" "${jmh[@]}" "$@" -rf json -rff "$out/$b.json" | tee "$out/$b.txt"
done
java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.BytesPerAction | tee "$out/bytes-per-action.txt"
java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.AckLatency | tee "$out/ack-latency.txt"
java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.ColdEmit | tee "$out/cold-emit.txt"
java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.CaptureServerCpu | tee "$out/capture-server-cpu.txt"
java "-Dunderstudy.bench.dir=$data" -cp "$jar" dev.understudy.bench.BrowserVsRrweb | tee "$out/browser-vs-rrweb.txt"
java -cp "$jar" dev.understudy.bench.ProxyLatency | tee "$out/proxy-latency.txt"
# Desktop backends of the office adapter (Xvfb, xdotool, dbus-daemon, at-spi2-core): about 1.5 minutes.
java -cp "$jar" dev.understudy.bench.desktop.SwingAgentLatency | tee "$out/swing-agent-latency.txt"
java -cp "$jar" dev.understudy.bench.desktop.AtspiFloodRate | tee "$out/atspi-flood.txt"
echo "load average at end (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
echo "results in $out/"
