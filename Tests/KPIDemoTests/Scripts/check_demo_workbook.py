"""Opens a demo workbook with openpyxl (a real client, not our writer) and checks it against the
report's JSON: typed numbers equal the results, status fills, the Data table, charts, properties.
Prints 'ok' and exits 0, or prints the problems and exits 1."""
import json, sys, zipfile
import openpyxl

xlsx, js = sys.argv[1], sys.argv[2]
report = json.load(open(js))
wb = openpyxl.load_workbook(xlsx)
problems = []

ws = wb["Scorecard"]
header_row = next(r for r in range(1, 40) if ws.cell(r, 1).value == "KPI")
headers = [c.value for c in ws[header_row]]
col = {}
for i, name in enumerate(headers):
    if name:
        col.setdefault(name.split("\n")[0], i + 1)  # "YTD\n2026" before "YTD\ntarget"
names = {k["id"]: k["name"] for k in report["kpis"]}
fills = {"green": "FFC6EFCE", "amber": "FFFFEB9C", "red": "FFFFC7CE"}
row = header_row + 1
for r in report["results"]:
    if ws.cell(row, 1).value != names[r["kpi"]]:
        problems.append(f"row {row}: KPI {ws.cell(row, 1).value!r}, expected {names[r['kpi']]!r}")
    for field, title in [("actual", "Actual"), ("target", "Target"), ("attainment", "Attainment"), ("prior", "Prior"), ("ytd", "YTD")]:
        v = ws.cell(row, col[title]).value
        want = r[field]
        if want is None:
            if v is not None:
                problems.append(f"row {row} {field}: {v!r}, expected empty")
        elif not isinstance(v, (int, float)) or abs(v - want) > 1e-9 * max(1, abs(want)):
            problems.append(f"row {row} {field}: {v!r} ({type(v).__name__}), expected number {want}")
    status_cell = ws.cell(row, col["Status"])
    if r["status"] in fills and status_cell.fill.fgColor.rgb != fills[r["status"]]:
        problems.append(f"row {row}: status {r['status']} filled {status_cell.fill.fgColor.rgb}")
    row += 1

if "KPIData" not in wb["Data"].tables:
    problems.append("no KPIData table on the Data sheet")
with zipfile.ZipFile(xlsx) as z:
    charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
if len(charts) < len(report["kpis"]):
    problems.append(f"{len(charts)} charts for {len(report['kpis'])} KPIs")
for k in report["kpis"]:
    if not any(s.startswith(k["name"][:25]) for s in wb.sheetnames):
        problems.append(f"no trend sheet for {k['name']}")
if str(wb.properties.created)[:10] != report["as_of"]:
    problems.append(f"created {wb.properties.created}, expected the as-of {report['as_of']}")
if not wb.properties.title:
    problems.append("no title property")

print("\n".join(problems) if problems else "ok")
sys.exit(1 if problems else 0)
