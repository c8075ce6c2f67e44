import Foundation
import XCTest

/// Workbook goldens compared the way libxlsxwriter's own functional tests compare with their
/// reference files: unzip both, check they hold the same members, then compare the chosen parts
/// as lists of XML elements (split at tag boundaries), after dropping the elements an explicit
/// ignore list names. A failure names each differing part, its first differing element and an
/// element diff, so "status fill of G16 changed" reads as one `- <c r="G16" s="9"…>` line.
public struct XLSXComparison: Sendable {
    /// The parts compared, in this order (`xl/styles.xml`, `xl/worksheets/sheet1.xml`, …).
    public var parts: [String]
    /// Per part, regular expressions of elements dropped on both sides before comparing.
    public var ignoredElements: [String: [String]]

    public init(parts: [String], ignoring extra: [String: [String]] = [:]) {
        self.parts = parts
        ignoredElements = XLSXComparison.libraryDecides.merging(extra) { $0 + $1 }
    }

    /// Elements libxlsxwriter writes on its own, the same for every workbook it makes (window
    /// geometry, the Excel version it claims, the calculation id): not ours to test.
    public static let libraryDecides: [String: [String]] = [
        "xl/workbook.xml": [#"^<fileVersion "#, #"^<workbookView "#, #"^<calcPr "#],
        "docProps/app.xml": [#"^<AppVersion>"#, #"^<Application>"#],
    ]

    /// For a golden of sheet setup only (panes, filter, print): the cells of a sheet ignored.
    public static let cellData = [#"^<sheetData"#, #"^</sheetData>"#, #"^<row "#, #"^</row>"#, #"^<c "#, #"^</c>"#,
                                  #"^<v>"#, #"^<f>"#, #"^<is>"#, #"^</is>"#, #"^<t[ >]"#, #"^<dimension "#]
}

public enum XLSXGolden {
    /// The readable difference of two workbooks under `comparison`, nil when they agree.
    public static func difference(expected: ZipArchive, actual: ZipArchive, _ comparison: XLSXComparison) -> String? {
        var problems: [String] = []
        if expected.members != actual.members {
            let onlyGolden = expected.members.filter { !actual.members.contains($0) }
            let onlyActual = actual.members.filter { !expected.members.contains($0) }
            problems.append("the workbooks hold different parts: only in the golden \(onlyGolden), only in the output \(onlyActual)")
        }
        for part in comparison.parts {
            let patterns = (comparison.ignoredElements[part] ?? []).compactMap { try? NSRegularExpression(pattern: $0) }
            guard let e = elements(of: part, in: expected, dropping: patterns),
                  let a = elements(of: part, in: actual, dropping: patterns) else {
                problems.append("\(part): missing from the \(expected.data(part) == nil ? "golden" : "output")")
                continue
            }
            guard let index = LineDiff.firstDifference(e, a) else { continue }
            let diff = LineDiff.unified(expected: e, actual: a, expectedName: "golden " + part,
                                        actualName: "actual " + part, context: 3, limit: 40) ?? ""
            problems.append("\(part): first difference at element \(index + 1):\n"
                            + "  golden: \(index < e.count ? e[index] : "(end of part)")\n"
                            + "  actual: \(index < a.count ? a[index] : "(end of part)")\n" + diff)
        }
        return problems.isEmpty ? nil : problems.joined(separator: "\n\n")
    }

    /// Why two workbook files are not the same bytes: every part that differs (no ignore list),
    /// or a note that only the zip container differs. Nil when the bytes are equal.
    public static func describeDifference(expected: Data, actual: Data) throws -> String? {
        guard expected != actual else { return nil }
        let e = try ZipArchive(data: expected), a = try ZipArchive(data: actual)
        var comparison = XLSXComparison(parts: Array(Set(e.members).union(a.members)).sorted())
        comparison.ignoredElements = [:]
        return difference(expected: e, actual: a, comparison)
            ?? "the zip bytes differ, though every part holds the same XML (compression or timestamps)"
    }

    /// A part as its XML elements, with shared-string indices of worksheet cells replaced by the
    /// strings themselves (a sheet's golden then does not change when another sheet adds a
    /// string) and the ignored elements dropped. Nil when the archive has no such part.
    static func elements(of part: String, in archive: ZipArchive, dropping patterns: [NSRegularExpression]) -> [String]? {
        guard let xml = archive.text(part) else { return nil }
        var list = xmlElements(xml)
        if part.hasPrefix("xl/worksheets/sheet"), let shared = archive.text("xl/sharedStrings.xml") {
            list = inliningSharedStrings(list, strings: sharedStrings(shared))
        }
        return list.filter { element in
            !patterns.contains { $0.firstMatch(in: element, range: NSRange(element.startIndex..., in: element)) != nil }
        }
    }

    /// Splits XML at tag boundaries (`>` then optional white space then `<`), so each element
    /// — with the text it directly holds, `<v>12</v>` — is one item, as libxlsxwriter's tests do.
    public static func xmlElements(_ xml: String) -> [String] {
        var out: [String] = []
        var current = ""
        var pendingSpace = ""
        var afterClose = false
        for ch in xml.replacingOccurrences(of: "\r", with: "") {
            if afterClose {
                if ch.isWhitespace { pendingSpace.append(ch); continue }
                if ch == "<" {
                    out.append(current); current = ""; pendingSpace = ""; afterClose = false
                } else {
                    current += pendingSpace; pendingSpace = ""; afterClose = false
                }
            }
            current.append(ch)
            if ch == ">" { afterClose = true }
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { out.append(last) }
        return out
    }

    /// The texts of `xl/sharedStrings.xml` in index order (rich-text runs joined), still escaped.
    static func sharedStrings(_ xml: String) -> [String] {
        guard let si = try? NSRegularExpression(pattern: #"<si>(.*?)</si>"#, options: [.dotMatchesLineSeparators]),
              let t = try? NSRegularExpression(pattern: #"<t(?: [^>]*)?>(.*?)</t>"#, options: [.dotMatchesLineSeparators]) else { return [] }
        let ns = xml as NSString
        return si.matches(in: xml, range: NSRange(location: 0, length: ns.length)).map { m in
            let body = ns.substring(with: m.range(at: 1))
            let b = body as NSString
            return t.matches(in: body, range: NSRange(location: 0, length: b.length)).map { b.substring(with: $0.range(at: 1)) }.joined()
        }
    }

    /// `<c r="A1" t="s">`, `<v>3</v>` becomes `<c r="A1" t="s">`, `<v>shared "Revenue"</v>`.
    static func inliningSharedStrings(_ list: [String], strings: [String]) -> [String] {
        var out = list
        for k in out.indices.dropFirst() where out[k].hasPrefix("<v>") && out[k - 1].hasPrefix("<c ") && out[k - 1].contains(#" t="s""#) {
            let digits = out[k].dropFirst(3).prefix { $0.isNumber }
            if let i = Int(digits), i < strings.count { out[k] = "<v>shared \"\(strings[i])\"</v>" }
        }
        return out
    }
}

/// Asserts that the workbook at `path` matches the golden workbook at `golden` on the parts of
/// `comparison`; in update mode (docs/testing.md) copies it over the golden and fails. On a
/// mismatch the new workbook is kept in the temporary folder, and the message says where.
public func assertXLSXGolden(_ path: String, matches golden: URL, _ comparison: XLSXComparison,
                             file: StaticString = #filePath, line: UInt = #line) {
    do {
        let actual = try Data(contentsOf: URL(fileURLWithPath: path))
        let hint = "Look at it before committing: scripts/look-at-xlsx.sh \(TestPaths.relative(golden)) (openpyxl, then LibreOffice to PNG)"
        let outcome = try Golden.check(actual, golden: golden, recordHint: hint) { expected, _ in
            XLSXGolden.difference(expected: try ZipArchive(data: expected), actual: try ZipArchive(path: path), comparison)
        }
        guard var message = outcome.message else { return }
        if case .mismatch = outcome {
            let kept = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-golden-actual")
            try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
            let copy = kept.appendingPathComponent(golden.lastPathComponent)
            try? FileManager.default.removeItem(at: copy)
            if (try? actual.write(to: copy)) != nil { message += "\n(the new workbook: \(copy.path))" }
        }
        XCTFail(message, file: file, line: line)
    } catch let skip as XCTSkip {
        XCTFail("workbook golden \(TestPaths.relative(golden)) cannot be compared: \(skip)", file: file, line: line)
    } catch {
        XCTFail("workbook golden \(TestPaths.relative(golden)): \(error)", file: file, line: line)
    }
}
