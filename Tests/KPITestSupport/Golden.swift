import Foundation
import XCTest

/// Golden files: expected output committed beside the tests, compared with what the code writes
/// now. `KPIREVIEW_UPDATE_GOLDEN=1 swift test …` records: every golden a test reaches is rewritten
/// with the new output and that test FAILS ("Recorded new golden …"), as swift-argument-parser's
/// `assertSnapshot` does, so a recording run can never pass by accident; review `git diff`, then
/// run the tests again without the variable. A golden that does not exist yet is recorded (and
/// the test fails) in either mode. See docs/testing.md.
public enum Golden {
    /// The environment variable that turns recording on (value `1`).
    public static let updateVariable = "KPIREVIEW_UPDATE_GOLDEN"

    public static var isUpdating: Bool { ProcessInfo.processInfo.environment[updateVariable] == "1" }

    /// How a comparison came out; `message` is the failure text (nil on a match).
    public enum Outcome: Equatable, Sendable {
        case match
        case mismatch(String)
        case recorded(String)

        public var message: String? {
            switch self {
            case .match: return nil
            case let .mismatch(m), let .recorded(m): return m
            }
        }
    }

    /// Compares `actual` with the golden at `url`, or records it (see the type's comment).
    /// `compare` returns nil when the golden matches, else a readable description of the
    /// difference; `recordHint` is added to a recording's message (what to look at first).
    public static func check(_ actual: Data, golden url: URL, updating: Bool = Golden.isUpdating,
                             recordHint: String? = nil, compare: (_ expected: Data, _ actual: Data) throws -> String?) throws -> Outcome {
        let name = TestPaths.relative(url)
        let existing = try? Data(contentsOf: url)
        if updating || existing == nil {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            var message: String
            if let existing {
                if existing == actual {
                    message = "Recorded new golden \(name) (unchanged): \(updateVariable)=1 always fails; run again without it"
                } else {
                    message = "Recorded new golden \(name): review `git diff`, then run again without \(updateVariable)=1"
                    if let diff = try compare(existing, actual) { message += "\n" + diff }
                }
            } else {
                message = "Recorded new golden \(name) (there was none): check it, then run again"
            }
            if let recordHint { message += "\n" + recordHint }
            return .recorded(message)
        }
        guard let existing, let difference = try compare(existing, actual) else { return .match }
        return .mismatch("\(name) differs from the output (- golden, + actual); if the change is intended, "
                         + "rerun with \(updateVariable)=1 and review `git diff`:\n" + difference)
    }

    /// The readable difference of two files' bytes: a line diff when both are UTF-8 text, else
    /// the first differing byte offset. Nil when equal.
    public static func describeDifference(expected: Data, actual: Data) -> String? {
        guard expected != actual else { return nil }
        if let e = String(data: expected, encoding: .utf8), let a = String(data: actual, encoding: .utf8) {
            return LineDiff.unified(expected: e, actual: a) ?? "the texts differ in their bytes only (normalization?)"
        }
        let e = [UInt8](expected), a = [UInt8](actual)
        let offset = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        func hex(_ bytes: [UInt8]) -> String {
            bytes.dropFirst(max(0, offset - 8)).prefix(24).map { String($0, radix: 16).leftPadded() }.joined(separator: " ")
        }
        return "binary files differ at byte \(offset) (golden \(e.count) bytes, actual \(a.count)):\n"
            + "- \(hex(e))\n+ \(hex(a))"
    }
}

/// Asserts that `actual` is the text of the golden file at `url` (a line diff on failure); records
/// it in update mode and fails. The one golden helper for text output (Markdown, CSV, JSON, HTML).
public func assertGolden(_ actual: String, matches url: URL, file: StaticString = #filePath, line: UInt = #line) {
    assertGolden(Data(actual.utf8), matches: url, file: file, line: line)
}

/// Asserts that `actual` is the bytes of the golden file at `url`: a line diff when both are text,
/// a part-by-part XML diff for an `.xlsx` (XLSXGolden), else the first differing byte. Records in
/// update mode and fails.
public func assertGolden(_ actual: Data, matches url: URL, file: StaticString = #filePath, line: UInt = #line) {
    do {
        let outcome = try Golden.check(actual, golden: url) { expected, actual in
            url.pathExtension == "xlsx"
                ? try XLSXGolden.describeDifference(expected: expected, actual: actual)
                : Golden.describeDifference(expected: expected, actual: actual)
        }
        if let message = outcome.message { XCTFail(message, file: file, line: line) }
    } catch {
        XCTFail("golden \(TestPaths.relative(url)): \(error)", file: file, line: line)
    }
}

private extension String {
    func leftPadded() -> String { count < 2 ? "0" + self : self }
}
