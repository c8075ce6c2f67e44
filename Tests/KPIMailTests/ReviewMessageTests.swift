import KPIFields
import KPIModel
import KPIReport
import XCTest
@testable import KPIMail

final class ReviewMessageTests: XCTestCase {
    static let markdown = "# Acme weekly business review\n\nRevenue: $1.21M · 🟡 amber\n.leading dot\n"
    static let attachment = Attachment(filename: "acme-weekly-2026-W46.md", bytes: Array("# Acme\n\nÜbersicht\n".utf8))
    static let image = InlineImage(contentID: "chart-1-revenue", filename: "revenue.png", png: MailFixtures.tinyPNG,
                                   width: 600, height: 240, alt: "Revenue, last 6 weeks and 12 months")

    func message(_ report: ReviewReport = MailFixtures.weekly(), headers: MessageHeaders = MailFixtures.headers,
                 attachments: [Attachment] = [attachment], images: [InlineImage] = [image]) -> [UInt8] {
        ReviewMessage.render(report: report, headers: headers, plainText: Self.markdown, attachments: attachments, images: images)
    }

    // MARK: Golden

    /// The whole message, and its HTML body decoded (easier to review), as golden files.
    func testSmallMessageMatchesGolden() throws {
        assertGolden(message(), "weekly.eml")
        let images = [(Self.image, ReviewMessage.contentID(for: Self.image, domain: "acme.example"))]
        assertGolden(Array(MailBody.render(MailFixtures.weekly(), images: images, attachments: [Self.attachment]).utf8), "weekly-body.html")
    }

    // MARK: Python's email parser

    func testPythonsParserFindsNoDefectAndTheFullStructure() throws {
        let dir = try scratchFolder(self)
        let file = dir.appendingPathComponent("m.eml")
        try Data(message()).write(to: file)
        let m = try XCTUnwrap(try pythonCheck([file]).first)
        XCTAssertEqual(m["defects"] as? [String], [])
        XCTAssertEqual(m["bare_lf"] as? Int, 0)
        XCTAssertEqual(m["bare_cr"] as? Int, 0)
        XCTAssertEqual(m["non_ascii_bytes"] as? Int, 0, "7-bit clean: every non-ASCII byte is encoded")
        XCTAssertLessThanOrEqual(try XCTUnwrap(m["longest_line"] as? Int), 76)
        let tree = try XCTUnwrap(m["tree"] as? [String: Any])
        XCTAssertEqual(tree["type"] as? String, "multipart/mixed")
        let mixed = try XCTUnwrap(tree["parts"] as? [Any])
        let related = try XCTUnwrap(mixed.first as? [String: Any])
        XCTAssertEqual(related["type"] as? String, "multipart/related")
        let relatedParts = try XCTUnwrap(related["parts"] as? [Any])
        let alternative = try XCTUnwrap(relatedParts.first as? [String: Any])
        XCTAssertEqual(alternative["type"] as? String, "multipart/alternative")
        XCTAssertEqual(alternative["parts"] as? [String], ["text/plain", "text/html"])
        XCTAssertEqual(relatedParts.dropFirst().compactMap { $0 as? String }, ["image/png"])
        XCTAssertEqual(mixed.dropFirst().compactMap { $0 as? String }, ["text/markdown"])

        let headers = try XCTUnwrap(m["headers"] as? [String: String])
        XCTAssertEqual(headers["Subject"], "Acme weekly business review · weekly 2026-W46: 2 red, 1 amber")
        XCTAssertNil(headers["Date"], "the file has no Date: sending adds it")
        XCTAssertEqual(headers["Auto-Submitted"], "auto-generated")
        let addresses = try XCTUnwrap(m["addresses"] as? [String: [[String]]])
        XCTAssertEqual(addresses["From"], [["KPI Review", "kpi@acme.example"]])
        XCTAssertEqual(addresses["To"], [["", "pm-team@acme.example"], ["Lee, Ann", "ann@acme.example"]])
        XCTAssertEqual(addresses["Cc"], [["Zoë Müller", "zoe@acme.example"]])
        XCTAssertEqual(addresses["Reply-To"], [["", "pm-lead@acme.example"]])

        let leaves = try XCTUnwrap(m["leaves"] as? [[String: Any]])
        XCTAssertEqual(leaves.map { $0["encoding"] as? String }, ["quoted-printable", "quoted-printable", "base64", "base64"])
        // The text decodes to the Markdown exactly, in MIME's canonical CRLF line ends.
        XCTAssertEqual(leaves[0]["text"] as? String, Self.markdown.replacingOccurrences(of: "\n", with: "\r\n"))
        let html = try XCTUnwrap(leaves[1]["text"] as? String)
        XCTAssertEqual(leaves[1]["html_errors"] as? [String], [], "an HTML5 parser finds no error in the body")
        // The image and the attachment decode to their bytes.
        XCTAssertEqual(leaves[2]["sha256"] as? String, SHA256.hash(MailFixtures.tinyPNG))
        XCTAssertEqual(leaves[2]["disposition"] as? String, "inline")
        let cid = try XCTUnwrap(leaves[2]["content_id"] as? String)
        XCTAssertTrue(cid.hasPrefix("<chart-1-revenue.") && cid.hasSuffix("@acme.example>"), cid)
        XCTAssertTrue(html.contains("src=\"cid:\(cid.dropFirst().dropLast())\""), "the body shows the image by its Content-ID")
        XCTAssertEqual(leaves[3]["sha256"] as? String, SHA256.hash(Self.attachment.bytes))
        XCTAssertEqual(leaves[3]["filename"] as? String, "acme-weekly-2026-W46.md")
        XCTAssertEqual(leaves[3]["disposition"] as? String, "attachment")
    }

    func testWrappersWithNothingToWrapAreLeftOut() throws {
        let dir = try scratchFolder(self)
        let bare = dir.appendingPathComponent("bare.eml"), attached = dir.appendingPathComponent("attached.eml")
        try Data(message(attachments: [], images: [])).write(to: bare)
        try Data(message(images: [])).write(to: attached)
        let checks = try pythonCheck([bare, attached])
        XCTAssertEqual(checks.map { $0["defects"] as? [String] }, [[], []])
        let bareTree = try XCTUnwrap(checks[0]["tree"] as? [String: Any])
        XCTAssertEqual(bareTree["type"] as? String, "multipart/alternative")
        let attachedTree = try XCTUnwrap(checks[1]["tree"] as? [String: Any])
        let first = try XCTUnwrap((attachedTree["parts"] as? [Any])?.first as? [String: Any])
        XCTAssertEqual(attachedTree["type"] as? String, "multipart/mixed")
        XCTAssertEqual(first["type"] as? String, "multipart/alternative")
    }

    func testNonASCIIFilenameAndLongSubjectParse() throws {
        var headers = MailFixtures.headers
        headers.subject = String(repeating: "Größe · Umsatz ✓ ", count: 6) + "end"
        headers.from = MailFixtures.mailbox("\"Ünïcode, Team\" <kpi@acme.example>")
        let dir = try scratchFolder(self)
        let file = dir.appendingPathComponent("u.eml")
        try Data(message(headers: headers, attachments: [Attachment(filename: "Überblick-2026.md", bytes: [65, 10])])).write(to: file)
        let m = try XCTUnwrap(try pythonCheck([file]).first)
        XCTAssertEqual(m["defects"] as? [String], [])
        XCTAssertLessThanOrEqual(try XCTUnwrap(m["longest_line"] as? Int), 76)
        XCTAssertEqual((m["headers"] as? [String: String])?["Subject"], headers.subject)
        XCTAssertEqual((m["addresses"] as? [String: [[String]]])?["From"], [["Ünïcode, Team", "kpi@acme.example"]])
        let leaves = try XCTUnwrap(m["leaves"] as? [[String: Any]])
        XCTAssertEqual(leaves.last?["filename"] as? String, "Überblick-2026.md")
    }

    // MARK: Reproducible

    func testSameReportGivesSameBytesAndContentDerivedIDs() throws {
        let a = message(), b = message()
        XCTAssertTrue(a == b, "two renders differ")
        var other = MailFixtures.weekly()
        other.results[0].actual = MailFixtures.money(1_500_000)
        let c = message(other)
        XCTAssertTrue(a != c, "a different report gives the same message")
        func header(_ m: [UInt8], _ name: String) -> String? {
            String(decoding: m, as: UTF8.self).components(separatedBy: "\r\n").first { $0.hasPrefix(name) }
        }
        let id = try XCTUnwrap(header(a, "Message-ID: "))
        XCTAssertTrue(id.range(of: "^Message-ID: <[0-9a-f]{32}@acme\\.example>$", options: .regularExpression) != nil, id)
        XCTAssertNotEqual(header(a, "Message-ID: "), header(c, "Message-ID: "))
        XCTAssertNotEqual(header(a, " boundary="), header(c, " boundary="), "the boundary hashes the content")
        XCTAssertNil(header(a, "Date:"))
    }

    /// No line of any part starts with a boundary of an enclosing multipart.
    func testBoundariesAppearOnlyAsDelimiters() throws {
        let text = String(decoding: message(), as: UTF8.self)
        let boundaries = text.components(separatedBy: "boundary=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
        XCTAssertEqual(boundaries.count, 3)
        XCTAssertEqual(Set(boundaries).count, 3)
        for b in boundaries {
            let uses = text.components(separatedBy: "\r\n").filter { $0.hasPrefix("--" + b) }
            let parts = uses.filter { $0 == "--" + b }.count
            XCTAssertEqual(uses.filter { $0 == "--" + b + "--" }.count, 1, b)
            XCTAssertEqual(uses.count, parts + 1, "every line starting with --\(b) is a delimiter")
        }
    }
}
