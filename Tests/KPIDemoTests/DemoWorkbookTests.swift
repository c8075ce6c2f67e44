import Foundation
import XCTest
import KPITestSupport

/// The committed demo workbooks, opened by openpyxl: numbers typed and equal to the JSON, status
/// fills, the Data table, one chart per KPI at least, properties (script: Scripts/check_demo_workbook.py).
final class DemoWorkbookTests: XCTestCase {
    func testDemoWorkbooksReadBackWithOpenpyxl() throws {
        let root = DemoReportsTests.root
        let script = root.appendingPathComponent("Tests/KPIDemoTests/Scripts/check_demo_workbook.py").path
        try Processes.requirePython("openpyxl")
        for base in ["weekly/2026-W46/kpi-review-weekly-2026-W46", "monthly/2026-10/kpi-review-monthly-2026-10",
                     "quarterly/2026-Q3/kpi-review-quarterly-2026-Q3"] {
            let r = try Processes.python([script, root.appendingPathComponent("reports/\(base).xlsx").path,
                                          root.appendingPathComponent("reports/\(base).json").path])
            let out = r.stdoutText + r.stderrText
            XCTAssertEqual(r.status, 0, "\(base): \(out)")
            XCTAssertEqual(out.trimmingCharacters(in: .whitespacesAndNewlines), "ok", base)
        }
    }
}
