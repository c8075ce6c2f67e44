import KPIConfig
import KPIFields
import KPIModel
import KPIReport
import XCTest
@testable import KPIMail

/// SPEC 11's rules for the body, checked on the text a mail client gets.
final class MailBodyTests: XCTestCase {
    let image = InlineImage(contentID: "chart-1-revenue", filename: "revenue.png", png: MailFixtures.tinyPNG,
                            width: 600, height: 240, alt: "Revenue \"trend\" <6-12>")

    func body(_ report: ReviewReport = MailFixtures.weekly(), images: [InlineImage]? = nil,
              attachments: [Attachment] = [Attachment(filename: "r.xlsx", bytes: Array(repeating: 1, count: 3000))]) -> String {
        let imgs = images ?? [image]
        // Word joiners (U+2060) keep signs with amounts; `testSignsStayWithTheirAmounts` checks them.
        return MailBody.render(report, images: imgs.map { ($0, ReviewMessage.contentID(for: $0, domain: "acme.example")) },
                               attachments: attachments).replacingOccurrences(of: "\u{2060}", with: "")
    }

    func testSignsStayWithTheirAmounts() {
        XCTAssertEqual(MailHTML.number("−6.0 pts"), "−\u{2060}6.0 pts")
        XCTAssertEqual(MailHTML.number("+$12.4K"), "+\u{2060}$12.4K")
        XCTAssertEqual(MailHTML.number("CHF 1.23M"), "CHF\u{00A0}1.23M")
        XCTAssertEqual(MailHTML.keepSigns("rose (+299.4 pts) and fell (−$70.0K), A+B"), "rose (+\u{2060}299.4 pts) and fell (−\u{2060}$70.0K), A+B")
        let raw = MailBody.render(MailFixtures.weekly(), images: [], attachments: [])
        XCTAssertTrue(raw.contains(">−\u{2060}5.1%</td>"))
        XCTAssertTrue(raw.contains("(−\u{2060}$70.0K)"))
    }

    /// SPEC 6.7: the events marked on a chart are listed below it by their numbers, escaped.
    func testChartEventsAreListedBelowTheChart() {
        var marked = image
        marked.events = [(1, "2026-11-03 Price <update>"), (2, "2026-10-14 Promo")]
        let html = body(images: [marked])
        XCTAssertTrue(html.contains("<span style=\"font-size:12px;color:#595959;\">Events: <b>1</b>&nbsp;2026-11-03 Price &lt;update&gt; &middot; <b>2</b>&nbsp;2026-10-14 Promo</span>"), html)
        XCTAssertFalse(body().contains("Events: "), "no list without events")
    }

    func testNothingAMailClientWouldBlockOrStrip() {
        let html = body().lowercased()
        for banned in ["<script", "<svg", "data:", "http:", "https:", "<style", "<link", "class=", "javascript:", "@import", "<iframe", "<form"] {
            XCTAssertFalse(html.contains(banned), "the body contains \(banned)")
        }
    }

    func testImagesAreCidWithSizeAndEscapedAlt() throws {
        let html = body()
        let imgs = html.components(separatedBy: "<img ").dropFirst()
        XCTAssertEqual(imgs.count, 1)
        let tag = try XCTUnwrap(imgs.first?.split(separator: ">").first.map(String.init))
        XCTAssertTrue(tag.contains("src=\"cid:chart-1-revenue.\(SHA256.hash(MailFixtures.tinyPNG).prefix(16))@acme.example\""), tag)
        XCTAssertTrue(tag.contains("width=\"600\" height=\"240\""), tag)
        XCTAssertTrue(tag.contains("alt=\"Revenue &quot;trend&quot; &lt;6-12&gt;\""), tag)
        XCTAssertFalse(body(images: []).contains("<img"), "no charts, no image and no Trends heading")
        XCTAssertFalse(body(images: []).contains(">Trends<"))
    }

    func testNothingIsWiderThan640() throws {
        let html = body()
        let widths = try NSRegularExpression(pattern: "(?:width=\"|width:|max-width:)([0-9]+)(px|\")")
            .matches(in: html, range: NSRange(html.startIndex..., in: html))
            .compactMap { Range($0.range(at: 1), in: html).flatMap { Int(html[$0]) } }
        XCTAssertFalse(widths.isEmpty)
        XCTAssertLessThanOrEqual(widths.max() ?? 0, 640)
        XCTAssertTrue(html.contains("width=\"640\""))
        XCTAssertTrue(html.contains("max-width:640px"))
    }

    /// Status as a coloured cell and its word, for every KPI at ALL, in config order.
    func testScorecardHasEveryKPIWithStatusColourAndWord() throws {
        let html = body()
        let scorecard = try XCTUnwrap(html.components(separatedBy: ">Scorecard</h2>").last?.components(separatedBy: "</table>").first)
        // Before the first <tr>: the container row holding the table; then the header row.
        let rows = scorecard.components(separatedBy: "<tr>").dropFirst(3)
        XCTAssertEqual(rows.count, 3)
        let expected: [(String, String, String, String)] = [("Revenue", "$1.21M", "#fef3c7", "amber"), ("Orders", "4,820", "#dcfce7", "green"),
                                                            ("Gross margin", "35.0%", "#fee2e2", "red")]
        for (row, (name, actual, colour, word)) in zip(rows, expected) {
            XCTAssertTrue(row.contains(">\(name)</td>"), row)
            XCTAssertTrue(row.contains(">\(actual)</td>"), row)
            XCTAssertTrue(row.contains("bgcolor=\"\(colour)\" style=\"") && row.contains("background-color:\(colour);"), row)
            XCTAssertTrue(row.contains(">\(word)</td>"), row)
        }
        // Revenue: 93.7% attainment, −5.1% PoP, +10.0% YoY; margin's PoP in points (−6.0 pts).
        XCTAssertTrue(rows.first?.contains(">93.7%</td>") == true)
        XCTAssertTrue(rows.first?.contains(">−5.1%</td>") == true)
        XCTAssertTrue(rows.first?.contains(">+10.0%</td>") == true)
        XCTAssertTrue(rows.last?.contains(">−6.0 pts</td>") == true)
    }

    func testInProgressScorecardShowsTargetToDateAndForecast() throws {
        let html = body(MailFixtures.monthlyInProgress())
        XCTAssertTrue(html.contains(">Forecast<br><span style=\"font-size:11px;font-weight:normal;\">of target</span></th>"))
        XCTAssertFalse(html.contains(">Target</th>"), "targets go under the actual and the forecast")
        // Revenue: actual over its target to date, forecast (2 × $1.21M) over the month's target.
        XCTAssertTrue(html.contains(">$1.21M<br><span style=\"font-size:11px;line-height:15px;color:#6b7280;\">of $1.29M</span></td>"))
        XCTAssertTrue(html.contains(">$2.42M<br><span style=\"font-size:11px;line-height:15px;color:#6b7280;\">of $1.29M</span></td>"))
        XCTAssertTrue(html.contains("In progress: day 12 of 30"))
    }

    func testOneCompactTablePerGroupAndUngroupedLine() {
        let html = body()
        XCTAssertTrue(html.contains(">Groups</h2>"))
        XCTAssertTrue(html.contains("<b>Enterprise</b> <span style=\"color:#6b7280;\">· Cloud Platform, Data &lt;Analytics&gt;</span>"))
        XCTAssertTrue(html.contains("<b>Retail Störe</b>"))
        XCTAssertFalse(html.contains("<b>Cloud Platform</b>"), "grouped lines are in their group's table")
        // Without groups: one table per line, each line named.
        let perLine = body(MailFixtures.monthlyInProgress())
        XCTAssertTrue(perLine.contains(">Product lines</h2>"))
        for name in ["Cloud Platform", "Data &lt;Analytics&gt;", "Retail Störe"] { XCTAssertTrue(perLine.contains("<b>\(name)</b>"), name) }
    }

    func testTheBridgeSentenceFollowsTheScorecard() throws {
        var report = MailFixtures.weekly()
        let i = try XCTUnwrap(report.kpis.firstIndex { $0.id == "revenue" })
        report.kpis[i].bridgeQuantity = "units"
        let j = try XCTUnwrap(report.results.firstIndex { $0.kpi == "revenue" && $0.level == .total })
        report.results[j].yoyChange = MailFixtures.money(120_000)
        report.results[j].bridge = Bridge(prior: nil, yoy: BridgeParts(volume: 150_000, mix: 10_000, price: -40_000, new: 0, lost: 0, other: 0),
                                          target: nil)
        let html = body(report)
        let sentence = try XCTUnwrap(html.range(of: "Revenue +$120K vs last year: volume +$150K, price −$40.0K, mix +$10.0K."))
        let scorecard = try XCTUnwrap(html.range(of: ">Scorecard<")), highlights = try XCTUnwrap(html.range(of: ">Highlights<"))
        XCTAssertLessThan(scorecard.lowerBound, sentence.lowerBound)
        XCTAssertLessThan(sentence.lowerBound, highlights.lowerBound)
    }

    func testABadMoverIsALowlight() throws {
        var report = MailFixtures.weekly()
        report.highlights = [Highlight(kind: .mover, kpi: "revenue", level: .total, key: "ALL",
                                       text: "Revenue fell 5.1% to $1.21M, from $1.28M the prior week.", tone: .bad)]
        let html = body(report)
        let low = try XCTUnwrap(html.range(of: ">Lowlights<")), item = try XCTUnwrap(html.range(of: "Revenue fell 5.1%"))
        XCTAssertGreaterThan(item.lowerBound, low.lowerBound)
        XCTAssertTrue(html.contains("No KPI beat its target or moved notably the right way."))
    }

    func testHighlightsLowlightsDataQualityAndAttachmentLine() {
        let html = body()
        XCTAssertTrue(html.contains("<li style=\"margin:0 0 4px 0;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1f2937;\">Orders beat target by 7.1% at 4,820.</li>"))
        XCTAssertTrue(html.contains("Revenue for Cloud Platform missed target by 12.1% (−$70.0K).</li>"))
        let dq = html.components(separatedBy: ">Data quality</h2>").last ?? ""
        XCTAssertTrue(dq.contains("orders (5,200 rows, last 2026-11-15), revenue (812 rows, last 2026-11-10, <b style=\"color:#92400e;\">stale</b>)"), dq)
        XCTAssertTrue(dq.contains("<b>Rows rejected:</b> 2 in orders, each listed with its reason in the run's rejects folder."))
        XCTAssertTrue(dq.contains("<b>Warning:</b> targets.csv: line &#39;retail&#39; has no target for orders in 2026-11."))
        XCTAssertTrue(html.contains("Attached: <b>r.xlsx</b> (workbook, 3 KB)."))
        XCTAssertTrue(body(attachments: []).contains("Nothing is attached"))
        XCTAssertTrue(html.contains("Acme &amp; Söhne · Weekly review · <b>2026-W46</b> · 2026-11-09 – 2026-11-15"))
    }

    /// 12 KPIs × 400 lines would be ≈ 1.5 MB of tables: the body stops under 100 KB and says so.
    func testBodyStaysUnder100KB() {
        var r = MailFixtures.weekly()
        r.groups = []
        r.kpis = (1...12).map { KPIInfo(id: "k\($0)", name: "KPI number \($0)", unit: .currency, better: .higher, definition: "x") }
        r.productLines = (1...400).map { ProductLineInfo(id: "line\($0)", name: "Product line \($0)", group: nil) }
        r.results = r.kpis.flatMap { k in
            [MailFixtures.result(k, .total, "ALL", actual: MailFixtures.money(1000), target: MailFixtures.money(900), status: .green,
                                 prior: MailFixtures.money(950), priorPct: 0.05)]
                + r.productLines.map { l in
                    MailFixtures.result(k, .line, l.id, actual: MailFixtures.money(10), target: MailFixtures.money(11), status: .amber,
                                        prior: MailFixtures.money(9), priorPct: 0.11)
                }
        }
        let html = body(r)
        XCTAssertLessThan(html.utf8.count, 100_000)
        XCTAssertGreaterThan(html.utf8.count, 80_000, "it fills the budget rather than dropping every table")
        XCTAssertTrue(html.contains("more product lines are in the attached reports"))
        XCTAssertTrue(html.contains("<b>Product line 1</b>"))
        XCTAssertFalse(html.contains("<b>Product line 400</b>"))
        // The scorecard is whole: all 12 KPIs.
        XCTAssertTrue(html.contains(">KPI number 12</td>"))
        // The small fixture is far below the limit.
        XCTAssertLessThan(body().utf8.count, 30_000)
    }

    // MARK: Subject and alerts

    func testSubjectValuesCoverEveryConfigVariable() {
        let values = ReviewFacts.subjectValues(MailFixtures.weekly())
        XCTAssertEqual(Set(values.keys), Set(EmailConfig.subjectVariables))
        XCTAssertEqual(values["red"], "1")
        XCTAssertEqual(values["amber"], "1")
        XCTAssertEqual(values["green"], "1")
        XCTAssertEqual(values["Cadence"], "Weekly")
        XCTAssertEqual(values["company"], "Acme & Söhne")
        let subject = try? BraceTemplate.parse(EmailConfig.defaultSubject).get()
        XCTAssertEqual(subject?.render(values), "Acme weekly business review · weekly 2026-W46: 1 red, 1 amber")
    }

    func testAlertReasons() {
        XCTAssertEqual(ReviewFacts.alertReasons(MailFixtures.weekly()), ["2 red statuses", "2 rejected rows", "stale: revenue"])
        var calm = MailFixtures.weekly()
        calm.results = calm.results.map { var r = $0; if r.status == .red { r.status = .amber }; return r }
        calm.dataQuality = DataQuality(sources: [], warnings: [])
        XCTAssertEqual(ReviewFacts.alertReasons(calm), [])
    }
}
