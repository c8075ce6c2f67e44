import Foundation
import XCTest
import KPIFuzzHarness
import KPITestSupport

/// Replays every input of `fixtures/fuzz/<target>/` through its fuzz target (issue 15): the seeds,
/// and every input that once crashed or hung, stay regression cases. A crash fails the whole run.
final class FuzzCorpusTests: XCTestCase {
    private func replay(_ target: String, atLeast minimum: Int) throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("fixtures/fuzz/" + target).path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, minimum, "corpus of \(target)")
        for name in names {
            let data = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/" + name), name)
            FuzzHarness.run(target, [UInt8](data))
        }
    }

    func testCSVCorpus() throws { try replay("csv", atLeast: 10) }
    func testConfigCorpus() throws { try replay("config", atLeast: 10) }
    func testExprCorpus() throws { try replay("expr", atLeast: 10) }
}
