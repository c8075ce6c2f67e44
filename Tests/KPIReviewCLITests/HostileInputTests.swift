import Foundation
import XCTest

/// Inputs tried as an attacker or bad luck would (issue 15): each is a clear error with the exact
/// exit code and message, nothing written, never a crash.
final class HostileInputTests: KPIReviewTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try write("orders.csv", goodOrders)
    }

    func testTenThousandBracketsInTheConfigAreAConfigError() throws {
        try write("kpireview.yml", "title: " + String(repeating: "[", count: 10_000) + "\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines.first,
                       "kpireview: error: kpireview.yml:1:71: config nested too deeply (more than 64 levels of mappings, lists or brackets)")
        assertNothingWritten()
    }

    func testThreeThousandNestedMappingsAreAConfigError() throws {
        let yaml = (0..<3000).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n")
        try write("kpireview.yml", yaml)
        let r = try kpireview("validate")
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines.first,
                       "kpireview: error: kpireview.yml:65:129: config nested too deeply (more than 64 levels of mappings, lists or brackets)")
    }

    func testAValueOfAHundredThousandParenthesesIsAConfigError() throws {
        let value = String(repeating: "(", count: 100_000) + "amount" + String(repeating: ")", count: 100_000)
        try write("kpireview.yml", baseConfig.replacingOccurrences(of: "value: amount", with: "value: \"\(value)\""))
        let r = try runReview()
        assertExit(r, 2)
        let first = r.stderrLines.first ?? ""
        // The value starts at column 71 (after its opening quote); the 257th '(' is 256 further.
        XCTAssertTrue(first.hasPrefix("kpireview: error: kpireview.yml:7:\(71 + 256): invalid 'value' in KPI 'bookings': expression nested too deeply (more than 256 levels"), first)
        XCTAssertLessThan(r.stderr.utf8.count, 2_000, "the error does not echo the expression")
        assertNothingWritten()
    }

    func testAFormulaOfAHundredThousandTermsIsAConfigError() throws {
        let formula = Array(repeating: "bookings", count: 100_000).joined(separator: " + ")
        let config = baseConfig.replacingOccurrences(
            of: "output:", with: "  - { id: big, name: Big, formula: \"\(formula)\" }\noutput:")
        try write("kpireview.yml", config)
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.contains("expression nested too deeply"), r.stderr)
        assertNothingWritten()
    }
}
