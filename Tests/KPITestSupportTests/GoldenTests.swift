import XCTest
@testable import KPITestSupport

/// The update mode's contract, checked on `Golden.check` (the asserting wrappers only add
/// XCTFail): recording rewrites the golden and reports a failure, never a pass.
final class GoldenTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try TestPaths.scratchFolder("kpireview-golden-test") }
    override func tearDownWithError() throws { if let dir { try? FileManager.default.removeItem(at: dir) } }

    private func check(_ text: String, _ url: URL, updating: Bool) throws -> Golden.Outcome {
        try Golden.check(Data(text.utf8), golden: url, updating: updating) { Golden.describeDifference(expected: $0, actual: $1) }
    }

    func testMatchAndMismatchWithoutUpdating() throws {
        let url = dir.appendingPathComponent("g.md")
        try Data("# Title\nsame\nold\n".utf8).write(to: url)
        XCTAssertEqual(try check("# Title\nsame\nold\n", url, updating: false), .match)
        let outcome = try check("# Title\nsame\nnew\n", url, updating: false)
        guard case let .mismatch(message) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(message.contains("- old\n+ new"), message)
        XCTAssertTrue(message.contains("KPIREVIEW_UPDATE_GOLDEN=1"), message)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "# Title\nsame\nold\n", "a mismatch leaves the golden alone")
    }

    func testUpdatingRewritesTheGoldenAndFails() throws {
        let url = dir.appendingPathComponent("g.md")
        try Data("old\n".utf8).write(to: url)
        let outcome = try check("new\n", url, updating: true)
        guard case let .recorded(message) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(message.hasPrefix("Recorded new golden "), message)
        XCTAssertTrue(message.contains("- old\n+ new"), "the recording shows what changed: \(message)")
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "new\n")
        // Recording an unchanged golden still fails: a run with the variable set never passes.
        guard case .recorded = try check("new\n", url, updating: true) else { return XCTFail("recording passed") }
    }

    func testAMissingGoldenIsRecordedAndFails() throws {
        let url = dir.appendingPathComponent("sub/new.md")
        guard case let .recorded(message) = try check("first\n", url, updating: false) else { return XCTFail("no record") }
        XCTAssertTrue(message.contains("there was none"), message)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "first\n")
    }

    func testBinaryDifferenceNamesTheOffset() {
        let message = Golden.describeDifference(expected: Data([0x50, 0x4B, 0x03, 0xFF]), actual: Data([0x50, 0x4B, 0x04, 0xFF])) ?? ""
        XCTAssertTrue(message.hasPrefix("binary files differ at byte 2 "), message)
    }
}
