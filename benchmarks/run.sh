#!/usr/bin/env bash
# One command for the whole benchmark suite: build, JMH microbenchmarks, end-to-end load driver, report.
#
#   benchmarks/run.sh            full run, about 9 min on 2 cores (build + JMH ~2.5 min, load driver ~6.5 min)
#   benchmarks/run.sh --quick    smoke run (~3 min): short JMH, 100 B only, short cells
#   benchmarks/run.sh --skip-build --skip-jmh --threads 1,16 ...   extra flags go to the load driver
#   benchmarks/run.sh --failover  also measures the sentinel client's failover windows (~4 min, failover.md)
#
# Output: benchmarks/results/<timestamp>/ (report.md, results.csv, charts/, jmh.txt, jmh.json,
# valkey-benchmark.csv), copied to benchmarks/results/latest/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
QUICK=0
BUILD=1
JMH=1
FAILOVER=0
LOAD_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1; LOAD_ARGS+=(--quick) ;;
    --skip-build) BUILD=0 ;;
    --skip-jmh) JMH=0 ;;
    --failover) FAILOVER=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) LOAD_ARGS+=("$1") ;;
  esac
  shift
done

for tool in valkey-server valkey-benchmark java mvn; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not on the PATH (valkey: see scripts/install-valkey.sh)" >&2; exit 1; }
done

# glide's native logger filters every call at trace level unless RUST_LOG names a level when the
# first glide client starts; error makes bulk calls 25-35% cheaper (README, Performance)
export RUST_LOG="${RUST_LOG:-error}"

START=$(date +%s)
if [[ $BUILD == 1 ]]; then
  echo "== building benchmarks (and the modules it needs)"
  rm -rf "$HERE/target/lib"   # copy-dependencies never removes stale jars
  # package, not install: the reactor hands the benchmarks its sibling modules' fresh jars
  # (target/lib), and ~/.m2 is left alone
  (cd "$ROOT" && mvn -q -B -ntp -pl benchmarks -am package -DskipTests)
fi

TS="$(date +%Y%m%d-%H%M%S)"
OUT="$HERE/results/$TS"
mkdir -p "$OUT"
CP="$HERE/target/benchmarks.jar:$HERE/target/lib/*"
JAVA_OPTS=(-Xmx1g -Djava.awt.headless=true)

if [[ $JMH == 1 ]]; then
  if [[ $QUICK == 1 ]]; then
    JMH_ARGS=(-f 1 -wi 1 -w 300ms -i 1 -r 500ms -p size=100,10240)
  else
    JMH_ARGS=(-f 1 -wi 1 -w 500ms -i 2 -r 500ms)
  fi
  echo "== JMH: ${JMH_ARGS[*]}"
  java "${JAVA_OPTS[@]}" -cp "$CP" org.openjdk.jmh.Main "${JMH_ARGS[@]}" -jvmArgs "-Xmx1g" \
      -rf json -rff "$OUT/jmh.json" 'org.valkeycache.benchmarks.jmh.*' 2>&1 | tee "$OUT/jmh.txt" \
      | grep -E '^# (Benchmark|Parameters):|^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true
fi
JMH_DONE=$(date +%s)

echo "== load driver ${LOAD_ARGS[*]:-}"
LOAD_REPORT_ARGS=(--out "$OUT")
[[ -s "$OUT/jmh.json" ]] && LOAD_REPORT_ARGS+=(--jmh-json "$OUT/jmh.json")
java "${JAVA_OPTS[@]}" -cp "$CP" org.valkeycache.benchmarks.load.LoadDriver "${LOAD_REPORT_ARGS[@]}" ${LOAD_ARGS[@]+"${LOAD_ARGS[@]}"} \
    2>&1 | tee "$OUT/load.log"
if [[ $FAILOVER == 1 ]]; then
  echo "== failover windows of the sentinel client"
  java "${JAVA_OPTS[@]}" -cp "$CP" org.valkeycache.benchmarks.failover.FailoverWindows --runs 5 --out "$OUT/failover.md" \
      2>&1 | grep -v 'logger_core' | tee "$OUT/failover.log"
  cp "$OUT/failover.md" "$HERE/results/latest/" 2>/dev/null || true
fi
END=$(date +%s)
echo "== done: build+JMH $((JMH_DONE - START)) s, load driver $((END - JMH_DONE)) s, total $((END - START)) s"
echo "== report: $OUT/report.md (also benchmarks/results/latest/report.md)"
