#!/usr/bin/env bash
# Runs the JMH benchmarks with short settings and prints a table.
#
#   benchmarks/run.sh                 # every benchmark
#   benchmarks/run.sh Stitch          # benchmarks whose name matches a regular expression
#   benchmarks/run.sh Stitch -t 4     # further arguments go to JMH
#
# Builds benchmarks/target/benchmarks.jar through the Maven wrapper if it is missing, older
# than the benchmark sources, or when O2O_REBUILD=1 (O2O_MVN_ARGS adds Maven options, e.g. -o).
# JMH_FORKS, JMH_WARMUPS, JMH_ITERATIONS and JMH_TIME (per iteration, e.g. 1s) change the
# settings. The short defaults give indicative figures only; use longer runs
# (e.g. -f 3 -wi 5 -i 10) for numbers you want to publish.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"

stale=0
if [[ -f "$jar" ]] && [[ -n "$(find "$root/benchmarks/src" "$root/benchmarks/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  stale=1
fi
if [[ ! -f "$jar" || "$stale" == "1" || "${O2O_REBUILD:-0}" == "1" ]]; then
  echo "run.sh: building $jar (missing, older than benchmarks/src, or O2O_REBUILD=1) ..." >&2
  (cd "$root" && ./mvnw -B -q ${O2O_MVN_ARGS:-} -DskipTests package -pl benchmarks -am) >&2
fi

pattern=".*"
if [[ $# -gt 0 && "$1" != -* ]]; then
  pattern="$1"
  shift
fi

java_cmd="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java_cmd="$JAVA_HOME/bin/java"
fi

results="$(mktemp -t o2o-jmh-XXXXXX.csv)"
trap 'rm -f "$results"' EXIT

"$java_cmd" -jar "$jar" "$pattern" \
  -f "${JMH_FORKS:-1}" -wi "${JMH_WARMUPS:-2}" -i "${JMH_ITERATIONS:-3}" \
  -w "${JMH_TIME:-1s}" -r "${JMH_TIME:-1s}" \
  -rf csv -rff "$results" "$@" >&2

echo
echo "JDK: $("$java_cmd" -version 2>&1 | head -1); cores: $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')"
echo
# JMH's CSV: Benchmark,Mode,Threads,Samples,Score,Score Error (99.9%),Unit[,Param: x...];
# text fields are quoted, numbers are not.
awk '
  function split_csv(line, out,    n, i, c, f, q) {
    n = 0; f = ""; q = 0
    for (i = 1; i <= length(line); i++) {
      c = substr(line, i, 1)
      if (q) {
        if (c == "\"" && substr(line, i + 1, 1) == "\"") { f = f "\""; i++ }
        else if (c == "\"") q = 0
        else f = f c
      } else if (c == "\"") q = 1
      else if (c == ",") { out[++n] = f; f = "" }
      else f = f c
    }
    out[++n] = f
    return n
  }
  {
    sub(/\r$/, "")
    nf = split_csv($0, f)
  }
  NR == 1 {
    for (i = 8; i <= nf; i++) { h = f[i]; sub(/^Param: /, "", h); param[i] = h }
    print "| Benchmark | Params | Mode | Threads | Score | Error | Unit |"
    print "|---|---|---|---|---|---|---|"
    next
  }
  {
    p = ""
    for (i = 8; i <= nf; i++) if (f[i] != "") p = p (p == "" ? "" : ", ") param[i] "=" f[i]
    name = f[1]; sub(/^dev\.o2o\.benchmarks\./, "", name)
    err = (f[6] == "NaN" || f[6] == "") ? "" : sprintf("%.3f", f[6])
    printf "| %s | %s | %s | %s | %.3f | %s | %s |\n", name, p, f[2], f[3], f[5], err, f[7]
  }' "$results"
