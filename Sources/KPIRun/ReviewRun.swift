import Dispatch
import Foundation
import KPICalendar
import KPIConcurrency
import KPIConfig
import KPIFields
import KPIHTML
import KPIIngest
import KPIMetrics
import KPIModel
import KPIReport
import KPIWorkbook

/// What `kpireview run` was asked to do: plain values from the CLI.
public struct RunRequest: Sendable {
    public var configPath: String = "kpireview.yml"
    /// The path shown in reports and manifests (defaults to `configPath`).
    public var displayConfigPath: String?
    public var cadences: [Cadence] = [.weekly]
    public var period: String?
    public var from: Day?
    public var to: Day?
    public var asOf: Day?
    public var out: String = "reports"
    public var formats: [OutputFormat]?
    /// Pipe each written report's message to `email.sendmail` once all are published (SPEC 11).
    public var send = false
    public var strict = false
    public var verbose = false
    public var quiet = false
    /// Check config and inputs only: write nothing (`kpireview validate`).
    public var validateOnly = false
    /// Threads building periods: nil for the thread budget (`ThreadBudget`); tests set 1 to compare with a sequential run.
    var workers: Int?
    public init() {}
}

public enum ReviewRun {
    public static func execute(_ req: RunRequest) -> RunOutcome {
        var out = RunOutcome(exitCode: 0)
        func fail(_ code: Int32, _ lines: [String]) -> RunOutcome {
            out.exitCode = code
            out.messages += lines.map { Message(.error, $0) }
            return out
        }
        // 1. Configuration: every key checked before any input is read.
        let config: Config
        do { config = try ConfigLoader.load(path: req.configPath) } catch {
            return fail(ExitStatus.usageError, error.errors.map(\.description))
        }
        let asOf = req.asOf ?? Clock.yesterday()
        // `--send` sends the `eml` of each report, so it writes one.
        var formats = req.formats ?? config.output.formats
        if req.send && config.email != nil && !formats.contains(.eml) { formats.append(.eml) }
        let mailErrors = ReportEmail.usageErrors(config: config, formats: formats, send: req.send, formatsFromCLI: req.formats != nil)
        if !mailErrors.isEmpty { return fail(ExitStatus.usageError, mailErrors) }

        // The workbook's Data sheet holds a row per result and field: too many KPIs and levels for
        // one sheet is a config error now, not after every input has been read (issue 15).
        if formats.contains(.xlsx), let problem = workbookLimit(config: config, lines: config.productLines.count) {
            return fail(ExitStatus.usageError, [problem])
        }

        // 2. Periods per cadence.
        var plan: [(Cadence, [Period])] = []
        for cadence in req.cadences {
            let grain = cadence.grain
            if let from = req.from, let to = req.to {
                plan.append((cadence, config.calendar.completePeriods(grain, endingFrom: from, through: min(to, asOf))))
            } else if let p = req.period {
                do { plan.append((cadence, [try config.calendar.resolve(period: p, grain: grain, asOf: asOf)])) } catch {
                    return fail(ExitStatus.usageError, ["--period \(p): \(error.message)" + (error.hint.map { "\nhint: \($0)" } ?? "")])
                }
            } else {
                plan.append((cadence, [config.calendar.latestComplete(grain, asOf: asOf)]))
            }
        }

        // 3. Targets file (configuration-level: exit 2).
        var table = TargetTable()
        if let t = config.targetsPath {
            do { table = try TargetsFile.load(path: t, config: config) } catch {
                return fail(ExitStatus.usageError, error.errors.map(\.description))
            }
            table.path = relative(t, to: config.directory)
        }
        let book = TargetBook(table)
        // The rates file (SPEC 13), checked like the targets file: configuration-level, exit 2.
        var fx: FxTable?
        if let f = config.fxPath {
            do { fx = try FxFile.load(path: f, config: config) } catch {
                return fail(ExitStatus.usageError, error.errors.map(\.description))
            }
        }

        // 3b. Annotations file (SPEC 6.7), checked like targets: exit 2 on a bad row.
        var annotations = AnnotationTable()
        if let a = config.annotationsPath {
            do { annotations = try AnnotationsFile.load(path: a, config: config, asOf: asOf) } catch {
                return fail(ExitStatus.usageError, error.errors.map(\.description))
            }
            annotations.path = relative(a, to: config.directory)
        }

        // 4. Sources, read once for the whole run, in parallel. The optional raw-data sheet's rows (the
        // first source's records as read) are kept in the same pass, up to the sheet's limit.
        let rawSheetWanted = config.output.rawSheet && formats.contains(.xlsx) && !req.validateOnly
        let ingests: [SourceIngest]
        let progress = req.quiet ? nil : ProgressBar(paths: config.sources.map(\.path))
        defer { progress?.finish() }
        // The oldest day any window of the run can reach: older rows are counted, not stored.
        let earliest = plan.flatMap(\.1).map(\.start).min().map(SourceImporter.earliestDay(forPeriodsFrom:))
        do {
            ingests = try ingestAll(config: config, asOf: asOf, rawRowLimit: rawSheetWanted ? config.output.rawSheetMaxRows : nil, fx: fx,
                                    earliestDay: earliest)
        } catch {
            return fail(error.isConfigLevel ? ExitStatus.usageError : ExitStatus.inputError, [error.description])
        }

        if req.verbose {
            for ing in ingests {
                out.messages.append(Message(.note, "\(ing.path): \(ing.rowsRead) rows read, \(ing.rowsAccepted) accepted, \(ing.rowsRejected) rejected, \(ing.rowsAfterAsOf) after as-of \(asOf), \(ing.rowsBlank) blank"))
            }
        }

        progress?.finish()

        // 5. Rejection policy: --strict or too many rejects → nothing written.
        var fatal: [String] = []
        for ing in ingests where ing.rowsRejected > 0 {
            let checked = ing.rowsRead - ing.rowsAfterAsOf - ing.rowsBlank
            let ratio = checked > 0 ? Double(ing.rowsRejected) / Double(checked) : 0
            if req.strict || ratio > config.maxRejectRatio {
                fatal += ing.rejects.prefix(10).map { r in r.message(path: ing.path) }
                if !req.strict {
                    fatal.append("\(ing.path): \(ing.rowsRejected) of \(checked) rows rejected (\(percentText(ratio))), above max_reject_ratio \(percentText(config.maxRejectRatio))")
                }
            }
        }
        if !fatal.isEmpty { return fail(ExitStatus.inputError, fatal + (req.strict ? ["nothing written (--strict)"] : ["nothing written"])) }

        // 6. Warnings known before any report.
        var runWarnings = book.warnings
        for ing in ingests {
            for (value, rows) in ing.unknownValues.sorted(by: { $0.key < $1.key }) {
                runWarnings.append("source '\(ing.name)': unknown product line '\(value)' (\(rows) rows) counted under 'other'")
            }
        }
        let data = Dataset(config: config, ingests: ingests.map { var i = $0; i.path = relative(i.path, to: config.directory); return i })
        for l in caseCollisions(data.lines) { runWarnings.append("product lines differ only by case: " + l.joined(separator: ", ")) }
        let groupNames = Set(config.productLines.compactMap(\.group))
        for key in book.lineKeysUsed.sorted() where key != "ALL" && data.lines.index(of: key) == nil && !groupNames.contains(key) {
            runWarnings.append("targets name product line '\(key)', which is neither configured nor found in the data")
        }
        // Lines found only in the data add levels: checked again, still before anything is built.
        if formats.contains(.xlsx), !req.validateOnly, let problem = workbookLimit(config: config, lines: data.lines.lines.count) {
            return fail(ExitStatus.usageError, [problem])
        }
        let (events, unknownEventLines) = annotations.checked(lines: { data.lines.index(of: $0) != nil }, groups: groupNames)
        for (line, rows) in unknownEventLines {
            let at = rows.map(String.init).joined(separator: ", ")
            runWarnings.append("annotations name product line '\(line)' (\(annotations.path ?? "annotations") line\(rows.count == 1 ? "" : "s") \(at)), which is neither configured nor found in the data: \(rows.count == 1 ? "its event is" : "their events are") left out")
        }
        let rejected = ingests.contains { $0.rowsRejected > 0 }
        runWarnings += rejectWarnings(ingests, configDirectory: config.directory)

        if req.validateOnly {
            for ing in ingests {
                out.stdout.append("\(relative(ing.path, to: config.directory)): \(ing.rowsRead) rows read, \(ing.rowsAccepted) accepted, \(ing.rowsRejected) rejected, \(ing.rowsAfterAsOf) after as-of, \(ing.rowsBlank) blank; dates \(ing.firstDate?.description ?? "—") … \(ing.lastDate?.description ?? "—")")
                for r in ing.rejects.prefix(5) { out.stdout.append("  " + r.message(path: relative(ing.path, to: config.directory))) }
            }
            out.stdout.append("product lines: " + data.lines.lines.map(\.id).joined(separator: ", "))
            out.stdout += runWarnings.map { "warning: " + $0 }
            out.exitCode = rejected ? ExitStatus.warnings : ExitStatus.success
            return out
        }

        // 7. Reports, under the output lock.
        let lock: OutputLock?
        // 60 s by SPEC 7; KPIREVIEW_LOCK_TIMEOUT (seconds) shortens it for tests and impatient cron jobs.
        let timeout = ProcessInfo.processInfo.environment["KPIREVIEW_LOCK_TIMEOUT"].flatMap { Int($0) } ?? 60
        // Said at once, not at the end: a cron mail of a run that then gives up carries it too.
        let waiting: ((Int32?) -> Void)? = req.quiet ? nil : { pid in
            let who = pid.map { "the kpireview run with pid \($0)" } ?? "another kpireview run"
            FileHandle.standardError.write(Data("kpireview: \(req.out)/.lock is held by \(who); waiting up to \(timeout) s\n".utf8))
        }
        do { lock = try OutputLock(directory: req.out, timeoutSeconds: timeout, waiting: waiting) } catch {
            return fail(ExitStatus.inputError, ["\(req.out): cannot create the output folder: \(plainReason(error))"])
        }
        guard let lock else { return fail(ExitStatus.locked, ["\(req.out)/.lock: another kpireview run holds the lock; gave up after \(timeout) s"]) }
        defer { withExtendedLifetime(lock) {} }
        // A killed run's publishing is finished, and dead runs' temporary folders removed, first.
        do { try Publication.recover(out: req.out, cadences: ReportIndex.cadences) } catch {
            return fail(ExitStatus.inputError, ["\(req.out): cannot finish the publishing of an interrupted run: \(plainReason(error))"])
        }

        // Optional raw-data sheet: the first source's rows as read, for small inputs only.
        var rawSheet: RawSheet?
        if rawSheetWanted, let first = config.sources.first, let ing = ingests.first {
            guard ing.rowsRead <= config.output.rawSheetMaxRows else {
                return fail(ExitStatus.usageError, ["\(config.path): output.raw_sheet: source '\(first.name)' has \(ing.rowsRead) rows, more than raw_sheet_max_rows (\(config.output.rawSheetMaxRows)); turn raw_sheet off or raise the limit"])
            }
            rawSheet = ing.rawRows.map { raw in
                RawSheet(name: "Raw \(first.name)", header: raw.header, rows: raw.rows,
                         note: "All \(raw.rows.count) rows of \(relative(first.path, to: config.directory)) as read (rejected and later rows included)")
            }
        }

        let configSHA = (try? SHA256.hashFile(atPath: config.path).hex) ?? ""
        let rejectFiles = rejectsFiles(ingests)
        let jobs = plan.flatMap { cadence, periods in periods.map { (cadence, $0) } }
        // The reports OUT already holds for the periods these reports show, read before anything is
        // published: restatements compare with OUT as it was when the run started (SPEC 6.6).
        let published = PublishedReports.read(out: req.out, periods: comparedPeriods(jobs, config: config, asOf: asOf))
        // One period leaves a core idle: its costly KPIs and its workbook are built there (`PeriodRenderer`).
        let renderer = PeriodRenderer(data: data, book: book, asOf: asOf, runWarnings: runWarnings, configSHA256: configSHA,
                                      configPath: req.displayConfigPath ?? req.configPath, formats: formats, rawSheet: rawSheet,
                                      rejectFiles: rejectFiles, out: req.out, published: published, events: events,
                                      annotations: config.annotationsPath == nil ? nil : annotations, concurrentFormats: jobs.count == 1,
                                      fxFile: fx.map { InputFacts(name: "fx", path: relative($0.path, to: config.directory), sha256: $0.sha256, bytes: $0.bytes) })
        var staleSources: [String] = []
        var indexEntries: [IndexEntry] = []
        var mail: [EmailDelivery.Pending] = []
        var placedEvents = Set<Int>()
        // Everything is staged first and published only when all of it is (`Publication`).
        let publication = Publication(out: req.out)
        do {
            if !rejectFiles.isEmpty || FileManager.default.fileExists(atPath: req.out + "/rejects") {
                try publication.stageRejects(files: rejectFiles, to: req.out + "/rejects")
            }
            // Periods are built on every core and published here, in order: the same folders, files
            // and stdout lines as one period after another.
            let workers = req.workers ?? ThreadBudget.threads
            try OrderedWork.run(count: jobs.count, workers: workers, window: 2 * workers, makeWorker: {
                let caches = renderer.makeCaches()
                return { i in try renderer.render(jobs[i].0, jobs[i].1, caches: caches) }
            }, consume: { _, r in
                let changed = try publication.stageFolder(files: r.files, to: r.dest, historyRoot: r.historyRoot)
                for name in r.staleSources where !staleSources.contains(name) { staleSources.append(name) }
                indexEntries.append(r.index)
                placedEvents.formUnion(r.placedEvents)
                if req.verbose && r.restated > 0 {
                    out.messages.append(Message(.note, "\(r.dest)/: \(r.restated) published value\(r.restated == 1 ? "" : "s") restated (see its \"Restated since published\")"))
                }
                if let m = r.message, req.send {
                    mail.append(.init(path: r.dest + "/" + m.name, message: m.bytes, changed: changed, alertReasons: r.alertReasons,
                                          line: req.quiet ? nil : out.stdout.count))
                }
                if !req.quiet { out.stdout.append(r.line) }
            })
            // OUT/index.html lists every report folder, this run's and earlier ones (SPEC 10).
            if !indexEntries.isEmpty {
                let page = ReportIndex.page(out: req.out, known: indexEntries, title: config.title ?? "KPI review")
                try publication.stageFile(Array(page.utf8), to: req.out + "/index.html")
            }
        } catch {
            publication.discard()
            return fail(ExitStatus.inputError, ["writing reports into \(req.out): \(plainReason(error))"])
        }
        do { try publication.commit() } catch let error as PublishError {
            return fail(ExitStatus.inputError, ["writing reports into \(req.out): \(error)"])
        } catch {
            // Rare (the steps are renames): the journal stays, and the next run finishes the publishing.
            return fail(ExitStatus.inputError, ["publishing reports into \(req.out): \(plainReason(error)); the next run finishes it"])
        }
        if req.verbose, let path = annotations.path {
            let unknown = unknownEventLines.reduce(0) { $0 + $1.1.count }, outside = events.count - placedEvents.count
            out.messages.append(Message(.note, "\(path): \(annotations.events.count + annotations.afterAsOf) events; left out: \(annotations.afterAsOf) after as-of \(asOf), \(unknown) of unknown lines, \(outside) outside every report's history"))
        }
        out.exitCode = (rejected || !staleSources.isEmpty) ? ExitStatus.warnings : ExitStatus.success
        // Sent only now that every report is published: a failed send leaves them all written.
        if req.send, let email = config.email, !EmailDelivery.sendAll(mail, email: email, out: &out) {
            out.exitCode = ExitStatus.emailNotSent
        }
        // One line per source, with the first reason, so the mail cron sends carries the cause (SPEC 8).
        for ing in ingests where ing.rowsRejected > 0 {
            let first = ing.rejects.first.map { "; the first: " + $0.message(path: relative(ing.path, to: config.directory)) } ?? ""
            out.messages.append(Message(.warning, "\(ing.rowsRejected) row\(ing.rowsRejected == 1 ? "" : "s") of source '\(ing.name)' rejected, listed in \(req.out)/rejects/\(ing.name).csv\(first)"))
        }
        // Exit 3 must say why: a stale source is otherwise only visible inside the reports.
        for name in staleSources { out.messages.append(Message(.warning, "source '\(name)' is stale; see the reports' data quality")) }
        return out
    }

    /// Every whole period the run's reports compare with its published report, each once, in job order.
    static func comparedPeriods(_ jobs: [(Cadence, Period)], config: Config, asOf: Day) -> [PublishedPeriod] {
        var seen = Set<PublishedPeriod>(), out: [PublishedPeriod] = []
        for (cadence, period) in jobs {
            let w = config.calendar.reviewWindows(grain: cadence.grain, period: period, asOf: asOf, history: config.history)
            for p in RestatementFinder.comparedPeriods(w, calendar: config.calendar) {
                let key = PublishedPeriod(grain: p.grain, id: p.id)
                if seen.insert(key).inserted { out.append(key) }
            }
        }
        return out
    }

    /// Why the workbook cannot hold the report's Data sheet, or nil: every KPI has a row per level
    /// (ALL, each group, each of `lines`) and field.
    static func workbookLimit(config: Config, lines: Int) -> String? {
        let levels = 1 + Set(config.productLines.compactMap(\.group)).count + lines
        let rows = WorkbookWriter.dataSheetRows(results: config.kpis.count * levels)
        guard rows > WorkbookWriter.maxRows else { return nil }
        return "\(config.path): \(config.kpis.count) KPIs at \(levels) levels need \(rows) rows on the workbook's Data sheet, more than a sheet's \(WorkbookWriter.maxRows); use fewer KPIs or product lines, or leave xlsx out of output.formats"
    }

    /// The reports' data-quality section shows the counts and the first reasons (SPEC 4.4).
    static func rejectWarnings(_ ingests: [SourceIngest], configDirectory: String) -> [String] {
        var out: [String] = []
        for ing in ingests where ing.rowsRejected > 0 {
            let path = relative(ing.path, to: configDirectory)
            let checked = ing.rowsRead - ing.rowsAfterAsOf - ing.rowsBlank
            out.append("source '\(ing.name)': \(ing.rowsRejected) of \(checked) rows rejected, listed in rejects/\(ing.name).csv")
            for r in ing.rejects.prefix(3) {
                out.append(r.message(path: path))
            }
        }
        return out
    }

    static func percentText(_ d: Double) -> String { JSONNumber.format((d * 10000).rounded() / 100) + "%" }

    static func relative(_ path: String, to dir: String) -> String {
        let prefix = dir.hasSuffix("/") ? dir : dir + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    static func caseCollisions(_ book: LineBook) -> [[String]] {
        var byLower: [String: [String]] = [:]
        for l in book.lines where !l.configured { byLower[l.id.lowercased(), default: []].append(l.id) }
        return byLower.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// Parses every source, two at a time (both cores), each in one streaming pass.
    /// The first source keeps its records as text when `rawRowLimit` is given (the raw-data sheet).
    static func ingestAll(config: Config, asOf: Day, rawRowLimit: Int? = nil, fx: FxTable? = nil,
                          earliestDay: Day? = nil) throws(InputError) -> [SourceIngest] {
        let resolver = LineResolver(config: config)
        let jobs = config.sources.enumerated().map { i, src in
            var importer = SourceImporter(source: src, config: config, resolver: resolver, asOf: asOf,
                                          rawRowLimit: i == 0 ? rawRowLimit : nil, fx: fx)
            importer.earliestDay = earliestDay
            return importer
        }
        let box = ResultBox(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let r: Result<SourceIngest, InputError>
            do throws(InputError) { r = .success(try jobs[i].run()) } catch { r = .failure(error) }
            box.set(i, r)
        }
        var out: [SourceIngest] = []
        for r in box.results {
            switch r {
            case .success(let s): out.append(s)
            case .failure(let e): throw e
            case nil: break
            }
        }
        return out
    }

    /// `rejects/<source>.csv`: line, column, reason, raw — raw is the row's exact text, CSV-quoted.
    static func rejectsFiles(_ ingests: [SourceIngest]) -> [OutputFolder.File] {
        ingests.filter { !$0.rejects.isEmpty }.map { ing in
            var bytes = Array("line,column,reason,raw\n".utf8)
            for r in ing.rejects {
                let col = r.columnName.isEmpty ? String(r.column) : r.columnName
                bytes += Array("\(r.line),\(csvQuote(col)),\(csvQuote(r.reasonText)),".utf8)
                bytes += csvQuote(bytes: r.raw)
                bytes.append(10)
            }
            return OutputFolder.File(name: ing.name + ".csv", bytes: bytes)
        }
    }

    /// The raw row, byte for byte: quoted (quotes doubled) when it holds a comma, quote or line break.
    /// A cell a spreadsheet would run as a formula — starting with `=`, `+`, `@`, a tab, a CR, or
    /// `-` not followed by a digit — gets a leading `'` (OWASP's advice against CSV injection), and
    /// so does a cell that already starts with `'`, so the rule can be undone without doubt: to
    /// replay a `raw` value that starts with `'`, drop that one character (docs/config.md).
    static func csvQuote(bytes: [UInt8]) -> [UInt8] {
        let cell = spreadsheetSafe(bytes)
        guard cell.isEmpty || cell.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return cell }
        var out: [UInt8] = [34]
        for b in cell { if b == 34 { out.append(34) }; out.append(b) }
        out.append(34)
        return out
    }

    /// `bytes`, with a `'` before it when a spreadsheet could take it for a formula (see `csvQuote`).
    static func spreadsheetSafe(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.first else { return bytes }
        let risky: Bool
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"), 9, 13, UInt8(ascii: "'"): risky = true
        case UInt8(ascii: "-"):
            let next = bytes.count > 1 ? bytes[1] : 0
            risky = !(next >= UInt8(ascii: "0") && next <= UInt8(ascii: "9"))
        default: risky = false
        }
        return risky ? [UInt8(ascii: "'")] + bytes : bytes
    }

    /// Looks at bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
    static func csvQuote(_ s: String) -> String {
        String(decoding: csvQuote(bytes: Array(s.utf8)), as: UTF8.self)
    }
}

/// Thread-safe slots for the parallel ingest.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [Result<SourceIngest, InputError>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<SourceIngest, InputError>) { lock.lock(); results[i] = r; lock.unlock() }
}
