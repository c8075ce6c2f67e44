import KPIFields
import XCTest
@testable import KPIMail

/// Quoted-printable, encoded-words and folding against values worked out by hand from RFC 2045 6.7,
/// RFC 2047 4.2/5 and RFC 5322 2.2.3 (UTF-8 bytes: é = C3 A9, € = E2 82 AC, ë = C3 AB, ü = C3 BC).
final class MIMEEncodingTests: XCTestCase {
    func qp(_ s: String) -> String { String(decoding: QuotedPrintable.encode(s), as: UTF8.self) }

    func testQuotedPrintableEscapesNonASCIIAndEquals() {
        XCTAssertEqual(qp("Café = 5€\n"), "Caf=C3=A9 =3D 5=E2=82=AC\r\n")
    }

    func testQuotedPrintableEncodesOnlyTheLastTrailingSpace() {
        XCTAssertEqual(qp("trailing  \nend\t\n"), "trailing =20\r\nend=09\r\n")
    }

    func testQuotedPrintableProtectsDotAndFromAtLineStart() {
        XCTAssertEqual(qp(".hidden\nFrom here\nFromage\n"), "=2Ehidden\r\n=46rom here\r\nFromage\r\n")
    }

    func testQuotedPrintableMakesEveryLineEndCRLF() {
        XCTAssertEqual(qp("a\r\nb\rc\nd"), "a\r\nb\r\nc\r\nd\r\n")
        XCTAssertEqual(qp("a\n\nb\n"), "a\r\n\r\nb\r\n")
    }

    func testQuotedPrintableSoftBreaksAt76() {
        let a = { (n: Int) in String(repeating: "a", count: n) }
        // 76 characters fit on one line; 80 need a soft break after 75 (the 76th is the `=`).
        XCTAssertEqual(qp(a(76)), a(76) + "\r\n")
        XCTAssertEqual(qp(a(80)), a(75) + "=\r\n" + a(5) + "\r\n")
        // An escape is never split: 74 + "=C3" would pass 75, so it moves to the next line whole.
        XCTAssertEqual(qp(a(74) + "é"), a(74) + "=\r\n=C3=A9\r\n")
        // A `.` that a soft break puts at a line's start is escaped too.
        XCTAssertEqual(qp(a(75) + ".b"), a(75) + "=\r\n=2Eb\r\n")
    }

    func testQuotedPrintableLinesNeverExceed76() {
        let text = (0..<200).map { i in String(repeating: i % 3 == 0 ? "é" : "x= ", count: i % 41) }.joined(separator: "\n")
        let lines = qp(text).components(separatedBy: "\r\n")
        XCTAssertEqual(lines.map(\.count).max().map { $0 <= 76 }, true)
    }

    func testEncodedWordsForADisplayName() {
        XCTAssertEqual(EncodedWord.encode("Zoë Müller", phrase: true), ["=?UTF-8?Q?Zo=C3=AB_M=C3=BCller?="])
        // In a phrase only letters, digits and ! * + - / stay as they are (RFC 2047 5(3)).
        XCTAssertEqual(EncodedWord.encode("Lee, Ann ü", phrase: true), ["=?UTF-8?Q?Lee=2C_Ann_=C3=BC?="])
        // In a Subject more ASCII stays readable; `=`, `?` and `_` are still escaped.
        XCTAssertEqual(EncodedWord.encode("a,b=c?_ü", phrase: false), ["=?UTF-8?Q?a,b=3Dc=3F=5F=C3=BC?="])
    }

    func testLongEncodedSubjectSplitsBetweenWholeCharacters() throws {
        let subject = String(repeating: "Umsatz · Größe ✓ ", count: 8)
        let words = EncodedWord.encode(subject, phrase: false)
        XCTAssertGreaterThan(words.count, 3)
        for w in words {
            XCTAssertLessThanOrEqual(w.count, EncodedWord.maxLength)
            // Each word decodes on its own: no UTF-8 sequence is cut in two.
            XCTAssertNotNil(try decodeQ(w), w)
        }
        XCTAssertEqual(try words.map { try XCTUnwrap(decodeQ($0)) }.joined(), subject)
        let folded = Header.fold("Subject", Header.unstructured(subject))
        let lines = folded.components(separatedBy: "\r\n").dropLast()
        XCTAssertTrue(lines.allSatisfy { $0.count <= 76 }, folded)
        XCTAssertTrue(lines.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?Q?") }, folded)
    }

    func testPlainSubjectFoldsAtSpacesAndUnfoldsToTheSameText() {
        let subject = "Acme weekly business review: weekly 2026-W46 with  two spaces, 3 red, 1 amber, and more words to fold"
        let folded = Header.fold("Subject", Header.unstructured(subject))
        XCTAssertTrue(folded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        XCTAssertEqual(folded.replacingOccurrences(of: "\r\n", with: ""), "Subject: " + subject)
        XCTAssertTrue(folded.contains("\r\n"))
        // Text that looks like an encoded-word is encoded so no reader decodes it.
        XCTAssertEqual(Header.unstructured("=?x?Q?y?="), ["=?UTF-8?Q?=3D=3Fx=3FQ=3Fy=3F=3D?="])
    }

    func testAddressesHeader() {
        let boxes = ["KPI Review <kpi@acme.example>", "\"Lee, Ann\" <ann@acme.example>", "Zoë <zoe@acme.example>", "x@acme.example"]
            .map(MailFixtures.mailbox)
        XCTAssertEqual(Header.fold("To", Header.addresses(boxes)),
                       "To: KPI Review <kpi@acme.example>, \"Lee, Ann\" <ann@acme.example>,\r\n =?UTF-8?Q?Zo=C3=AB?= <zoe@acme.example>, x@acme.example\r\n")
    }

    func testParametersAreQuotedOrRFC2231() {
        XCTAssertEqual(Header.parameter("filename", "kpi-review-weekly-2026-W46.xlsx"), "filename=\"kpi-review-weekly-2026-W46.xlsx\"")
        XCTAssertEqual(Header.parameter("filename", "Größe.md"), "filename*=utf-8''Gr%C3%B6%C3%9Fe.md")
        XCTAssertEqual(Header.parameter("name", "a\"b.md"), "name*=utf-8''a%22b.md")
    }

    func testBase64IsFoundationsIn76ColumnCRLFLines() {
        let bytes = [UInt8](0..<120)
        let text = String(decoding: Base64.encode(bytes), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.map(\.count), [76, 76, 8, 0])  // 120 bytes → 160 characters
        XCTAssertEqual(Data(base64Encoded: lines.joined()), Data(bytes))
    }

    func testFoldPutsAnOverlongFirstTokenOnItsOwnLine() {
        let type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;"
        XCTAssertEqual(Header.fold("Content-Type", [type, "name=\"a.xlsx\""]), "Content-Type:\r\n \(type)\r\n name=\"a.xlsx\"\r\n")
    }

    /// RFC 2047 Q decoding of one encoded-word; nil when its bytes are not whole UTF-8.
    func decodeQ(_ word: String) throws -> String? {
        let payload = try XCTUnwrap(word.split(separator: "?", omittingEmptySubsequences: false).dropFirst(3).first)
        var bytes: [UInt8] = []
        var i = payload.utf8.startIndex
        let u = payload.utf8
        while i < u.endIndex {
            let c = u[i]
            if c == UInt8(ascii: "_") { bytes.append(32); i = u.index(after: i); continue }
            if c == UInt8(ascii: "=") {
                let h = String(decoding: u[u.index(after: i)..<u.index(i, offsetBy: 3)], as: UTF8.self)
                bytes.append(try XCTUnwrap(UInt8(h, radix: 16)))
                i = u.index(i, offsetBy: 3)
                continue
            }
            bytes.append(c)
            i = u.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
