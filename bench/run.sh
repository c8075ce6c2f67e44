#!/usr/bin/env bash
# `make bench`: kpireview against the floors and peers of SPEC 9, on generated order files.
#
#   bash bench/run.sh [path/to/kpireview]      (default .build/release/kpireview)
#
# Environment: BENCH_ROWS="1000000 10000000" (order-file sizes), BENCH_RUNS=3 (runs per figure;
# the median is shown). Data is cached under bench/data/, scratch output goes to bench/out/.
# Benchmark tools (DuckDB, pandas) go into bench/.venv: never runtime dependencies of kpireview.
# What each figure means is in docs/performance.md.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:-$HERE/../.build/release/kpireview}
[ -x "$BIN" ] || { echo "bench: $BIN is not built (make release)" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
DATA=$HERE/data
OUT=$HERE/out
ROWS=${BENCH_ROWS:-"1000000 10000000"}
RUNS=${BENCH_RUNS:-3}
AS_OF=2026-11-15
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
mkdir -p "$DATA" "$OUT"

# ---------------------------------------------------------------- tools

if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq time >/dev/null
fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing and could not be installed" >&2; exit 2; }

CSVSUM=$OUT/csvsum
if ! cc -O2 -o "$CSVSUM" "$HERE/csvsum.c" -lcsv; then
    echo "bench: cannot compile bench/csvsum.c (needs libcsv-dev: make deps); the C floor is skipped"
    CSVSUM=""
fi

PY=$HERE/.venv/bin/python
if [ ! -x "$PY" ]; then
    echo "bench: creating bench/.venv for DuckDB and pandas"
    python3 -m venv "$HERE/.venv" || echo "bench: python3 -m venv failed"
fi
HAVE_DUCKDB=0; HAVE_PANDAS=0
if [ -x "$PY" ]; then
    "$PY" -c "import duckdb" 2>/dev/null || "$PY" -m pip install -q duckdb >/dev/null 2>&1 || true
    "$PY" -c "import pandas" 2>/dev/null || "$PY" -m pip install -q pandas >/dev/null 2>&1 || true
    "$PY" -c "import duckdb" 2>/dev/null && HAVE_DUCKDB=1
    "$PY" -c "import pandas" 2>/dev/null && HAVE_PANDAS=1
fi
[ $HAVE_DUCKDB = 1 ] || echo "bench: DuckDB could not be installed; its rows are skipped"
[ $HAVE_PANDAS = 1 ] || echo "bench: pandas could not be installed; its rows are skipped"

# ---------------------------------------------------------------- measuring

# Measuring: the tools of one table take turns, run by run, so a host whose speed drifts (a shared
# machine) slows every tool alike and the ratios stay fair.
#   tool NAME PREP CMD...   registers a tool (PREP: evaluated untimed before each of its runs, or "")
#   measure_tools           runs every tool $RUNS times in turns; then TWALL[NAME] and TRSS[NAME] hold
#                           the median wall seconds and peak RSS (MB), and $OUT/stdout-NAME.txt the
#                           last run's stdout. A run that exits other than 0 or 3 (3: warnings) is
#                           reported on stderr.
declare -a TOOL_NAMES=()
declare -A TOOL_PREP=() TOOL_CMD=() TWALL=() TRSS=()
tool() {
    local name=$1 prep=$2; shift 2
    TOOL_NAMES+=("$name"); TOOL_PREP[$name]=$prep
    TOOL_CMD[$name]=$(printf '%q ' "$@")
}
measure_tools() {
    declare -A walls=() rsss=()
    local i name t0 t1 rc
    for ((i = 0; i < RUNS; i++)); do
        for name in "${TOOL_NAMES[@]}"; do
            [ -n "${TOOL_PREP[$name]}" ] && eval "${TOOL_PREP[$name]}"
            t0=$EPOCHREALTIME
            eval "/usr/bin/time -f %M -o '$OUT/time.txt' ${TOOL_CMD[$name]}" >"$OUT/stdout-$name.txt" 2>"$OUT/stderr.txt"
            rc=$?
            t1=$EPOCHREALTIME
            if [ $rc != 0 ] && [ $rc != 3 ]; then
                echo "bench: '${TOOL_CMD[$name]}' exited $rc:" >&2; tail -5 "$OUT/stderr.txt" >&2
            fi
            walls[$name]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') "
            rsss[$name]+="$(tail -1 "$OUT/time.txt") "
        done
    done
    for name in "${TOOL_NAMES[@]}"; do
        TWALL[$name]=$(printf '%s\n' ${walls[$name]} | sort -g | sed -n "$(((RUNS + 1) / 2))p")
        TRSS[$name]=$(printf '%s\n' ${rsss[$name]} | sort -g | sed -n "$(((RUNS + 1) / 2))p" | awk '{printf "%.1f", $1 / 1024}')
    done
    TOOL_NAMES=(); TOOL_PREP=(); TOOL_CMD=()
}

fmt() { printf '%.3f' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "—" }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi; }

# Bookings of the reviewed week (2026-W46: 2026-11-09 … 15) as the C floor sums them: a check that
# kpireview and the floor did the same work.
WEEK=$((($(date -ud 2026-11-09 +%s) - $(date -ud 1970-01-05 +%s)) / 86400 / 7))
week_total() { awk -F'\t' -v w="$WEEK" '$2 == w { s += $3 } END { printf "%.2f", s }' "$1"; }
json_bookings() {
    python3 - "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
print("%.2f" % next(r["actual"] for r in d["results"] if r["kpi"] == "bookings" and r["level"] == "total"))
EOF
}

SUMMARY=$OUT/summary.txt
: >"$SUMMARY"
row() { printf '%-30s %12s %9s %9s %9s %9s  %s\n' "$@" | tee -a "$SUMMARY"; }
CHECKS=()

echo "kpireview bench: $RUNS runs per figure (median), $(nproc) cores, $(uname -sr)"
echo "binary: $BIN"

# ---------------------------------------------------------------- throughput

for N in $ROWS; do
    DIR=$DATA/orders-$N
    if [ ! -s "$DIR/orders.csv" ]; then
        echo "bench: generating $N order rows into bench/data/orders-$N"
        rm -rf "$DIR"
        "$BIN" generate --rows "$N" --seed 1 --out "$DIR" >/dev/null || { echo "bench: generate failed" >&2; exit 1; }
    fi
    FILE=$DIR/orders.csv
    MB=$(awk -v b="$(stat -c %s "$FILE")" 'BEGIN { printf "%.1f", b / 1e6 }')
    mbps() { awk -v mb="$MB" -v s="$1" 'BEGIN { printf "%.0f", mb / s }'; }
    cat "$FILE" >/dev/null   # warm the page cache: every tool reads from memory

    echo
    echo "== orders.csv: $N rows, $MB MB"
    row "tool" "rows" "wall s" "MB/s" "RSS MB" "kpi÷this" "check (bookings 2026-W46, total)"

    # The same review without the count_distinct KPI: SPEC 9 exempts exact distinct counts from flat
    # memory (they keep every distinct day × line × value), so this row shows the streaming part alone.
    ND=$DIR/no-distinct
    if [ ! -s "$ND/kpireview.yml" ]; then
        mkdir -p "$ND"
        for f in orders revenue costs usage targets events; do [ -e "$DIR/$f.csv" ] && ln -sf "../$f.csv" "$ND/$f.csv"; done
        awk '/^  - \{ id: customers,/ { skip = 2 } skip > 0 { skip--; next } { print }' "$DIR/kpireview.yml" >"$ND/kpireview.yml"
    fi

    TWALL=(); TRSS=()
    tool kpi "rm -rf '$OUT/run-$N'" "$BIN" run --config "$DIR/kpireview.yml" --as-of "$AS_OF" --cadence weekly --out "$OUT/run-$N" --quiet
    [ -n "$CSVSUM" ] && tool c "" "$CSVSUM" "$FILE"
    if [ $HAVE_DUCKDB = 1 ]; then
        tool duck1 "" "$PY" "$HERE/duckdb_sum.py" 1 "$FILE"
        tool duck2 "" "$PY" "$HERE/duckdb_sum.py" 2 "$FILE"
        tool duckk "" "$PY" "$HERE/duckdb_kpis.py" 2 "$FILE" "$AS_OF"
    fi
    [ $HAVE_PANDAS = 1 ] && tool pandas "" "$PY" "$HERE/pandas_sum.py" "$FILE"
    tool cat "" cat "$FILE"
    tool nd "rm -rf '$OUT/run-nd-$N'" "$BIN" run --config "$ND/kpireview.yml" --as-of "$AS_OF" --cadence weekly --out "$OUT/run-nd-$N" --quiet
    measure_tools

    K_WALL=${TWALL[kpi]}; K_RSS=${TRSS[kpi]}; ND_RSS=${TRSS[nd]}
    K_CHECK="bookings $(json_bookings "$OUT/run-$N/weekly/2026-W46/kpi-review-weekly-2026-W46.json" 2>/dev/null || echo '?')"
    row "kpireview (all formats)" "$N" "$(fmt "$K_WALL")" "$(mbps "$K_WALL")" "$K_RSS" "1.00" "$K_CHECK"
    peer() {  # NAME LABEL: a peer's row, with its bookings check
        [ -n "${TWALL[$1]:-}" ] || return 0
        row "$2" "$N" "$(fmt "${TWALL[$1]}")" "$(mbps "${TWALL[$1]}")" "${TRSS[$1]}" "$(ratio "$K_WALL" "${TWALL[$1]}")" \
            "bookings $(week_total "$OUT/stdout-$1.txt"), $(tail -1 "$OUT/stdout-$1.txt" | tr '\t' ' ')"
    }
    peer c "C libcsv (csvsum.c)"
    peer duck1 "DuckDB 1 thread(s)"
    peer duck2 "DuckDB 2 thread(s)"
    peer pandas "pandas"
    if [ -n "${TWALL[duckk]:-}" ]; then
        row "DuckDB 2 thr., same KPIs" "$N" "$(fmt "${TWALL[duckk]}")" "$(mbps "${TWALL[duckk]}")" "${TRSS[duckk]}" \
            "$(ratio "$K_WALL" "${TWALL[duckk]}")" "$(tr '\t\n' '  ' <"$OUT/stdout-duckk.txt")(bookings to as-of)"
    fi
    row "cat >/dev/null" "$N" "$(fmt "${TWALL[cat]}")" "$(mbps "${TWALL[cat]}")" "${TRSS[cat]}" "$(ratio "$K_WALL" "${TWALL[cat]}")" ""
    row "kpireview, no count_distinct" "$N" "$(fmt "${TWALL[nd]}")" "$(mbps "${TWALL[nd]}")" "$ND_RSS" "$(ratio "$K_WALL" "${TWALL[nd]}")" ""
    declare -A T=([c]=${TWALL[c]:-} [duck2]=${TWALL[duck2]:-} [duckk]=${TWALL[duckk]:-} [pandas]=${TWALL[pandas]:-})

    [ -n "${T[c]:-}" ] && CHECKS+=("$N rows: kpireview ≤ 1.25 × C           $(ratio "$K_WALL" "${T[c]}")×  $(verdict "$K_WALL <= 1.25 * ${T[c]}")")
    [ -n "${T[duck2]:-}" ] && CHECKS+=("$N rows: kpireview < DuckDB 2 threads   $(ratio "$K_WALL" "${T[duck2]}")×  $(verdict "$K_WALL < ${T[duck2]}")")
    [ -n "${T[duckk]:-}" ] && CHECKS+=("$N rows: … DuckDB 2 thr., same KPIs     $(ratio "$K_WALL" "${T[duckk]}")×  $(verdict "$K_WALL < ${T[duckk]}")")
    [ -n "${T[pandas]:-}" ] && CHECKS+=("$N rows: kpireview < pandas            $(ratio "$K_WALL" "${T[pandas]}")×  $(verdict "$K_WALL < ${T[pandas]}")")
    CHECKS+=("$N rows: peak RSS < 64 MB              ${K_RSS} MB  $(verdict "$K_RSS < 64")")
    CHECKS+=("$N rows: … without count_distinct      ${ND_RSS} MB  $(verdict "$ND_RSS < 64")")
    unset T
done

# ---------------------------------------------------------------- backfill and writers

DEMO=$DATA/demo-50000
if [ ! -s "$DEMO/kpireview.yml" ]; then
    "$BIN" generate --rows 50000 --seed 1 --out "$DEMO" >/dev/null || { echo "bench: generate failed" >&2; exit 1; }
fi
echo
echo "== demo company (generate --rows 50000 --seed 1): backfill and writers"
TWALL=(); TRSS=()
tool backfill "rm -rf '$OUT/backfill'" "$BIN" run --config "$DEMO/kpireview.yml" --from 2023-11-13 --to "$AS_OF" --as-of "$AS_OF" --out "$OUT/backfill" --quiet
tool single "rm -rf '$OUT/single'" "$BIN" run --config "$DEMO/kpireview.yml" --as-of "$AS_OF" --out "$OUT/single" --quiet
tool single3 "rm -rf '$OUT/single3'" "$BIN" run --config "$DEMO/kpireview.yml" --as-of "$AS_OF" --out "$OUT/single3" --format xlsx,md,json --quiet
tool validate "" "$BIN" validate --config "$DEMO/kpireview.yml" --as-of "$AS_OF"
measure_tools
B_WALL=${TWALL[backfill]}; B_RSS=${TRSS[backfill]}; S_WALL=${TWALL[single]}; S3_WALL=${TWALL[single3]}; V_WALL=${TWALL[validate]}
PERIODS=$(find "$OUT/backfill/weekly" -mindepth 1 -maxdepth 1 -type d -name '20*' | wc -l)
PER=$(awk -v b="$B_WALL" -v s="$S_WALL" -v n="$PERIODS" 'BEGIN { printf "%.1f", (b - s) / (n - 1) * 1000 }')
ONE=$(awk -v s="$S_WALL" -v v="$V_WALL" 'BEGIN { printf "%.1f", (s - v) * 1000 }')
ONE3=$(awk -v s="$S3_WALL" -v v="$V_WALL" 'BEGIN { printf "%.1f", (s - v) * 1000 }')
{
    printf '%-44s %8s s   RSS %s MB\n' "backfill, $PERIODS weekly periods" "$(fmt "$B_WALL")" "$B_RSS"
    printf '%-44s %8s s\n' "one period (run)" "$(fmt "$S_WALL")"
    printf '%-44s %8s s\n' "ingest only (validate)" "$(fmt "$V_WALL")"
    printf '%-44s %8s ms\n' "per period, backfill marginal (B−1)/(n−1)" "$PER"
    printf '%-44s %8s ms\n' "one period, xlsx md json (run−validate)" "$ONE3"
    printf '%-44s %8s ms\n' "one period, every format (run−validate)" "$ONE"
} | tee -a "$SUMMARY"
CHECKS+=("backfill of $PERIODS weeks < 10 s          $(fmt "$B_WALL") s  $(verdict "$B_WALL < 10")")
CHECKS+=("xlsx, md, json for a period < 100 ms    $ONE3 ms  $(verdict "$ONE3 < 100")")
CHECKS+=("every format (html) per period < 200 ms $PER / $ONE ms  $(verdict "$PER < 200 && $ONE < 200")")

echo
echo "== targets (SPEC 9)"
printf '%s\n' "${CHECKS[@]}" | tee -a "$SUMMARY"
echo
echo "(table also in bench/out/summary.txt)"
