import XCTest
@testable import KPITestSupport

final class LineDiffTests: XCTestCase {
    func testEqualTextsHaveNoDiff() {
        XCTAssertNil(LineDiff.unified(expected: "a\nb\n", actual: "a\nb\n"))
    }

    func testOneChangedLineWithContext() {
        let golden = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let actual = golden.replacingOccurrences(of: "line 6\n", with: "line six\n")
        XCTAssertEqual(LineDiff.unified(expected: golden, actual: actual), """
            --- golden
            +++ actual
            @@ -3,7 +3,7 @@
              line 3
              line 4
              line 5
            - line 6
            + line six
              line 7
              line 8
              line 9
            """)
    }

    func testAChangedFirstLineStartsBothSidesAtOne() {
        XCTAssertEqual(LineDiff.unified(expected: "old\nsame\n", actual: "new\nsame\n", context: 1), """
            --- golden
            +++ actual
            @@ -1,2 +1,2 @@
            - old
            + new
              same
            """)
    }

    func testInsertionAndDeletionAreAlignedByTheCommonLines() {
        let diff = LineDiff.unified(expected: ["a", "b", "c", "d"], actual: ["a", "c", "d", "e"], context: 0)
        XCTAssertEqual(diff, """
            --- golden
            +++ actual
            @@ -2,1 +2,0 @@
            - b
            @@ -5,0 +4,1 @@
            + e
            """)
    }

    func testAMissingFinalNewlineAndInvisibleCharactersShow() {
        XCTAssertEqual(LineDiff.unified(expected: "x\n", actual: "x"), """
            --- golden
            +++ actual
            @@ -1,1 +1,2 @@
              x
            + \\ No newline at end of file
            """)
        let diff = LineDiff.unified(expected: "a b\nc\n", actual: "a\u{A0}b  \nc\r\n") ?? ""
        XCTAssertTrue(diff.contains("- a b\n- c\n+ a\\u{A0}b··\n+ c\\r"), diff)
    }

    func testALargeFileWithOneChangeIsFastAndShort() {
        let golden = (0..<200_000).map { "row \($0),cloud,12.50" }
        var actual = golden
        actual[123_456] = "row 123456,cloud,12.51"
        let diff = LineDiff.unified(expected: golden, actual: actual) ?? ""
        XCTAssertTrue(diff.contains("@@ -123454,7 +123454,7 @@"), diff)
        XCTAssertTrue(diff.contains("- row 123456,cloud,12.50\n+ row 123456,cloud,12.51"), diff)
        XCTAssertEqual(diff.split(separator: "\n").count, 3 + 8)
    }

    func testTheOutputIsLimited() {
        let diff = LineDiff.unified(expected: (0..<500).map { "a\($0)" }, actual: (0..<500).map { "b\($0)" }, limit: 20) ?? ""
        XCTAssertEqual(diff.split(separator: "\n").count, 2 + 20 + 1)
        XCTAssertTrue(diff.hasSuffix("… 981 more lines of diff"), diff)
    }

    func testFirstDifference() {
        XCTAssertNil(LineDiff.firstDifference(["a"], ["a"]))
        XCTAssertEqual(LineDiff.firstDifference(["a", "b"], ["a", "c"]), 1)
        XCTAssertEqual(LineDiff.firstDifference(["a"], ["a", "b"]), 1)
    }
}
