import ArgumentParser
import Foundation
import KPICalendar
import KPIConfig
import KPIDemo
import KPIModel
import KPIRun
import KPIStarter

/// The command line: options in, a plain `RunRequest` to the engine, its exit code out.
@main
struct KPIReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpireview",
        abstract: "Weekly, monthly and quarterly KPI reviews from CSV exports.",
        discussion: """
        Reads CSV exports and targets, computes every KPI per product line, group
        and total, and writes per period an XLSX workbook, a Markdown summary, a
        JSON result, a manifest and, with an email block, a ready-to-send email
        (run --send mails it).

        First five minutes:
          kpireview init starter                 # commented config + sample data
          kpireview run --config starter/kpireview.yml --as-of 2026-03-01
          kpireview init mine --from-csv exports/orders.csv   # a draft for yours
          kpireview validate --config mine/kpireview.yml

        Exit codes: 0 success, 1 input or data error (nothing written), 2 usage or
        config error, 3 written with warnings (rejected rows, stale sources),
        4 written but an email could not be sent, 75 another run holds the lock.
        Docs: docs/config.md, docs/kpi-cookbook.md, docs/recipes.md (cron, email).
        """,
        version: kpireviewVersion,
        subcommands: [Run.self, Send.self, Validate.self, Init.self, Demo.self, Generate.self])

    /// Usage errors exit 2 with `kpireview: error: …` (SPEC 8), not ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data("kpireview: error: \(message(for: error))\n".utf8))
            let usage = fullMessage(for: error).components(separatedBy: "\n").filter { $0.hasPrefix("Usage:") || $0.contains("--help") }
            if !usage.isEmpty { FileHandle.standardError.write(Data((usage.joined(separator: "\n") + "\n").utf8)) }
            Foundation.exit(2)
        }
    }
}

struct DayArgument: ExpressibleByArgument {
    var day: Day
    init?(argument: String) {
        guard let d = Day.parse(argument) else { return nil }
        day = d
    }
}

func finish(_ outcome: RunOutcome) throws {
    for line in outcome.stdout { print(line) }
    for message in outcome.messages { FileHandle.standardError.write(Data((stderrLine(message) + "\n").utf8)) }
    if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
}

/// How a message looks on stderr (SPEC 8): `kpireview: error: …`, `kpireview: warning: …`.
func stderrLine(_ message: Message) -> String {
    switch message.kind {
    case .error: return "kpireview: error: " + message.text
    case .warning: return "kpireview: warning: " + message.text
    case .note: return "kpireview: " + message.text
    case .detail: return message.text
    }
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the reviews and write their files.",
        discussion: """
        Without --period or --from/--to, each cadence reviews its latest period
        that ends on or before --as-of. Rows dated after --as-of are counted, not
        used, so a rerun with the same --as-of gives the same bytes.

        Examples:
          kpireview run                          # last complete week, as of yesterday
          kpireview run --cadence monthly --period 2026-10
          kpireview run --cadence quarterly --period 2026-Q3
          kpireview run --period current --as-of 2026-11-18   # week in progress
          kpireview run --cadence weekly,monthly,quarterly \\
                        --from 2024-01-01 --to 2026-11-15    # backfill
          kpireview run --format md,json --out /tmp/review --strict
        Crontab (Mondays 06:00):
          0 6 * * 1 cd /srv/kpi && kpireview run --cadence weekly --quiet --send
        Exit codes: 0 ok, 1 input error, 2 usage/config error, 3 written with
        warnings, 4 written but an email not sent, 75 locked.
        """)

    @Option(name: .long, help: "Configuration file.") var config = "kpireview.yml"
    @Option(name: .long, help: "Comma-separated cadences: weekly, monthly, quarterly.") var cadence = "weekly"
    @Option(name: .long, help: "A period id (2026-W46, 2026-11, 2026-Q4, FY2027-Q1), a date in it, or 'current'.") var period: String?
    @Option(name: .long, help: "Backfill: every complete period whose end lies in --from … --to.") var from: DayArgument?
    @Option(name: .long, help: "End of the backfill range.") var to: DayArgument?
    @Option(name: .customLong("as-of"), help: "Last day of data to use (default: yesterday).") var asOf: DayArgument?
    @Option(name: .long, help: "Output folder.") var out = "reports"
    @Option(name: .long, help: "Comma-separated formats: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")) (default: the config's).") var format: String?
    @Flag(name: .long, help: "Any rejected row fails the run; nothing is written.") var strict = false
    @Flag(name: .long, help: "Print nothing on success.") var quiet = false
    @Flag(name: .long, help: "Print more detail.") var verbose = false
    @Flag(name: .long, help: "Pipe each written report's email to email.sendmail once all are written (send_if decides which).")
    var send = false

    func validate() throws {
        if period != nil && (from != nil || to != nil) { throw ValidationError("use either --period or --from/--to, not both") }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if let f = from, let t = to, f.day > t.day { throw ValidationError("--from \(f.day) is after --to \(t.day)") }
        _ = try cadences()
        _ = try formats()
    }

    func cadences() throws -> [Cadence] {
        try cadence.split(separator: ",").map { part in
            let p = part.trimmingCharacters(in: .whitespaces)
            guard let c = Cadence(rawValue: p) else { throw ValidationError("unknown cadence '\(p)'; use weekly, monthly or quarterly") }
            return c
        }
    }

    func formats() throws -> [OutputFormat]? {
        try format.map { f in
            try f.split(separator: ",").map { part in
                let p = part.trimmingCharacters(in: .whitespaces)
                guard let o = OutputFormat(rawValue: p) else {
                    throw ValidationError("unknown format '\(p)'; use \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return o
            }
        }
    }

    func run() throws {
        var req = RunRequest()
        req.configPath = config
        req.cadences = try cadences()
        req.period = period
        req.from = from?.day
        req.to = to?.day
        req.asOf = asOf?.day
        req.out = out
        req.formats = try formats()
        req.strict = strict
        req.quiet = quiet
        req.verbose = verbose
        req.send = send
        try finish(ReviewRun.execute(req))
    }
}

struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send (again) messages written earlier by the eml format.",
        discussion: """
        Pipes each file to the config's email.sendmail with -t -i, adding a Date:
        header; every file is sent, whatever send_if says. Exit 4 when one could
        not be sent, 1 when a file cannot be read.

        Examples:
          kpireview send reports/weekly/2026-W46/kpi-review-weekly-2026-W46.eml
          kpireview send --config /srv/kpi/kpireview.yml reports/monthly/2026-10/*.eml
        """)
    @Option(name: .long, help: "Configuration file (for email.sendmail).") var config = "kpireview.yml"
    @Argument(help: "Messages (.eml files) to send.") var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one .eml file to send") }
    }

    func run() throws {
        try finish(SendCommand.execute(files: files, configPath: config))
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the configuration and every input; write nothing.",
        discussion: """
        Reads the config and every input exactly as a run would, prints each source's
        row counts, date range and first rejected rows, and writes nothing.
        Exit 0 when clean, 3 when rows would be rejected, 2 on a config error.

        Examples:
          kpireview validate
          kpireview validate --config review/kpireview.yml --as-of 2026-11-15
        """)
    @Option(name: .long, help: "Configuration file.") var config = "kpireview.yml"
    @Option(name: .customLong("as-of"), help: "Last day of data to use (default: yesterday).") var asOf: DayArgument?

    func run() throws {
        var req = RunRequest()
        req.configPath = config
        req.asOf = asOf?.day
        req.validateOnly = true
        try finish(ReviewRun.execute(req))
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the bundled demo company: every cadence, as of \(SyntheticCompany.demoAsOf).",
        discussion: """
        Writes the bundled company's data and config, then its weekly, monthly and
        quarterly reviews, byte for byte the same on every machine.

        Example:
          kpireview demo --out reports
        """)
    @Option(name: .long, help: "Output folder.") var out = "reports"

    func run() throws {
        try finish(DemoRun.execute(out: out))
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic company of any size (for tests and benchmarks).",
        discussion: """
        The same --rows and --seed always give the same bytes.

        Examples:
          kpireview generate --rows 1000000 --seed 7 --out /tmp/acme
          kpireview run --config /tmp/acme/kpireview.yml --as-of 2026-11-15
        """)
    @Option(name: .long, help: "Order rows.") var rows: Int
    @Option(name: .long, help: "Random seed; the same seed gives the same bytes.") var seed: UInt64 = 1
    @Option(name: .long, help: "Output folder.") var out: String

    func run() throws {
        let company = SyntheticCompany.generated(seed: seed, orderRows: rows)
        do { try company.write(to: out) } catch {
            FileHandle.standardError.write(Data("kpireview: error: \(out): \(plainReason(error))\n".utf8))
            throw ExitCode(1)
        }
        print("\(out)/ \(rows) order rows, seed \(seed)")
    }
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented starter kpireview.yml with sample CSVs, or a draft for your own exports.",
        discussion: """
        Without --from-csv: a kpireview.yml that explains every key, sample CSVs
        of a small made-up company and a targets.csv; the printed commands run it
        straight away.
        With --from-csv: reads the header and first 200 rows of each export and
        proposes a source for it (date column and date_format, delimiter, decimal
        mark, product-line column) and KPIs (a row count, sums of money-like
        columns). Every guess is printed and written as a comment: check them.
        Never overwrites a file unless --force (exit 2 when it refuses).

        Examples:
          kpireview init starter
          kpireview run --config starter/kpireview.yml --as-of 2026-03-01 \\
                        --out starter/reports
          kpireview init review --from-csv exports/orders.csv exports/refunds.csv
          kpireview init . --force               # rewrite the starter files here
        """)

    @Argument(help: "Folder for kpireview.yml (created when missing).") var dir = "."
    @Option(name: .customLong("from-csv"), parsing: .upToNextOption,
            help: "Your CSV exports: propose sources and KPIs for them instead of the sample company.")
    var fromCSV: [String] = []
    @Flag(name: .long, help: "Replace existing files.") var force = false

    func run() throws {
        var req = InitRequest()
        req.directory = dir
        req.fromCSV = fromCSV
        req.force = force
        try finish(ProjectInit.execute(req))
    }
}
