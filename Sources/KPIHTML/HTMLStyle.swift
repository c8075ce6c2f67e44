/// The page's one inline stylesheet: system fonts, tabular figures, status chips that keep their
/// colour in print, and print rules (landscape pages, no table row or chart split across pages).
enum HTMLStyle {
    static let css = """
    :root { --ink: #1b1f24; --muted: #555b62; --rule: #d8dce1; --band: #f4f6f8;
      --green: #1e7b34; --green-bg: #dcf1e1; --amber: #8a5a00; --amber-bg: #fdf0cc; --red: #a61b1b; --red-bg: #f9dcdc;
      --none: #5f656c; --none-bg: #eceef0; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; padding: 24px 28px 40px; max-width: 1320px; color: var(--ink); background: #fff;
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, "Helvetica Neue", Arial, sans-serif; }
    h1 { font-size: 26px; margin: 0 0 4px; overflow-wrap: anywhere; }
    h2 { font-size: 19px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
    h3 { font-size: 16px; margin: 20px 0 6px; overflow-wrap: anywhere; }
    header p { margin: 2px 0; }
    .period { font-size: 15px; }
    .note, .kind, .hash { color: var(--muted); }
    .note { font-size: 13px; margin: 6px 0; }
    .hash { font-size: 12px; overflow-wrap: anywhere; }
    .stale { color: var(--red); font-weight: 600; }
    code { font: 12.5px/1.4 "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
    table { border-collapse: collapse; margin: 8px 0 4px; font-variant-numeric: tabular-nums; }
    th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); vertical-align: middle; }
    thead th { background: var(--band); font-size: 12.5px; font-weight: 600; border-bottom: 2px solid var(--rule); white-space: nowrap; }
    tbody th { font-weight: 500; text-align: left; }
    .t { text-align: left; max-width: 26em; overflow-wrap: anywhere; }
    .n { text-align: right; white-space: nowrap; }
    .st { text-align: left; white-space: nowrap; }
    .c { padding: 2px 6px; }
    thead .n { text-align: right; }
    tbody tr:nth-child(even) { background: #fafbfc; }
    .status { display: inline-flex; align-items: center; gap: 5px; padding: 1px 8px 1px 6px; border-radius: 10px;
      font-size: 12.5px; font-weight: 600; white-space: nowrap; }
    .status .chip { display: inline-block; width: 10px; height: 10px; border-radius: 50%; }
    .s-green { color: var(--green); background: var(--green-bg); } .s-green .chip { background: var(--green); }
    .s-amber { color: var(--amber); background: var(--amber-bg); } .s-amber .chip { background: #d99a00; }
    .s-red { color: var(--red); background: var(--red-bg); } .s-red .chip { background: var(--red); }
    .s-zero { color: var(--none); background: transparent; } .s-zero .chip { background: #c9cdd2; }
    table.lines { width: 100%; max-width: 900px; }
    .s-none { color: var(--none); background: var(--none-bg); } .s-none .chip { background: #fff; border: 1.5px solid var(--none); }
    a { color: #1f4e79; }
    .trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 540px), 1fr)); gap: 8px 28px; }
    figure { margin: 10px 0; min-width: 0; }
    figcaption { margin-bottom: 2px; overflow-wrap: anywhere; }
    figcaption .kpi { font-weight: 600; font-size: 15px; }
    figcaption .sum { color: var(--muted); font-size: 13px; white-space: nowrap; }
    svg.chart { display: block; width: 100%; max-width: 600px; height: auto; }
    svg.spark { display: block; }
    ol.events { margin: 2px 0 0; padding-left: 22px; font-size: 13px; }
    .date { font-variant-numeric: tabular-nums; color: var(--muted); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
    dt { font-weight: 600; max-width: 24em; overflow-wrap: anywhere; }
    dd { margin: 0; min-width: 0; }
    footer { margin-top: 32px; font-size: 13px; }
    @media print {
      @page { size: landscape; margin: 12mm; }
      body { max-width: none; padding: 0; font-size: 10.5pt; }
      h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
      tr, figure, svg, dt, dd, li { break-inside: avoid; page-break-inside: avoid; }
      thead { display: table-header-group; }
      section.line { break-inside: avoid-page; }
      .trends { grid-template-columns: 1fr 1fr; gap: 4px 20px; }
      #trends > .note { break-after: avoid; page-break-after: avoid; }
      a { color: inherit; text-decoration: none; }
      .status, .status .chip, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }

    """
}
