import Foundation
import XCTest
@testable import KPIRun

import KPIModel
import KPITestSupport
import KPIExpr
import KPIFields
import KPICalendar

/// Seeded random-input tests (libFuzzer is not part of this toolchain's Linux build here): thousands
/// of hostile inputs through the CSV importer and the expression parser. No crash, no hang, and the
/// row counts always reconcile.
final class FuzzTests: XCTestCase {
    /// Pieces a CSV export is made of, plus the characters that break parsers.
    static let csvAlphabet: [String] = [",", ",", ",", "\n", "\n", "\r\n", "\r", "\"", "\"\"", "a", "cloud", "2026-11-10", "2026-13-40",
                                        "12.50", "$1,234.50", "(3.00)", "N/A", " ", "\t", "\u{00A0}", "é", "\u{0}", "\u{FEFF}", ";", "1e5", "-", "%"]

    func testRandomCSVNeverCrashesAndCountsReconcile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = """
        sources:
          s: { path: s.csv, date: date, product_line: line }
        max_reject_ratio: 1
        kpis:
          - { id: total, source: s, agg: sum, value: amount, where: "kind != 'x'" }
          - { id: n, source: s, agg: count }
          - { id: d, source: s, agg: count_distinct, value: kind }
          - { id: l, source: s, agg: last, value: amount }
        """
        try config.write(to: dir.appendingPathComponent("kpireview.yml"), atomically: true, encoding: .utf8)
        var rng = SplitMix64(seed: 20261122)
        var sawRejects = 0, sawOpenQuoteErrors = 0
        for iteration in 0..<300 {
            var text = "date,line,amount,kind\n"
            for _ in 0..<rng.below(60) {
                if rng.below(3) == 0 {
                    text += "2026-11-1\(rng.below(9)),cloud,\(rng.below(1000)).\(rng.below(100)),k\(rng.below(4))\n"
                } else {
                    text += Self.csvAlphabet[rng.below(Self.csvAlphabet.count)]
                }
            }
            try Data(text.utf8).write(to: dir.appendingPathComponent("s.csv"))
            var req = RunRequest()
            req.configPath = dir.appendingPathComponent("kpireview.yml").path
            req.asOf = Day.parse("2026-11-15")
            req.validateOnly = true
            let outcome = ReviewRun.execute(req)
            XCTAssertTrue([0, 1, 3].contains(outcome.exitCode), "iteration \(iteration): exit \(outcome.exitCode) \(outcome.stderr)")
            if outcome.exitCode == 3 { sawRejects += 1 }
            if outcome.stderr.contains(where: { $0.contains("never closed") }) { sawOpenQuoteErrors += 1 }
            // The validate summary line states the counts; they must reconcile.
            for line in outcome.stdout where line.contains("rows read") {
                let n = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                // rows read, accepted, rejected, after as-of, blank (the dates that follow are ignored)
                XCTAssertEqual(n[0], n[1] + n[2] + n[3] + n[4], "iteration \(iteration): \(line)")
            }
        }
        XCTAssertGreaterThan(sawRejects, 10, "the generator must produce rejected rows")
        XCTAssertGreaterThan(sawOpenQuoteErrors, 10, "and quotes left open")
    }

    func testRandomExpressionsNeverCrash() {
        let pieces = ["a", "b", "`x y`", "\"q\"", "'s'", "''", "1", "2.5", "-", "+", "*", "/", "(", ")", "==", "!=", "<", "<=", ">", ">=",
                      "=", "and", "or", "not", "in", ",", " ", "'", "\"", "`", "é", "1e5", "NOT", "In"]
        var rng = SplitMix64(seed: 7)
        var parsed = 0
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<rng.below(12) { text += pieces[rng.below(pieces.count)] + (rng.below(2) == 0 ? " " : "") }
            if (try? ExprParser.parseWhere(text)) != nil { parsed += 1 }
            if let v = try? ExprParser.parseValue(text) { parsed += 1; _ = v.text; _ = v.evaluate { _ in .fixed(Fixed(integer: 0)) } }
            if let f = try? ExprParser.parseFormula(text) { parsed += 1; _ = f.isAdditive { _ in true } }
        }
        XCTAssertGreaterThan(parsed, 1000, "the generator must also produce valid expressions")
    }
}
