import KPIFields
import KPIModel
import KPIReport

/// The "Data" sheet: every result value in long form, one row per (KPI, level, key, field), as an Excel
/// table for pivots. `status` and `target_source` are columns repeated on each row of their result, so a
/// pivot can filter or slice by them without a second table.
struct DataSheet {
    let report: ReviewReport
    let labels: Labels

    static let tableName = "KPIData"
    static let columns = ["period", "kpi", "kpi_name", "unit", "level", "key", "name", "status", "target_source", "field", "value"]
    static let valueColumn = 10

    /// The result fields in the JSON's order (SPEC 7.3), then the contributions.
    static let fields: [(String, @Sendable (KPIResult) -> Double?)] = [
        ("actual", { $0.actual?.double }),
        ("target", { $0.target?.double }),
        ("target_to_date", { $0.targetToDate?.double }),
        ("attainment", { $0.attainment }),
        ("variance", { $0.variance?.double }),
        ("variance_pct", { $0.variancePct }),
        ("forecast", { $0.forecast?.double }),
        ("required_per_day", { $0.requiredPerDay?.double }),
        ("prior", { $0.prior?.double }),
        ("prior_change", { $0.priorChange?.double }),
        ("prior_change_pct", { $0.priorChangePct }),
        ("yoy", { $0.yoy?.double }),
        ("yoy_change", { $0.yoyChange?.double }),
        ("yoy_change_pct", { $0.yoyChangePct }),
        ("mtd", { $0.mtd?.double }),
        ("mtd_target", { $0.mtdTarget?.double }),
        ("mtd_attainment", { $0.mtdAttainment }),
        ("mtd_yoy", { $0.mtdYoy?.double }),
        ("mtd_yoy_change_pct", { $0.mtdYoyChangePct }),
        ("qtd", { $0.qtd?.double }),
        ("qtd_target", { $0.qtdTarget?.double }),
        ("qtd_attainment", { $0.qtdAttainment }),
        ("qtd_yoy", { $0.qtdYoy?.double }),
        ("qtd_yoy_change_pct", { $0.qtdYoyChangePct }),
        ("ytd", { $0.ytd?.double }),
        ("ytd_target", { $0.ytdTarget?.double }),
        ("ytd_attainment", { $0.ytdAttainment }),
        ("ytd_yoy", { $0.ytdYoy?.double }),
        ("ytd_yoy_change_pct", { $0.ytdYoyChangePct }),
        ("yoy_change_pct_prior", { $0.yoyChangePctPrior }),
        ("contribution_prior", { $0.contribution?.prior }),
        ("contribution_yoy", { $0.contribution?.yoy }),
        ("contribution_target", { $0.contribution?.target }),
    ]

    /// The fields only some rows have, after the fixed ones: a bridged KPI's parts
    /// (`bridge_yoy_volume`, SPEC 6.5) and an unusual value's limits (`unusual_upper`, 6.9).
    static func extraValues(_ result: KPIResult) -> [(String, Double?)] {
        var out: [(String, Double?)] = []
        if let b = result.bridge {
            for (base, parts) in [("prior", b.prior), ("yoy", b.yoy), ("target", b.target)] {
                for (j, (name, _)) in BridgeParts.zero.named.enumerated() { out.append(("bridge_\(base)_\(name)", parts?.named[j].value)) }
            }
        }
        if let u = result.unusual {
            out += [("unusual_center", u.center), ("unusual_lower", u.lower), ("unusual_upper", u.upper)]
        }
        return out
    }

    func write(into sheet: XLSXSheet) throws(WorkbookError) {
        var r = 1
        var extraNames = Set<String>()
        for result in report.results {
            let kpi = labels.kpi(result.kpi)
            let repeated = [report.period.id, result.kpi, kpi.name, kpi.unit.rawValue, result.level.rawValue, result.key,
                             labels.levelName(result), result.status.rawValue]
            let extra = DataSheet.extraValues(result)
            for (field, _) in extra where extraNames.insert(field).inserted { sheet.noteWidth(9, DisplayWidth.text(field, style: .plain)) }
            let values = DataSheet.fields.map { ($0.0, $0.1(result)) } + extra
            // Each repeated text's width is noted once per result, not once per row: same widths, 25× less work.
            for (field, value) in values {
                for (c, text) in repeated.enumerated() { try sheet.text(r, c, text, fits: false) }
                if let source = result.targetSource { try sheet.text(r, 8, source.rawValue, fits: false) }
                try sheet.text(r, 9, field, fits: false)
                try sheet.number(r, DataSheet.valueColumn, value, fits: false)  // a fixed-width column
                r += 1
            }
            for (c, text) in repeated.enumerated() { sheet.noteWidth(c, DisplayWidth.text(XLSXSheet.cellText(text), style: .plain)) }
            if let source = result.targetSource { sheet.noteWidth(8, DisplayWidth.text(XLSXSheet.cellText(source.rawValue), style: .plain)) }
        }
        if !report.results.isEmpty {
            for (field, _) in DataSheet.fields { sheet.noteWidth(9, DisplayWidth.text(field, style: .plain)) }
        }
        // A table needs at least one data row; an empty report gets one blank row.
        let lastRow = max(r - 1, 1)
        for (c, name) in DataSheet.columns.enumerated() { sheet.noteWidth(c, Double(name.count) + 3) }
        try sheet.addTable(name: DataSheet.tableName, firstRow: 0, lastRow: lastRow, columns: DataSheet.columns, styleNumber: 2)
        sheet.freezePanes(row: 1, col: 0)
        try sheet.fitColumns(minimum: 8, maximum: 40, fixed: [DataSheet.valueColumn: 16])
        try sheet.setupPrint(header: labels.pageHeader, footer: labels.pageFooter, repeatRows: 0...0)
    }
}
