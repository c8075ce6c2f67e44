import Foundation
import KPICalendar
import KPIConfig
import KPIExpr
import KPIRun

/// The three fuzz targets of issue 15 — the CSV importer, the config loader and the expression
/// parser — as plain functions of the input bytes. `kpireview-fuzz` runs them under libFuzzer
/// (`make fuzz`); the corpora in `fixtures/fuzz/<target>/` are replayed through them by
/// `make test` (FuzzCorpusTests), so every input that once crashed stays a regression case.
/// A broken invariant is a `fatalError`, which libFuzzer reports as a crash with its input.
public enum FuzzHarness {
    public static let targets = ["csv", "config", "expr"]

    public static func run(_ target: String, _ bytes: [UInt8]) {
        switch target {
        case "csv": csv(bytes)
        case "config": config(bytes)
        case "expr": expr(bytes)
        default: fatalError("unknown fuzz target \(target); one of \(targets)")
        }
    }

    /// A folder of its own per process, holding the CSV target's config; the input is written to
    /// `s.csv` beside it and validated, as `kpireview validate` does.
    nonisolated(unsafe) private static var csvFolder: String?

    /// The columns of `fixtures/bad/` and the demo's orders, so the seeds get past the header.
    private static let csvConfig = """
        sources:
          s: { path: s.csv, date: order_date, product_line: product_line }
        max_reject_ratio: 1
        kpis:
          - { id: total, source: s, agg: sum, value: amount * 2 - amount / 3, where: "status != 'x' and (amount > 0 or status in ('ok', 'completed'))" }
          - { id: n, source: s, agg: count }
          - { id: d, source: s, agg: count_distinct, value: status }
          - { id: l, source: s, agg: last, value: amount }
          - { id: m, source: s, agg: max, value: amount }
          - { id: r, formula: total / n }
        """

    /// The importer on hostile bytes: never a crash, and the row counts always reconcile.
    public static func csv(_ bytes: [UInt8]) {
        let folder: String
        if let f = csvFolder { folder = f } else {
            folder = NSTemporaryDirectory() + "kpireview-fuzz-csv-\(getpid())"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? Data(csvConfig.utf8).write(to: URL(fileURLWithPath: folder + "/kpireview.yml"))
            csvFolder = folder
        }
        guard (try? Data(bytes).write(to: URL(fileURLWithPath: folder + "/s.csv"))) != nil else { return }
        var req = RunRequest()
        req.configPath = folder + "/kpireview.yml"
        req.asOf = Day.parse("2026-11-15")
        req.validateOnly = true
        let outcome = ReviewRun.execute(req)
        guard [0, 1, 2, 3].contains(outcome.exitCode) else { fatalError("exit \(outcome.exitCode): \(outcome.stderr)") }
        for line in outcome.stdout where line.contains("rows read") {
            let n = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard n.count >= 5, n[0] == n[1] + n[2] + n[3] + n[4] else { fatalError("counts do not reconcile: \(line)") }
        }
    }

    /// The config loader on hostile YAML: an error list or a config, never a crash.
    public static func config(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let config = try ConfigLoader.parse(yaml: text, path: "fuzz.yml")
            // What a run does next with a config: every KPI looked up by id.
            for k in config.kpis where config.kpi(k.id) == nil { fatalError("KPI \(k.id) not found by id") }
        } catch {
            for e in error.errors where e.line < 0 || e.column < 0 { fatalError("negative position: \(e)") }
        }
    }

    /// The three expression languages: a tree or an error whose offset lies inside the text.
    public static func expr(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let length = text.count
        func check(_ error: ExprError) {
            if error.offset < 0 || error.offset > length { fatalError("offset \(error.offset) outside \(length): \(error)") }
        }
        do { _ = try ExprParser.parseWhere(text) } catch { check(error) }
        do {
            let v = try ExprParser.parseValue(text)
            _ = v.text
        } catch { check(error) }
        do {
            let f = try ExprParser.parseFormula(text)
            _ = f.isAdditive { _ in true }
        } catch { check(error) }
    }
}
