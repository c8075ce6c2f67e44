#!/usr/bin/env bash
# Look at a workbook as its readers will, before it becomes a golden (docs/testing.md):
# openpyxl lists every sheet with its size, panes, filter and print setup, then LibreOffice
# renders it to PDF and pdftoppm turns each page into a PNG to open with an image viewer.
#   scripts/look-at-xlsx.sh FILE.xlsx [OUT_DIR]     (default OUT_DIR: /tmp/look-at-xlsx/<name>)
set -euo pipefail
file=${1:?usage: scripts/look-at-xlsx.sh FILE.xlsx [OUT_DIR]}
name=$(basename "$file" .xlsx)
out=${2:-/tmp/look-at-xlsx/$name}
mkdir -p "$out"
python3 - "$file" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(f"{sys.argv[1]}: {len(wb.sheetnames)} sheets")
for ws in wb.worksheets:
    print(f"  {ws.title!r}: {ws.dimensions}, freeze {ws.freeze_panes}, filter {ws.auto_filter.ref}, "
          f"{ws.page_setup.orientation or 'portrait'}, print titles {ws.print_title_rows}, "
          f"{len(ws._charts)} charts, tables {list(ws.tables.keys())}")
PY
# A private profile, so a LibreOffice the user has open does not swallow the conversion.
soffice -env:UserInstallation=file:///tmp/look-at-xlsx-profile --headless --convert-to pdf --outdir "$out" "$file" >/dev/null
pdftoppm -png -r 60 "$out/$name.pdf" "$out/page"
ls "$out"/page*.png
