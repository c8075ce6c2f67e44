import Foundation
import KPICalendar
import KPIConcurrency
import KPIConfig
import KPIHTML
import KPIIngest
import KPIMail
import KPIMarkdown
import KPIMetrics
import KPIModel
import KPIReport
import KPIWorkbook

/// Builds one period's report and every file of its folder, without touching the output folder:
/// the run builds periods on several threads and publishes them one by one, in order.
/// Everything here is read-only; the memo caches (`Evaluator`, `TargetResolver`) are the caller's,
/// one pair per thread.
struct PeriodRenderer: Sendable {
    let data: Dataset
    let book: TargetBook
    let asOf: Day
    let runWarnings: [String]
    let configSHA256: String
    /// The config path shown in reports and manifests.
    let configPath: String
    let formats: [OutputFormat]
    let rawSheet: RawSheet?
    let rejectFiles: [OutputFolder.File]
    let out: String
    /// The reports OUT held when the run started, for restatements (SPEC 6.6).
    var published = PublishedBook.empty
    /// The annotations file's events on or before as-of whose lines are known (SPEC 6.7), and the file for the manifest.
    var events: [AnnotationEvent] = []
    var annotations: AnnotationTable?
    /// For a single period, where no other period keeps the second core busy: the count_distinct
    /// KPIs are built on a second thread (`ReportBuilder.helper`), and the workbook is written on
    /// one while the other formats are written here.
    var concurrentFormats = false
    /// The rates file as an input (SPEC 13), for the Notes sheet and the manifest.
    var fxFile: InputFacts? = nil

    /// A period's folder, ready to publish, and what the run reports about it.
    struct Rendered: Sendable {
        var dest: String
        var historyRoot: String
        var files: [OutputFolder.File]
        var staleSources: [String]
        /// Its line in OUT/index.html.
        var index: IndexEntry
        /// The summary line printed on stdout.
        var line: String
        /// The `eml` file's name and bytes, for `--send`; and why the report is an alert (`send_if`).
        var message: (name: String, bytes: [UInt8])?
        var alertReasons: [String] = []
        /// The events (by index) that fell in one of the report's history points.
        var placedEvents: Set<Int> = []
        /// How many published values the report restates (SPEC 6.6).
        var restated = 0
    }

    /// One evaluator and target resolver per thread: their memo dictionaries are not shared.
    func makeCaches() -> (Evaluator, TargetResolver) {
        let evaluator = Evaluator(data: data)
        return (evaluator, TargetResolver(book: book, data: data, evaluator: evaluator))
    }

    func render(_ cadence: Cadence, _ period: Period, caches: (Evaluator, TargetResolver)) throws -> Rendered {
        var builder = ReportBuilder(data: data, evaluator: caches.0, targets: caches.1, cadence: cadence, asOf: asOf,
                                    toolVersion: kpireviewVersion, runWarnings: runWarnings, configSHA256: configSHA256)
        // One period leaves a core idle: the costly KPIs are built there, with caches of their own.
        if concurrentFormats { builder.helper = makeCaches() }
        var built = builder.build(period: period)
        builder.addRestatements(&built, period: period, published: published)
        let placed = builder.addAnnotations(&built, period: period, events: events)
        built.run.configPath = configPath
        built.run.fxFile = fxFile
        let report = built
        var stale: [String] = []
        for q in report.dataQuality.sources where q.stale && !stale.contains(q.name) { stale.append(q.name) }
        let base = "\(data.config.output.prefix)-\(cadence.rawValue)-\(period.id)"
        var files: [OutputFolder.File] = []
        let workbook = formats.contains(.xlsx) && concurrentFormats
            ? Background { [self] in try workbookBytes(report, base: base) } : nil
        let markdown = formats.contains(.md) || formats.contains(.eml) ? MarkdownWriter.render(report) : nil
        let md = formats.contains(.md) ? markdown.map { Array($0.utf8) } : nil
        let json = formats.contains(.json) ? JSONWriter.renderBytes(report) : nil
        let html = formats.contains(.html) ? HTMLWriter.renderBytes(report) : nil
        if formats.contains(.xlsx) {
            let bytes = try workbook.map { try $0.wait() } ?? workbookBytes(report, base: base)
            files.append(.init(name: base + ".xlsx", bytes: bytes))
        }
        if let md { files.append(.init(name: base + ".md", bytes: md)) }
        if let json { files.append(.init(name: base + ".json", bytes: json)) }
        if let html { files.append(.init(name: base + ".html", bytes: html)) }
        var message: (name: String, bytes: [UInt8])?
        if formats.contains(.eml), let email = data.config.email, let markdown {
            message = (base + ".eml", try ReportEmail.message(report, email: email, markdown: markdown, base: base, files: files))
            files.append(.init(name: base + ".eml", bytes: message?.bytes ?? []))
        }
        files += rejectFiles.map { .init(name: "rejects/" + $0.name, bytes: $0.bytes) }
        files.append(.init(name: "manifest.json", bytes: Array(Manifest.render(report: report, book: book, annotations: annotations, files: files).utf8)))
        let dest = "\(out)/\(cadence.rawValue)/\(period.id)"
        return Rendered(dest: dest, historyRoot: "\(out)/.history/\(cadence.rawValue)/\(period.id)", files: files, staleSources: stale,
                        index: IndexEntry(report: report, htmlFile: html == nil ? nil : base + ".html"),
                        line: "\(dest)/ \(cadence.rawValue) \(period.id) \(PeriodRenderer.dates(period)) \(PeriodRenderer.summary(report))",
                        message: message, alertReasons: ReviewFacts.alertReasons(report), placedEvents: placed,
                        restated: report.restatements.count)
    }

    /// libxlsxwriter 1.1.4 writes only to a file: a temporary one, named for the process and period
    /// (unique while periods are built in parallel), read back and removed.
    private func workbookBytes(_ report: ReviewReport, base: String) throws -> [UInt8] {
        let tmp = NSTemporaryDirectory() + "kpireview-\(getpid())-\(base).xlsx"
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        try WorkbookWriter.write(report, to: tmp, options: WorkbookOptions(rawRows: rawSheet))
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: tmp)))
    }

    static func dates(_ p: Period) -> String { "(\(p.start)..\(p.end))" }

    static func summary(_ r: ReviewReport) -> String {
        var counts: [Status: Int] = [:]
        for x in r.results where x.level == .total { counts[x.status, default: 0] += 1 }
        return "green \(counts[.green] ?? 0), amber \(counts[.amber] ?? 0), red \(counts[.red] ?? 0)"
    }
}
