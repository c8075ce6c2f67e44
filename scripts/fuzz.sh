#!/usr/bin/env bash
# Runs each libFuzzer target of kpireview for SECONDS (issue 15): the CSV importer, the config
# loader and the expression parser. Usage: scripts/fuzz.sh BINARY SECONDS [TARGET...]
# Each target starts from fixtures/fuzz/<target>/ and grows its corpus under .build-fuzz/corpus/;
# a crash or a timeout leaves its input in .build-fuzz/crashes/ and fails the run. Copy such an
# input into fixtures/fuzz/<target>/ once it is fixed: `make test` replays that folder.
set -euo pipefail
bin=$1; seconds=$2; shift 2
if [ $# -gt 0 ]; then targets=("$@"); else targets=(csv config expr); fi
root=$(dirname "$(dirname "$bin")")
status=0
for t in "${targets[@]}"; do
  corpus=$root/corpus/$t; crashes=$root/crashes
  mkdir -p "$corpus" "$crashes"
  cp -n fixtures/fuzz/"$t"/* "$corpus"/ 2>/dev/null || true
  log=$root/fuzz-$t.log
  echo "fuzz: $t for ${seconds}s (corpus $corpus, log $log)"
  if ! KPIREVIEW_FUZZ_TARGET=$t "$bin" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/$t-" >"$log" 2>&1; then
    echo "fuzz: $t FOUND A PROBLEM; input in $crashes/, details in $log"; status=1
  fi
  grep -E "^Done|stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/fuzz: $t: /" || true
  grep -Eo "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*" "$log" | tail -1 | sed "s/^/fuzz: $t: /" || true
done
exit $status
