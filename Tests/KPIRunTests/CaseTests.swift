import Foundation
import KPICalendar
import KPIConfig
import KPIReport
import XCTest
import KPITestSupport

import KPIRun
import KPIModel

/// Runs every golden case in `fixtures/cases/<name>/` end to end and checks the written JSON
/// against the hand-computed values of its `expected.json` (the arithmetic is in each README).
///
/// `case.json`: `{"cadence": "weekly", "as_of": "2026-11-15", "period": "2026-W46", "exit_code": 0}`
/// (period and exit_code optional); `"published": [{"config", "cadence", "period", "as_of"}]` lists
/// runs made first into the same output folder (the reports an earlier run published, SPEC 6.6).
/// `expected.json`:
/// - `results`: `[{"kpi", "level", "key", "field", "value", "exact"?}]`; `field` is a path into the
///   result object (`actual`, `contribution.prior`, `history[0].actual`).
/// - `paths`: `[{"path", "value", "exact"?}]` into the whole document (`period.id`, `windows.yoy.start`,
///   `data_quality.sources[0].rows_after_as_of`).
/// - `warnings_contain` / `warnings_absent`: substrings that some / no warning must contain.
/// - `counts`: `{"restatements": 12}`, the length of top-level arrays.
/// Numbers compare with a relative tolerance of 1e-9, or as equal Doubles with `"exact": true`
/// (fixed-point decimals print canonically, so equal decimal texts parse to equal Doubles).
final class CaseTests: XCTestCase {
    private static var casesFolder: URL { TestPaths.fixture("cases") }

    func testEveryCase() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.casesFolder.path)
            .filter { isDirectory(Self.casesFolder.appendingPathComponent($0)) }
            .sorted()
        XCTAssertGreaterThanOrEqual(names.count, 16, "expected at least 16 cases in fixtures/cases")
        for name in names {
            try runCase(name)
        }
    }

    private func isDirectory(_ url: URL) -> Bool {
        var dir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &dir) && dir.boolValue
    }

    private func readJSON(_ url: URL) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed])
    }

    private func runCase(_ name: String) throws {
        let folder = Self.casesFolder.appendingPathComponent(name)
        guard let args = try readJSON(folder.appendingPathComponent("case.json")) as? [String: Any],
              let cadenceText = args["cadence"] as? String, let cadence = Cadence(rawValue: cadenceText),
              let asOfText = args["as_of"] as? String, let asOf = Day.parse(asOfText) else {
            XCTFail("\(name): case.json needs cadence and as_of")
            return
        }
        guard let expected = try readJSON(folder.appendingPathComponent("expected.json")) as? [String: Any] else {
            XCTFail("\(name): expected.json is not an object")
            return
        }
        let out = FileManager.default.temporaryDirectory
            .appendingPathComponent("kpireview-case-\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }

        for earlier in args["published"] as? [[String: Any]] ?? [] {
            var first = RunRequest()
            first.configPath = folder.appendingPathComponent(earlier["config"] as? String ?? "kpireview.yml").path
            first.cadences = [(earlier["cadence"] as? String).flatMap(Cadence.init(rawValue:)) ?? cadence]
            first.period = earlier["period"] as? String
            first.asOf = (earlier["as_of"] as? String).flatMap(Day.parse) ?? asOf
            first.out = out.path
            first.formats = [.json]
            first.quiet = true
            let done = ReviewRun.execute(first)
            XCTAssertTrue([ExitStatus.success, ExitStatus.warnings].contains(done.exitCode),
                          "\(name): published run \(earlier): exit \(done.exitCode); stderr: \(done.stderr.joined(separator: " | "))")
        }

        var request = RunRequest()
        request.configPath = folder.appendingPathComponent("kpireview.yml").path
        request.cadences = [cadence]
        request.period = args["period"] as? String
        request.asOf = asOf
        request.out = out.path
        request.formats = [.json]
        request.quiet = true
        let outcome = ReviewRun.execute(request)
        if let code = args["exit_code"] as? Int {
            XCTAssertEqual(outcome.exitCode, Int32(code), "\(name): exit code; stderr: \(outcome.stderr.joined(separator: " | "))")
        } else {
            XCTAssertTrue([ExitStatus.success, ExitStatus.warnings].contains(outcome.exitCode),
                          "\(name): exit \(outcome.exitCode); stderr: \(outcome.stderr.joined(separator: " | "))")
        }
        // With earlier published runs in the same folder, the case's report is the one of its own period.
        let only = args["published"] == nil ? nil : args["period"] as? String
        guard let report = try writtenReport(out.appendingPathComponent(cadence.rawValue), only: only) else {
            XCTFail("\(name): no JSON report written; stderr: \(outcome.stderr.joined(separator: " | "))")
            return
        }
        checkResults(name, report, expected["results"] as? [[String: Any]] ?? [])
        checkPaths(name, report, expected["paths"] as? [[String: Any]] ?? [])
        checkWarnings(name, report, expected)
        for (key, count) in (expected["counts"] as? [String: Int] ?? [:]).sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual((report[key] as? [Any])?.count, count, "\(name) / \(key): number of entries")
        }
    }

    /// The one `<prefix>-<cadence>-<period>.json` under `OUT/<cadence>/<period>/`.
    private func writtenReport(_ cadenceFolder: URL, only: String? = nil) throws -> [String: Any]? {
        let fm = FileManager.default
        guard let periods = try? fm.contentsOfDirectory(atPath: cadenceFolder.path) else { return nil }
        for period in periods.sorted() where !period.hasPrefix(".") && (only == nil || period == only) {
            let folder = cadenceFolder.appendingPathComponent(period)
            for file in try fm.contentsOfDirectory(atPath: folder.path).sorted()
            where file.hasSuffix(".json") && file != "manifest.json" {
                return try readJSON(folder.appendingPathComponent(file)) as? [String: Any]
            }
        }
        return nil
    }

    private func checkResults(_ name: String, _ report: [String: Any], _ checks: [[String: Any]]) {
        let results = report["results"] as? [[String: Any]] ?? []
        for check in checks {
            let kpi = check["kpi"] as? String ?? "?", level = check["level"] as? String ?? "?"
            let key = check["key"] as? String ?? "?", field = check["field"] as? String ?? "?"
            let label = "\(name) / \(kpi) / \(level) / \(key) / \(field)"
            guard let row = results.first(where: {
                $0["kpi"] as? String == kpi && $0["level"] as? String == level && $0["key"] as? String == key
            }) else {
                XCTFail("\(label): no such result row")
                continue
            }
            compare(label, value(at: field, in: row), check["value"], exact: check["exact"] as? Bool ?? false)
        }
    }

    private func checkPaths(_ name: String, _ report: [String: Any], _ checks: [[String: Any]]) {
        for check in checks {
            let path = check["path"] as? String ?? "?"
            compare("\(name) / \(path)", value(at: path, in: report), check["value"], exact: check["exact"] as? Bool ?? false)
        }
    }

    private func checkWarnings(_ name: String, _ report: [String: Any], _ expected: [String: Any]) {
        let warnings = (report["data_quality"] as? [String: Any])?["warnings"] as? [String] ?? []
        for text in expected["warnings_contain"] as? [String] ?? [] where !warnings.contains(where: { $0.contains(text) }) {
            XCTFail("\(name) / warnings: none contains \"\(text)\"; warnings: \(warnings)")
        }
        for text in expected["warnings_absent"] as? [String] ?? [] {
            for w in warnings where w.contains(text) { XCTFail("\(name) / warnings: unexpected \"\(w)\"") }
        }
    }

    /// The value at a path such as `history[0].actual` or `windows.yoy.start`; nil when absent.
    private func value(at path: String, in root: Any) -> Any? {
        var current: Any? = root
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                name = part[part.startIndex..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
                if index == nil { return nil }
            }
            if !name.isEmpty { current = (current as? [String: Any])?[String(name)] }
            if let i = index {
                guard let list = current as? [Any], i >= 0, i < list.count else { return nil }
                current = list[i]
            }
            if current == nil { return nil }
        }
        return current
    }

    private func compare(_ label: String, _ actual: Any?, _ expected: Any?, exact: Bool) {
        guard let actual else {
            XCTFail("\(label): missing in the report (expected \(describe(expected)))")
            return
        }
        switch expected {
        case nil, is NSNull:
            if !(actual is NSNull) { XCTFail("\(label): expected null, got \(describe(actual))") }
        case let text as String:
            if actual as? String != text { XCTFail("\(label): expected \"\(text)\", got \(describe(actual))") }
        case let number as NSNumber:
            guard !(actual is String), let got = actual as? NSNumber else {
                XCTFail("\(label): expected \(number), got \(describe(actual))")
                return
            }
            let e = number.doubleValue, a = got.doubleValue
            let ok = exact ? a == e : abs(a - e) <= 1e-9 * max(abs(e), abs(a)) || a == e
            if !ok { XCTFail("\(label): expected \(number), got \(got)" + (exact ? " (exact)" : "")) }
        default:
            XCTFail("\(label): unsupported expected value \(describe(expected))")
        }
    }

    private func describe(_ v: Any?) -> String {
        switch v {
        case nil: return "nothing"
        case is NSNull: return "null"
        case let s as String: return "\"\(s)\""
        case let some?: return "\(some)"
        }
    }
}
