/// The `kpireview.yml` draft `init --from-csv` writes: the proposals as YAML, every assumption as a
/// comment next to the key it decided.
struct DraftConfig {
    var title: String
    var proposals: [ExportProposal]

    var currency: (code: String, note: String) {
        if let code = proposals.compactMap(\.currency).first { return (code, "from the currency symbols in the data") }
        return ("USD", "ASSUMED: no currency symbol in the sampled values; display only, change freely")
    }

    func yaml() -> String {
        var out: [String] = []
        out += [
            "# kpireview.yml — a DRAFT proposed by `kpireview init --from-csv` from the first rows of each export.",
            "# Lines marked ASSUMED or CHECK are guesses: read every comment, fix what is wrong, then run",
            "# `kpireview validate` (it reads every row and reports what it rejects). Reference: docs/config.md.",
            "# Paths are relative to this file.",
            "",
            "title: \(YAMLText.scalar(title))   # optional: the heading of every report",
            "# company: My Company             # optional: in titles and the workbook's properties",
            "currency: \(currency.code)                      # display only; \(currency.note)",
            "",
            "calendar:",
            "  week_start: monday                 # monday..sunday; monday gives ISO week ids (2026-W09), others WE-YYYY-MM-DD",
            "  fiscal_year_start_month: 1         # 1..12; not 1 gives FY ids named by the year the fiscal year ends in",
            "",
            "sources:",
        ]
        for p in proposals { out += sourceLines(p) }
        out += [
            "",
            "# Targets: add rows (kpi,product_line,period,target — e.g. \(proposals.first?.kpis.first?.id ?? "kpi"),ALL,2026-03,1200) to targets.csv.",
            "# product_line is a line id, a group or ALL; period a week, month, quarter or year id. See docs/targets.md.",
            "targets: targets.csv",
            "",
        ]
        out += productLineLines()
        out += [
            "unknown_product_line: other          # other: unlisted lines count under 'other' (warned) | reject",
            "max_reject_ratio: 0.01               # above this share of a source's rows rejected, the run fails",
            "",
            "# KPIs, in report order. agg: sum | count | count_distinct | avg | min | max | last | first;",
            "# unit: currency | count | percent | ratio | number; better: higher | lower. Recipes: docs/kpi-cookbook.md.",
            "kpis:",
        ]
        for p in proposals { out += kpiLines(p) }
        let suggestions = proposals.flatMap(\.suggestions)
        if !suggestions.isEmpty {
            out.append("  # More KPIs you may want (uncomment to use):")
            out += suggestions.map { "  # " + $0 }
        }
        out.append("  # A formula combines KPIs at the same level and window, e.g.:")
        out.append("  # - { id: margin_pct, name: Margin, formula: (revenue - cost) / revenue, unit: percent }")
        out += [
            "",
            "status:",
            "  amber: 0.10                        # within 10% of target on the wrong side is amber; further is red",
            "history: { weeks: 6, months: 12, quarters: 8 }   # trend points on each KPI's chart",
            "output:",
            "  prefix: kpi-review                 # file names: kpi-review-weekly-2026-W09.xlsx, .md, .json",
            "  formats: [xlsx, md, json, html]          # what a run writes (--format overrides)",
            "  status_style: emoji                # emoji | text ([G] [A] [R])",
            "  raw_sheet: false                   # true: the workbook also gets a sheet of the period's raw rows",
            "",
        ]
        return out.joined(separator: "\n")
    }

    func sourceLines(_ p: ExportProposal) -> [String] {
        var out = ["  # \(p.configPath): \(p.rowsSampled) rows sampled."]
        out += p.assumptions.map { "  #   - \($0)" }
        out.append("  \(p.name):")
        out.append("    path: \(YAMLText.scalar(p.configPath))")
        out.append("    date: \(YAMLText.scalar(p.dateColumn))")
        if let pattern = p.date?.pattern {
            out.append("    date_format: \(YAMLText.doubleQuoted(pattern))")
        }
        switch p.productLine {
        case .column(let c, _):
            out.append("    product_line: \(YAMLText.scalar(c))")
        case .constant(let id):
            out.append("    product_line: { constant: \(YAMLText.scalar(id)) }   # ASSUMED: one line for the whole export; use { column: NAME } if it has one")
        }
        if p.delimiter != "," {
            out.append("    delimiter: " + (p.delimiter == "\t" ? "\"\\t\"" : YAMLText.doubleQuoted(String(p.delimiter))))
        }
        if let d = p.number.decimalKey { out.append("    decimal: \(YAMLText.doubleQuoted(d))") }
        if let t = p.number.thousandsKey { out.append("    thousands: \(YAMLText.doubleQuoted(t))") }
        out.append("    # stale_after_days: 3             # warn when the newest row is older than this many days")
        return out
    }

    /// A commented proposal: tidy ids and names for the values seen, never active (the sample may not hold them all).
    func productLineLines() -> [String] {
        var seen = Set<String>()
        var entries: [String] = []
        for p in proposals {
            guard case .column(_, let values) = p.productLine else { continue }
            for v in values where seen.insert(v).inserted {
                let id = ExportProfiler.slug(v)
                let alias = id == v ? "" : ", aliases: [\(YAMLText.doubleQuoted(v))]"
                entries.append("#   - { id: \(id), name: \(YAMLText.scalar(v))\(alias) }")
            }
        }
        guard !entries.isEmpty else {
            return ["# product_lines:                     # optional: display order, names, groups and aliases", "#   - { id: web, name: Web shop, group: Retail, aliases: [\"WEB\"] }"]
        }
        return ["# Optional: the lines in display order with names, groups and aliases. Values seen in the samples:",
                "# product_lines:"] + entries.prefix(30)
    }

    func kpiLines(_ p: ExportProposal) -> [String] {
        var out: [String] = []
        for k in p.kpis {
            out.append("  # \(k.comment)")
            out.append("  - id: \(k.id)")
            out.append("    name: \(YAMLText.scalar(k.name))")
            out.append("    source: \(p.name)")
            out.append("    agg: \(k.agg)")
            if let v = k.value { out.append("    value: \(YAMLText.scalar(v))") }
            if let w = k.whereHint { out.append("    # \(w)") }
            out.append("    unit: \(k.unit)")
        }
        return out
    }
}
