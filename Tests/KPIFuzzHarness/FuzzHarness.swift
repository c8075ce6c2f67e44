import Foundation
import KPICalendar
import KPIConfig
import KPIExpr
import KPIIngest
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

    /// The importer on hostile bytes — the whole of `SourceImporter.run`: one descriptor, a split
    /// read for large inputs, every row check — never a crash, and the row counts always reconcile.
    /// Work a target does once per process, before the first input (libFuzzer's
    /// `LLVMFuzzerInitialize`), so that it is not taken for a leak of that input.
    public static func prepare(_ target: String) {
        if target == "csv" { csv([]) }
    }

    public static func csv(_ bytes: [UInt8]) {
        // Parsed per input: a config kept between inputs holds Swift enum payloads whose tagged
        // pointers LeakSanitizer cannot follow, so it would be reported as the first input's leak.
        let folder = NSTemporaryDirectory() + "kpireview-fuzz-csv-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard let config = try? ConfigLoader.parse(yaml: csvConfig, path: folder + "/kpireview.yml") else {
            fatalError("the CSV target's own config does not load")
        }
        let setup = (folder: folder, config: config, resolver: LineResolver(config: config))
        guard let source = setup.config.sources.first,
              (try? Data(bytes).write(to: URL(fileURLWithPath: source.path))) != nil else { return }
        let asOf = Day.parse("2026-11-15") ?? Day(number: 0)
        var importer = SourceImporter(source: source, config: setup.config, resolver: setup.resolver, asOf: asOf)
        // As a run sets it: rows older than any window are counted, not stored.
        importer.earliestDay = SourceImporter.earliestDay(forPeriodsFrom: asOf)
        do {
            let ing = try importer.run()
            guard ing.rowsRead == ing.rowsAccepted + ing.rowsRejected + ing.rowsAfterAsOf + ing.rowsBlank else {
                fatalError("counts do not reconcile: \(ing.rowsRead) read, \(ing.rowsAccepted) accepted, \(ing.rowsRejected) rejected")
            }
            guard ing.rejects.count == ing.rowsRejected else { fatalError("\(ing.rejects.count) rejects listed, \(ing.rowsRejected) counted") }
        } catch {
            // A file-level error (no header, a quote left open, a missing column) names the file.
            guard error.path == source.path else { fatalError("an error about another file: \(error)") }
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
