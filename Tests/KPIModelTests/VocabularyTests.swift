import KPICalendar
import XCTest

@testable import KPIModel

/// The shared words are spelled as the config, the JSON and the manifest spell them, and a cadence
/// knows its grain (the one place that maps them).
final class VocabularyTests: XCTestCase {
    func testCadenceGrains() {
        XCTAssertEqual(Cadence.weekly.grain, .week)
        XCTAssertEqual(Cadence.monthly.grain, .month)
        XCTAssertEqual(Cadence.quarterly.grain, .quarter)
    }

    func testSpellings() {
        XCTAssertEqual(Cadence.allCases.map(\.rawValue), ["weekly", "monthly", "quarterly"])
        XCTAssertEqual(Unit.allCases.map(\.rawValue), ["currency", "count", "percent", "ratio", "number"])
        XCTAssertEqual(Better.allCases.map(\.rawValue), ["higher", "lower"])
        XCTAssertEqual(Level.allCases.map(\.rawValue), ["total", "group", "line"])
        XCTAssertEqual(Status.allCases.map(\.rawValue), ["green", "amber", "red", "none"])
        XCTAssertEqual(StatusStyle.allCases.map(\.rawValue), ["emoji", "text"])
    }

    func testOutcomeTextsKeepTheMessagesOrderWithoutPrefixes() {
        let outcome = RunOutcome(exitCode: ExitStatus.usageError, messages: [
            Message(.error, "a.csv:2:3: bad"), Message(.detail, "hint: fix it"), Message(.warning, "stale"),
        ])
        XCTAssertEqual(outcome.stderr, ["a.csv:2:3: bad", "hint: fix it", "stale"])
        XCTAssertEqual(outcome.exitCode, 2)
    }

    func testSeededRandomIsReproducibleAndStreamsDiffer() {
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
        var s1 = SeededRandom(seed: 7, stream: 1), s2 = SeededRandom(seed: 7, stream: 2)
        XCTAssertNotEqual(s1.next(), s2.next())
    }
}
