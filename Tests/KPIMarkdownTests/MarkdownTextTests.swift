import XCTest
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
}
