import Foundation
import XCTest
import KPITestSupport
@testable import KPIWorkbook
import KPIReport

/// Reads parts of a written .xlsx with `/usr/bin/unzip`, and the cells of a sheet from its XML.
struct XLSXFile {
    let path: String

    /// Writes `report` into a fresh temporary folder.
    static func write(_ report: ReviewReport, name: String = "review.xlsx", options: WorkbookOptions = .init()) throws -> XLSXFile {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpiwb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try WorkbookWriter.write(report, to: path, options: options)
        return XLSXFile(path: path)
    }

    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, out: Data, err: String) {
        let r = try Processes.run(tool, args)
        return (r.status, r.stdout, r.stderrText)
    }

    func part(_ member: String) throws -> String {
        let r = try XLSXFile.run("/usr/bin/unzip", ["-p", path, member])
        guard r.status == 0 else { throw XCTSkip("unzip failed for \(member): \(r.err)") }
        return String(decoding: r.out, as: UTF8.self)
    }

    func members() throws -> [String] {
        let r = try XLSXFile.run("/usr/bin/unzip", ["-Z1", path])
        return String(decoding: r.out, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func sharedStrings() throws -> [String] {
        let xml = try part("xl/sharedStrings.xml")
        return matches(#"<si><t(?: [^>]*)?>(.*?)</t></si>"#, in: xml).map { unescape($0[1]) }
    }

    /// The solid fill colour (`FFRRGGBB`) and number format code of cell style `index` in styles.xml.
    func style(_ index: Int) throws -> (fill: String?, numFormat: String?) {
        let xml = try part("xl/styles.xml")
        let cellXfs = matches(#"<cellXfs[^>]*>(.*?)</cellXfs>"#, in: xml).first?[1] ?? ""
        let xfs = matches(#"<xf ([^>]*?)/?>"#, in: cellXfs).map { $0[1] }
        guard index < xfs.count else { return (nil, nil) }
        let fillID = matches(#"fillId="([0-9]+)""#, in: xfs[index]).first.flatMap { Int($0[1]) } ?? 0
        let numFmtID = matches(#"numFmtId="([0-9]+)""#, in: xfs[index]).first?[1] ?? "0"
        let fillsXML = matches(#"<fills[^>]*>(.*?)</fills>"#, in: xml).first?[1] ?? ""
        let fills = matches(#"<fill>(.*?)</fill>"#, in: fillsXML).map { $0[1] }
        let fill = fillID < fills.count ? matches(#"<fgColor rgb="([0-9A-F]+)"/>"#, in: fills[fillID]).first?[1] : nil
        let numFmt = matches(#"<numFmt numFmtId="\#(numFmtID)" formatCode="([^"]*)"/>"#, in: xml).first.map { unescape($0[1]) }
        return (fill, numFmt)
    }

    /// The cells of `xl/worksheets/sheetN.xml`, by reference.
    func sheet(_ n: Int) throws -> Sheet {
        let xml = try part("xl/worksheets/sheet\(n).xml")
        let strings = try sharedStrings()
        var cells: [String: Cell] = [:]
        for m in matches(#"<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)"#, in: xml) {
            let attrs = m[2]
            let type = matches(#"t="([a-z]+)""#, in: attrs).first?[1]
            let style = matches(#"s="([0-9]+)""#, in: attrs).first.flatMap { Int($0[1]) }
            let v = matches(#"<v>(.*?)</v>"#, in: m[3]).first?[1]
            var cell = Cell(ref: m[1], type: type, style: style, raw: v, text: nil)
            if type == "s", let v, let i = Int(v), i < strings.count { cell.text = strings[i] }
            cells[m[1]] = cell
        }
        return Sheet(xml: xml, cells: cells)
    }

    struct Cell {
        var ref: String
        var type: String?
        var style: Int?
        var raw: String?
        var text: String?
        var number: Double? { type == nil || type == "n" ? raw.flatMap(Double.init) : nil }
    }

    struct Sheet {
        var xml: String
        var cells: [String: Cell]
        subscript(_ ref: String) -> Cell? { cells[ref] }

        /// The 1-based row whose column A and B hold these texts.
        func row(_ a: String, _ b: String) -> Int? {
            for (ref, cell) in cells where ref.hasPrefix("A") && cell.text == a {
                let row = String(ref.dropFirst())
                if cells["B" + row]?.text == b { return Int(row) }
            }
            return nil
        }

        /// The column letter whose cell in `row` holds `text`.
        func column(inRow row: Int, text: String) -> String? {
            cells.values.first { $0.text == text && $0.ref.drop(while: { $0.isLetter }) == Substring(String(row)) }
                .map { String($0.ref.prefix(while: { $0.isLetter })) }
        }
    }
}

func matches(_ pattern: String, in text: String) -> [[String]] {
    guard let re = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
    let ns = text as NSString
    return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
        (0..<m.numberOfRanges).map { i in
            let r = m.range(at: i)
            return r.location == NSNotFound ? "" : ns.substring(with: r)
        }
    }
}

func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
}
