import KPICalendar
import KPIModel
import KPIReport

/// The words the review uses for the report's codes.
struct Labels {
    let report: ReviewReport
    private let lineNames: [String: String]
    private let kpisByID: [String: KPIInfo]

    init(_ report: ReviewReport) {
        self.report = report
        var names: [String: String] = [:]
        for line in report.productLines where names[line.id] == nil { names[line.id] = line.name }
        lineNames = names
        var kpis: [String: KPIInfo] = [:]
        for k in report.kpis where kpis[k.id] == nil { kpis[k.id] = k }
        kpisByID = kpis
    }

    func kpi(_ id: String) -> KPIInfo {
        kpisByID[id] ?? KPIInfo(id: id, name: id, unit: .number, better: .higher, definition: "")
    }

    /// "Total" for ALL, the group's name, or the line's display name from `productLines`.
    func levelName(_ r: KPIResult) -> String {
        switch r.level {
        case .total: return "Total"
        case .group: return r.key
        case .line: return lineNames[r.key] ?? (r.key == "other" ? "Other" : r.key)
        }
    }

    var cadenceWord: String {
        switch report.cadence {
        case .weekly: return "Weekly"
        case .monthly: return "Monthly"
        case .quarterly: return "Quarterly"
        }
    }

    /// "Weekly review 2026-W46 (2026-11-09 to 2026-11-15)".
    var periodLine: String {
        "\(cadenceWord) review \(report.period.id) (\(report.period.start) to \(report.period.end))"
    }

    /// "complete" or "in progress — day X of Y, forecast used for status".
    var progressLine: String {
        let p = report.period
        if p.complete { return "As of \(report.asOf): period complete" }
        return "As of \(report.asOf): in progress — day \(p.elapsedDays) of \(p.days), forecast used for status"
    }

    /// Printed on every page: title left, period right; as-of, page x of y and the sheet's name below.
    var pageHeader: String {
        "&L&\"-,Bold\"" + Labels.headerFooterEscaped(report.title) + "&R" + Labels.headerFooterEscaped(periodLine)
    }

    var pageFooter: String {
        "&L" + Labels.headerFooterEscaped("As of \(report.asOf)") + "&CPage &P of &N&R&A"
    }

    static func status(_ s: Status) -> String {
        switch s {
        case .green: return "Green"
        case .amber: return "Amber"
        case .red: return "Red"
        case .none: return "n/a"
        }
    }

    static func statusStyle(_ s: Status) -> CellStyle {
        let (fill, font): (UInt32, UInt32)
        switch s {
        case .green: (fill, font) = (Palette.greenFill, Palette.greenFont)
        case .amber: (fill, font) = (Palette.amberFill, Palette.amberFont)
        case .red: (fill, font) = (Palette.redFill, Palette.redFont)
        case .none: (fill, font) = (Palette.noneFill, Palette.noneFont)
        }
        return CellStyle(bold: true, fontColor: font, fill: fill, align: .center)
    }

    /// Header/footer text has `&` codes: a literal ampersand is `&&`.
    static func headerFooterEscaped(_ s: String) -> String {
        String(s.replacingAmpersands().prefix(80))
    }
}

private extension String {
    func replacingAmpersands() -> String {
        var out = ""
        for ch in self { out += ch == "&" ? "&&" : String(ch) }
        return out
    }
}
