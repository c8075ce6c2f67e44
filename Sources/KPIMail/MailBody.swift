import KPICalendar
import KPIFields
import KPIModel
import KPIReport

/// The HTML body of the review's email (SPEC 11), made for mail clients: a 640 px table layout with
/// inline styles, the headline scorecard, the charts by `cid:`, highlights and lowlights, a compact
/// table per group (per line without groups), data quality in a paragraph and a line naming the
/// attachments. No script, no SVG, no `data:` URI, no external reference. Every value comes from
/// the report and is formatted as in the Markdown summary (`NumberText`).
enum MailBody {
    /// Gmail clips a message whose HTML exceeds 102 KB; the body keeps under 100 KB by leaving out
    /// group tables (and saying so) when a report has very many.
    static let maxBytes = 100_000

    static func render(_ report: ReviewReport, images: [(InlineImage, String)], attachments: [Attachment]) -> String {
        let body = MailBodySections(report: report)
        let head = body.header() + body.scorecard() + body.charts(images) + body.highlights()
        let tail = body.dataQuality() + body.attachmentLine(attachments) + body.footer()
        var units = ""
        let tables = body.unitTables()
        var shown = 0
        for table in tables {
            // Room for the closing note and the document's frame (≈ 2 KB).
            guard head.utf8.count + units.utf8.count + table.utf8.count + tail.utf8.count + 3_000 <= maxBytes else { break }
            units += table
            shown += 1
        }
        if shown < tables.count {
            let noun = report.groups.isEmpty ? "product lines" : "groups and lines"
            units += MailHTML.row(MailHTML.paragraph("\(tables.count - shown) more \(noun) are in the attached reports: "
                + "an email body over 100 KB is cut short by some mail clients.", style: MailHTML.small))
        }
        return document(title: body.title, content: head + body.unitsHeading(tables.count) + units + tail)
    }

    static func document(title: String, content: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="x-apple-disable-message-reformatting">
        <title>\(MailHTML.escape(title))</title>
        </head>
        <body style="margin:0;padding:0;background-color:#f3f4f6;">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:#f3f4f6;">
        <tr><td align="center" style="padding:16px 0;">
        <table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:640px;background-color:#ffffff;border:1px solid #e5e7eb;">
        \(content)</table>
        </td></tr>
        </table>
        </body>
        </html>

        """
    }
}

/// The body's sections, each a string of rows of the 640 px container.
struct MailBodySections {
    let report: ReviewReport
    let index: [String: KPIResult]

    init(report: ReviewReport) {
        self.report = report
        var index: [String: KPIResult] = [:]
        for r in report.results where index[Self.key(r.kpi, r.level, r.key)] == nil { index[Self.key(r.kpi, r.level, r.key)] = r }
        self.index = index
    }

    static func key(_ kpi: String, _ level: Level, _ key: String) -> String { "\(kpi)\u{0}\(level.rawValue)\u{0}\(key)" }
    func result(_ kpi: String, _ level: Level, _ key: String) -> KPIResult? { index[Self.key(kpi, level, key)] }

    var title: String { report.title.isEmpty ? "KPI review" : report.title }
    var period: PeriodInfo { report.period }
    var symbol: String { report.presentation.currencySymbol }

    // MARK: Header

    func header() -> String {
        var meta: [String] = []
        if let company = report.company, !company.isEmpty { meta.append(MailHTML.escape(company)) }
        meta.append(cadenceName + " review")
        meta.append("<b>\(MailHTML.escape(period.id))</b>")
        meta.append("\(period.start) – \(period.end)")
        let state = period.complete
            ? "Complete \(periodNoun). Data as of \(report.asOf)."
            : "In progress: day \(period.elapsedDays) of \(period.days), data through \(report.asOf); status compares the forecast with the \(periodNoun)'s target."
        let bar = "<tr><td height=\"4\" style=\"height:4px;line-height:4px;font-size:0;background-color:\(MailHTML.ink);\">&nbsp;</td></tr>\n"
        let h1 = "<h1 style=\"margin:0 0 4px 0;\(MailHTML.font)font-size:22px;line-height:28px;color:\(MailHTML.ink);\">\(MailHTML.escape(title))</h1>"
        return bar + MailHTML.row(h1 + MailHTML.paragraph(meta.joined(separator: " · "), style: MailHTML.text)
            + MailHTML.paragraph(MailHTML.escape(state) + " " + statusCounts(), style: MailHTML.small), padding: "18px 16px 4px 16px")
    }

    /// `1 red · 2 amber · 5 green` of the ALL-level results, the summary line's counts.
    func statusCounts() -> String {
        var counts: [Status: Int] = [:]
        for r in report.results where r.level == .total { counts[r.status, default: 0] += 1 }
        let parts = [Status.red, .amber, .green].map { s -> String in
            let (_, fg) = MailHTML.statusColours(s)
            return "<b style=\"color:\(fg);\">\(counts[s] ?? 0) \(MailHTML.statusWord(s))</b>"
        }
        return "Overall: " + parts.joined(separator: " · ") + "."
    }

    // MARK: Scorecard

    /// Seven columns at most, so that it fits a phone: in progress, the actual carries its target to
    /// date and the forecast the period's target, each on a small second line.
    func scorecard() -> String {
        var table = MailHTML.Table(period.complete ? ["KPI", "Actual", "Target", "Att.", "Status", "PoP Δ", "YoY Δ"]
            : ["KPI", "Actual\nof target to date", "Att.", "Forecast\nof target", "Status", "PoP Δ", "YoY Δ"])
        for kpi in report.kpis {
            let r = result(kpi.id, .total, "ALL")
            var row: [MailHTML.Table.Cell] = [.label(kpi.name)]
            if period.complete {
                row += [.number(value(r?.actual, kpi)), .number(value(r?.target, kpi)), .number(NumberText.percent(r?.attainment))]
            } else {
                row += [.stacked(value(r?.actual, kpi), "of " + value(r?.targetToDate, kpi)),
                        .number(NumberText.percent(r?.attainment)),
                        .stacked(value(r?.forecast, kpi), "of " + value(r?.target, kpi))]
            }
            row += [.status(r?.status ?? .none), .number(change(r?.priorChange, r?.priorChangePct, kpi)),
                    .number(change(r?.yoyChange, r?.yoyChangePct, kpi))]
            table.rows.append(row)
        }
        let w = report.windows
        let note = "PoP Δ vs \(window(w.prior)) · YoY Δ vs \(window(w.yoy)). Status: green on target, amber off by up to "
            + "\(band) on the wrong side, red off by more."
        let bridges = BridgeText.sentences(report).map { MailHTML.row(MailHTML.paragraph(MailHTML.escape(MailHTML.keepSigns($0 + ".")))) }
        return MailHTML.heading("Scorecard") + MailHTML.row(table.render()) + MailHTML.row(MailHTML.paragraph(MailHTML.escape(note), style: MailHTML.small))
            + bridges.joined()
    }

    var band: String {
        let text = NumberText.percent(report.presentation.amber)
        return text.hasSuffix(".0%") ? String(text.dropLast(3)) + "%" : text
    }

    // MARK: Charts

    func charts(_ images: [(InlineImage, String)]) -> String {
        guard !images.isEmpty else { return "" }
        var out = MailHTML.heading("Trends")
        for (image, cid) in images {
            if !image.title.isEmpty {
                out += MailHTML.row("<b style=\"font-size:15px;\">\(MailHTML.escape(image.title))</b>", padding: "10px 16px 0 16px")
            }
            let img = "<img src=\"cid:\(MailHTML.escape(cid))\" width=\"\(image.width)\" height=\"\(image.height)\" alt=\"\(MailHTML.escape(image.alt))\" "
                + "style=\"display:block;width:100%;max-width:\(image.width)px;height:auto;border:0;outline:none;\">"
            out += MailHTML.row(img, padding: image.events.isEmpty ? "6px 16px 10px 16px" : "6px 16px 2px 16px")
            if !image.events.isEmpty {
                let items = image.events.map { "<b>\($0.number)</b>&nbsp;\(MailHTML.escape($0.text))" }.joined(separator: " &middot; ")
                out += MailHTML.row("<span style=\"font-size:12px;color:#595959;\">Events: \(items)</span>", padding: "0 16px 10px 16px")
            }
        }
        return out
    }

    // MARK: Highlights

    func highlights() -> String {
        let news = HighlightSections(report)
        return MailHTML.heading("Highlights")
            + MailHTML.row(list(news.good.map(\.text), empty: news.goodEmpty))
            + MailHTML.heading("Lowlights")
            + MailHTML.row(list(news.bad.map(\.text), empty: news.badEmpty))
    }

    func list(_ items: [String], empty: String) -> String {
        guard !items.isEmpty else { return MailHTML.paragraph(MailHTML.escape(empty)) }
        let li = items.map { "<li style=\"margin:0 0 4px 0;\(MailHTML.text)\">\(MailHTML.escape(MailHTML.keepSigns($0)))</li>" }
        return "<ul style=\"margin:0;padding:0 0 0 20px;\">" + li.joined() + "</ul>"
    }

    // MARK: Groups or lines

    func unitsHeading(_ count: Int) -> String {
        guard count > 0 else { return "" }
        return MailHTML.heading(report.groups.isEmpty ? "Product lines" : "Groups")
    }

    /// One compact table per group and per line outside any group; per line when there are no groups.
    func unitTables() -> [String] {
        var out: [String] = []
        let lines = report.productLines + unlistedLines()
        if report.groups.isEmpty {
            for line in lines { out += unitTable(level: .line, key: line.id, name: line.name, detail: nil) }
            return out
        }
        for group in report.groups {
            let members = lines.filter { $0.group == group }.map(\.name)
            out += unitTable(level: .group, key: group, name: group, detail: members.isEmpty ? nil : members.joined(separator: ", "))
        }
        for line in lines where line.group == nil || !report.groups.contains(line.group ?? "") {
            out += unitTable(level: .line, key: line.id, name: line.name, detail: "not in a group")
        }
        return out
    }

    /// Lines with results that the report's list does not name (kept so no number is left out).
    func unlistedLines() -> [ProductLineInfo] {
        var seen = Set(report.productLines.map(\.id)), out: [ProductLineInfo] = []
        for r in report.results where r.level == .line && seen.insert(r.key).inserted {
            out.append(ProductLineInfo(id: r.key, name: r.key, group: nil))
        }
        return out
    }

    func unitTable(level: Level, key: String, name: String, detail: String?) -> [String] {
        let rows = report.kpis.compactMap { k in result(k.id, level, key).map { (k, $0) } }
        guard !rows.isEmpty else { return [] }
        var table = MailHTML.Table(["KPI", "Actual", period.complete ? "Target" : "To date", "Status", "PoP Δ"])
        for (kpi, r) in rows {
            table.rows.append([.label(kpi.name), .number(value(r.actual, kpi)), .number(value(r.targetToDate, kpi)),
                               .status(r.status), .number(change(r.priorChange, r.priorChangePct, kpi))])
        }
        var title = "<b>\(MailHTML.escape(name))</b>"
        if let detail { title += " <span style=\"color:\(MailHTML.muted);\">· \(MailHTML.escape(detail))</span>" }
        return [MailHTML.row(MailHTML.paragraph(title) + table.render(), padding: "8px 16px 10px 16px")]
    }

    // MARK: Data quality, attachments, footer

    /// Sources, freshness, rejected rows and warnings in one paragraph.
    func dataQuality() -> String {
        let dq = report.dataQuality
        var parts: [String] = []
        if !dq.sources.isEmpty {
            let list = dq.sources.map { s -> String in
                var t = "\(MailHTML.escape(s.name)) (\(count(s.rowsAccepted)) rows, last \(s.lastDate?.description ?? "none")"
                if s.stale { t += ", <b style=\"color:\(MailHTML.statusColours(.amber).text);\">stale</b>" }
                return t + ")"
            }
            parts.append("Data as of \(report.asOf) from \(list.joined(separator: ", ")).")
        } else {
            parts.append("Data as of \(report.asOf).")
        }
        let rejected = dq.sources.filter { $0.rowsRejected > 0 }
        if !rejected.isEmpty {
            let list = rejected.map { "\(count($0.rowsRejected)) in \(MailHTML.escape($0.name))" }
            parts.append("<b>Rows rejected:</b> \(list.joined(separator: ", ")), each listed with its reason in the run's rejects folder.")
        }
        if !dq.warnings.isEmpty {
            let shown = dq.warnings.prefix(5).map(MailHTML.escape)
            let more = dq.warnings.count > 5 ? "; and \(dq.warnings.count - 5) more in the reports" : ""
            parts.append("<b>\(dq.warnings.count == 1 ? "Warning" : "Warnings"):</b> \(shown.joined(separator: "; "))\(more).")
        }
        if rejected.isEmpty && dq.warnings.isEmpty { parts.append("No rows rejected, no warnings.") }
        return MailHTML.heading("Data quality") + MailHTML.row(MailHTML.paragraph(parts.joined(separator: " ")))
    }

    func attachmentLine(_ attachments: [Attachment]) -> String {
        let text: String
        if attachments.isEmpty {
            text = "Nothing is attached: the full reports are in the report folder."
        } else {
            let names = attachments.map { "<b>\(MailHTML.escape($0.filename))</b> (\($0.kind), \(kilobytes($0.bytes.count)))" }
            text = "Attached: " + names.joined(separator: ", ") + "."
        }
        return MailHTML.row(MailHTML.paragraph(text), padding: "14px 16px 6px 16px")
    }

    func footer() -> String {
        MailHTML.row(MailHTML.paragraph("Generated by \(MailHTML.escape(report.tool.name)) \(MailHTML.escape(report.tool.version)).",
                                        style: MailHTML.small), padding: "6px 16px 18px 16px")
    }

    // MARK: Formats

    func value(_ n: Num?, _ kpi: KPIInfo) -> String { NumberText.value(n, unit: kpi.unit, currencySymbol: symbol) }

    func change(_ n: Num?, _ pct: Double?, _ kpi: KPIInfo) -> String {
        NumberText.change(n, pct: pct, unit: kpi.unit, currencySymbol: symbol)
    }

    func count(_ n: Int) -> String { NumberText.value(.fixed(Fixed(integer: n)), unit: .count, currencySymbol: "") }

    /// Rounded up, so a small file never shows as 0 KB.
    func kilobytes(_ bytes: Int) -> String { "\(max(1, (bytes + 1023) / 1024)) KB" }

    func window(_ w: WindowInfo) -> String { "\(w.id) (\(w.start) – \(w.end))" }

    var cadenceName: String {
        switch report.cadence {
        case .weekly: return "Weekly"
        case .monthly: return "Monthly"
        case .quarterly: return "Quarterly"
        }
    }

    var periodNoun: String {
        switch report.cadence {
        case .weekly: return "week"
        case .monthly: return "month"
        case .quarterly: return "quarter"
        }
    }
}
