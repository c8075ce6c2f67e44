#!/usr/bin/env bash
# Renders SVG files (default: every chart golden) side by side into one PNG with headless Chromium,
# to look at before a golden is recorded: scripts/look-at-svg.sh OUT.png [FILE.svg…]
set -euo pipefail
out=${1:-/tmp/kpireview-svg-goldens.png}; shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$(dirname "$0")"/../Tests/KPIChartTests/Golden/*.svg)
page=$(mktemp --suffix=.html)
trap 'rm -f "$page"' EXIT
{
  echo '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:8px;font:12px sans-serif;display:grid;grid-template-columns:repeat(2,610px);gap:6px}figure{margin:0;border:1px solid #ccc}figcaption{padding:2px 4px;background:#eee}</style></head><body>'
  for f in "${files[@]}"; do echo "<figure><figcaption>$(basename "$f")</figcaption>"; cat "$f"; echo '</figure>'; done
  echo '</body></html>'
} > "$page"
rows=$(( (${#files[@]} + 1) / 2 ))
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$out" --window-size=1250,$(( rows * 272 + 20 )) "file://$page" 2>/dev/null
echo "$out"
