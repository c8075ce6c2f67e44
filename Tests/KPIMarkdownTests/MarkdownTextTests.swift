import XCTest
import KPITestSupport
import KPIReport
@testable import KPIMarkdown

final class MarkdownTextTests: XCTestCase {
    func testEscapesInlineMarkupAndPipes() {
        XCTAssertEqual(MarkdownText.escape("a|b *c* [d](e) <f> ~g~ \\h `i`"),
                       "a\\|b \\*c\\* \\[d\\](e) \\<f\\> \\~g\\~ \\\\h \\`i\\`")
    }

    func testUnderscoresInsideWordsStayAsTheyAre() {
        XCTAssertEqual(MarkdownText.escape("cloud_platform"), "cloud_platform")
        XCTAssertEqual(MarkdownText.escape("_new_ line_"), "\\_new\\_ line\\_")
    }

    func testOnlyEntityLikeAmpersandsAreEscaped() {
        XCTAssertEqual(MarkdownText.escape("R&D"), "R&D")
        XCTAssertEqual(MarkdownText.escape("A&amp;B"), "A\\&amp;B")
    }

    func testBlockMarkersOnlyAtTheStartOfABlock() {
        XCTAssertEqual(MarkdownText.escape("1. Cloud", startsBlock: true), "1\\. Cloud")
        XCTAssertEqual(MarkdownText.escape("# of users", startsBlock: true), "\\# of users")
        XCTAssertEqual(MarkdownText.escape("- x", startsBlock: true), "\\- x")
        XCTAssertEqual(MarkdownText.escape("v1.2 # - +"), "v1.2 # - +")
        XCTAssertEqual(MarkdownText.escape("1. Cloud"), "1. Cloud")
    }

    func testNewlinesBecomeSpaces() {
        XCTAssertEqual(MarkdownText.escape("Cloud\nPlatform\r\nX"), "Cloud Platform X")
    }

    func testCodeSpanFenceOutgrowsBackticksInside() {
        XCTAssertEqual(MarkdownText.code("a.csv:1:2: bad (x)"), "`a.csv:1:2: bad (x)`")
        XCTAssertEqual(MarkdownText.code("quote ` here"), "``quote ` here``")
        XCTAssertEqual(MarkdownText.code("`x`"), "`` `x` ``")
    }

    func testUnlistedLinesStillGetASection() {
        var report = Fixtures.weekly()
        report.productLines = [report.productLines[0]]
        let markdown = MarkdownWriter.render(report)
        XCTAssertTrue(markdown.contains("### retail\n"))
        XCTAssertTrue(markdown.contains("| Orders | 3,586 | 3,400 | 105.5% | 🟢 | +5.5% | +15.7% | +4.0 pts |"))
    }

    func testTrailingSpacesAreTrimmedPerLine() {
        XCTAssertEqual(MarkdownText.trimmingTrailingSpaces("a  \n b \n   \n\nc "), "a\n b\n\n\nc")
        XCTAssertEqual(MarkdownText.trimmingTrailingSpaces(""), "")
        XCTAssertEqual(MarkdownText.trimmingTrailingSpaces("\n"), "\n")
        XCTAssertEqual(MarkdownText.trimmingTrailingSpaces("🟢 \n| Δ | —  |  "), "🟢\n| Δ | —  |")
        // "\r\n" is one Character: the Character-wise rule never split there, and neither do bytes.
        XCTAssertEqual(MarkdownText.trimmingTrailingSpaces("ab  \r\ncd \r\n  "), "ab  \r\ncd \r\n")
        // U+0600 (Prepend) and the space after it are one Character, which stays; further spaces go.
        XCTAssertEqual(MarkdownText.trimmingTrailingSpaces("x\u{600}  \ny"), "x\u{600} \ny")
        // A combining mark after a space makes it part of the last Character: nothing to trim.
        XCTAssertEqual(MarkdownText.trimmingTrailingSpaces("e \u{301}\n"), "e \u{301}\n")
    }

    func testTrailingSpaceTrimMatchesTheCharacterRuleOnMixedText() {
        var g = SplitMix64(seed: 42)  // seeded: a failure reproduces
        let pieces = ["a", " ", " ", "\n", "\r\n", "\r", "🟢", "—", "\u{600}", "\u{301}", "|", "é"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &g)).map { _ in pieces.randomElement(using: &g) ?? "" }.joined()
            let reference = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { MarkdownText.trimmingTrailingSpaces(line: String($0)) }.joined(separator: "\n")
            XCTAssertEqual(MarkdownText.trimmingTrailingSpaces(text), reference, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
    }
}
