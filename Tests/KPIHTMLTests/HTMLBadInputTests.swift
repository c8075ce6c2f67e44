import Foundation
import XCTest
import KPIChartFixtures
@testable import KPIHTML

/// Names from the config and the data that could break a page: every one escaped, readable, valid.
final class HTMLBadInputTests: XCTestCase {
    typealias F = ChartFixtures

    func testEveryStringEscaped() {
        let html = HTMLWriter.render(F.badNames())
        XCTAssertFalse(html.lowercased().contains("<script"), "no markup from a name")
        XCTAssertFalse(html.contains("<b>") || html.contains("<i>") || html.contains("<img") || html.contains("<three>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("R&amp;D &quot;quoted&quot; &#39;single&#39; &amp;amp; done"), "an entity in a name stays text")
        XCTAssertTrue(html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; review · Weekly 2026-W46</title>"))
        XCTAssertTrue(html.contains("Acme &amp; Sons &lt;b&gt;bold&lt;/b&gt;"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; warning"))
        XCTAssertTrue(html.contains("<code>data/orders.csv:3:2: invalid number (&lt;1,2&gt;)</code>"))
    }

    func testRightToLeftNamesAreIsolated() {
        let html = HTMLWriter.render(F.badNames())
        XCTAssertTrue(html.contains("<bdi>\(F.rtlName)</bdi>"), "RTL text kept and isolated from the numbers around it")
        XCTAssertTrue(html.contains("<bdi>\(F.emojiName)</bdi>"))
    }

    func testLongNameWholeAndWrappable() {
        let html = HTMLWriter.render(F.badNames())
        XCTAssertEqual(F.longName.count, 200)
        XCTAssertTrue(html.contains("<bdi>\(F.longName)</bdi>"), "never cut")
        XCTAssertTrue(html.contains(".t { text-align: left; max-width: 26em; overflow-wrap: anywhere; }"), "wraps in its cell")
    }

    func testForbiddenCharacterReplaced() {
        let html = HTMLWriter.render(F.badNames())
        XCTAssertFalse(html.unicodeScalars.contains("\u{0007}"))
        XCTAssertTrue(html.contains("Bell\u{FFFD}name"))
    }

    /// Chromium builds the same DOM: no element came from a name, the texts read as written.
    func testChromiumReadsTheNamesAsText() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-html-bad-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.html").path
        try Data(HTMLWriter.render(F.badNames()).utf8).write(to: URL(fileURLWithPath: file))
        let (dom, console) = try RealClients.chromiumDOM(file: file)
        XCTAssertEqual(console, [], "no CSP violation or error")
        XCTAssertFalse(dom.lowercased().contains("<script"))
        XCTAssertFalse(dom.contains("<b>bold"))
        XCTAssertTrue(dom.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;"), "the name is text in the DOM")
        XCTAssertTrue(dom.contains(F.rtlName) && dom.contains(F.emojiName) && dom.contains(F.longName))
    }
}
