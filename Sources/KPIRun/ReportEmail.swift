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
                        files: [OutputFolder.File]) -> [UInt8] {
        let subject = email.subject.render(ReviewFacts.subjectValues(report))
        let headers = MessageHeaders(from: email.from, to: email.to, cc: email.cc, replyTo: email.replyTo, subject: subject)
        let attachments = email.attach.compactMap { format -> Attachment? in
            let name = base + "." + format.rawValue
            return files.first { $0.name == name }.map { Attachment(filename: name, bytes: $0.bytes) }
        }
        // Seam for the PNG charts (issue 18, after the chart model lands): the first `email.charts`
        // KPIs' 6-12 charts as InlineImage(contentID: "chart-<n>-<kpi>", filename: "<kpi>.png",
        // png:, width: 600, height: 240, alt: "<KPI> trend: …"). Until then the message has none.
        let images: [InlineImage] = []
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
