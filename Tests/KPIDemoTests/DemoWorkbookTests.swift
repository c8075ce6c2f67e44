import Foundation
import XCTest

/// The committed demo workbooks, opened by openpyxl: numbers typed and equal to the JSON, status
/// fills, the Data table, one chart per KPI at least, properties (script: Scripts/check_demo_workbook.py).
final class DemoWorkbookTests: XCTestCase {
    func testDemoWorkbooksReadBackWithOpenpyxl() throws {
        let root = DemoReportsTests.root
        let script = root.appendingPathComponent("Tests/KPIDemoTests/Scripts/check_demo_workbook.py").path
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import openpyxl"]
        try probe.run(); probe.waitUntilExit()
        try XCTSkipIf(probe.terminationStatus != 0, "python3 with openpyxl is missing: run `make deps`")
        for base in ["weekly/2026-W46/kpi-review-weekly-2026-W46", "monthly/2026-10/kpi-review-monthly-2026-10",
                     "quarterly/2026-Q3/kpi-review-quarterly-2026-Q3"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", script, root.appendingPathComponent("reports/\(base).xlsx").path,
                           root.appendingPathComponent("reports/\(base).json").path]
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = pipe
            try p.run()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, "\(base): \(out)")
            XCTAssertEqual(out.trimmingCharacters(in: .whitespacesAndNewlines), "ok", base)
        }
    }
}
