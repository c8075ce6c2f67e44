import KPIChart
import KPIChartPNG
import KPIConfig
import KPIMail
import KPIModel
import KPIReport

/// The `eml` format of one report (SPEC 11): the config's `email` block and the report's other
/// files made into one message. Kept apart from `PeriodRenderer` so the wiring stays a few lines.
enum ReportEmail {
    /// `markdown` is the text/plain alternative; `files` are the report folder's files written so far,
    /// from which the `attach` formats are taken byte for byte.
    static func message(_ report: ReviewReport, email: EmailConfig, markdown: String, base: String,
                        files: [OutputFolder.File]) throws(PNGChartError) -> [UInt8] {
        let subject = email.subject.render(ReviewFacts.subjectValues(report))
        let headers = MessageHeaders(from: email.from, to: email.to, cc: email.cc, replyTo: email.replyTo, subject: subject)
        let attachments = email.attach.compactMap { format -> Attachment? in
            let name = base + "." + format.rawValue
            return files.first { $0.name == name }.map { Attachment(filename: name, bytes: $0.bytes) }
        }
        // The first `email.charts` KPIs' 6-12 charts (config order), drawn at 2× and shown at the
        // chart layout's size; the alt text is the chart's own description (the SVG's <desc>).
        let shown = report.kpis.prefix(email.charts)
        var images: [InlineImage] = []
        if !shown.isEmpty {
            let renderer = try PNGChartRenderer()  // one per message: FreeType faces are not shared across threads
            for (i, kpi) in shown.enumerated() {
                let events = ChartBuilder.events(report, kpi: kpi.id)
                let chart = ChartBuilder.trend(report, kpi: kpi.id, events: events)
                var image = InlineImage(contentID: "chart-\(i + 1)-\(kpi.id)", filename: "\(kpi.id).png",
                                        png: try renderer.render(chart), width: Int(ChartLayout.full.width),
                                        height: Int(ChartLayout.full.height), alt: chart.description)
                image.title = kpi.name
                // The marks' numbers, listed below the chart (SPEC 6.7).
                var seen = Set<Int>()
                for panel in chart.panels {
                    for mark in panel.events where seen.insert(mark.number).inserted {
                        image.events.append((mark.number, "\(events[mark.event].date) \(events[mark.event].text)"))
                    }
                }
                image.events.sort { $0.0 < $1.0 }
                images.append(image)
            }
        }
        return ReviewMessage.render(report: report, headers: headers, plainText: markdown, attachments: attachments, images: images)
    }

    /// SPEC 11's usage checks for a run: `--send` or format `eml` need `email`, and every attached
    /// format must be one the run writes. Returns the error lines (empty when fine).
    static func usageErrors(config: Config, formats: [OutputFormat], send: Bool, formatsFromCLI: Bool) -> [String] {
        guard let email = config.email else {
            if send { return ["--send needs an 'email' block in \(config.path) (from, to): see docs/config.md#email"] }
            if formats.contains(.eml) { return ["--format eml needs an 'email' block in \(config.path) (from, to): see docs/config.md#email"] }
            return []
        }
        return email.attach.filter { !formats.contains($0) }.map { format in
            let p = email.attachPositions[format] ?? email.position
            let given = formatsFromCLI ? "--format" : "output.formats"
            return "\(config.path):\(p.line):\(p.column): email attaches \(format.rawValue), which this run does not write (\(given): "
                + formats.map(\.rawValue).joined(separator: ",") + ")\nhint: add \(format.rawValue) to \(given), or remove it from email.attach"
        }
    }
}
