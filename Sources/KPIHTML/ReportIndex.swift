import Foundation
import KPIModel
import KPIReport

/// One report folder as `OUT/index.html` lists it.
public struct IndexEntry: Sendable, Hashable {
    /// `weekly`, `monthly`, `quarterly`: the folder's parent.
    public var cadence: String
    /// The folder's name: the period id.
    public var period: String
    public var start: String?
    public var end: String?
    public var complete: Bool?
    /// ALL-level status counts, nil when the folder's JSON could not be read.
    public var counts: [Status: Int]?
    /// The HTML report's file name inside the folder, nil when it has none (the link goes to the folder).
    public var htmlFile: String?

    public init(cadence: String, period: String, start: String?, end: String?, complete: Bool?, counts: [Status: Int]?, htmlFile: String?) {
        self.cadence = cadence; self.period = period; self.start = start; self.end = end; self.complete = complete
        self.counts = counts; self.htmlFile = htmlFile
    }

    /// The entry of a report this run writes (no need to read it back).
    public init(report: ReviewReport, htmlFile: String?) {
        var counts: [Status: Int] = [:]
        for r in report.results where r.level == .total { counts[r.status, default: 0] += 1 }
        self.init(cadence: report.cadence.rawValue, period: report.period.id, start: report.period.start.description,
                  end: report.period.end.description, complete: report.period.complete, counts: counts, htmlFile: htmlFile)
    }
}

/// `OUT/index.html` (SPEC 10): every report folder in OUT by cadence, newest first, with its period,
/// dates and status counts, linking to its HTML report by a relative path. Folders this run wrote
/// come from memory; the others are read from their JSON (SPEC 7.3), so the index is the same
/// whichever runs wrote the folders.
public enum ReportIndex {
    public static let cadences = ["weekly", "monthly", "quarterly"]

    /// Scans OUT, renders the page and puts it in place atomically (a temporary file beside it,
    /// flushed to disk, then renamed over `index.html`).
    /// The index page as it will be once this run's folders (`known`) are published.
    public static func page(out: String, known: [IndexEntry], title: String) -> String {
        render(scan(out: out, known: known), title: title)
    }

    public static func write(out: String, known: [IndexEntry], title: String) throws {
        let page = page(out: out, known: known, title: title)
        let path = out + "/index.html", tmp = out + "/.tmp-index.html-\(getpid())"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(page.utf8)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tmp])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: tmp))
        try handle.synchronize()
        try handle.close()
        guard rename(tmp, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: tmp)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    /// Every report folder under OUT's cadence folders (names starting with `.` are temporary or
    /// history), newest first within each cadence.
    public static func scan(out: String, known: [IndexEntry]) -> [IndexEntry] {
        var byFolder: [String: IndexEntry] = [:]
        for e in known { byFolder[e.cadence + "/" + e.period] = e }
        var entries: [IndexEntry] = []
        let fm = FileManager.default
        for cadence in cadences {
            let dir = out + "/" + cadence
            guard let names = try? fm.contentsOfDirectory(atPath: dir) else { continue }
            for name in names where !name.hasPrefix(".") {
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDir), isDir.boolValue else { continue }
                entries.append(byFolder.removeValue(forKey: cadence + "/" + name) ?? read(folder: dir + "/" + name, cadence: cadence, period: name))
            }
        }
        // This run's folders that are still only staged (published right after the page is made).
        entries += byFolder.values
        return entries.sorted { a, b in
            let ca = cadences.firstIndex(of: a.cadence) ?? 9, cb = cadences.firstIndex(of: b.cadence) ?? 9
            if ca != cb { return ca < cb }
            if a.start != b.start { return (a.start ?? "") > (b.start ?? "") }
            return a.period > b.period
        }
    }

    /// A folder another run wrote: its report JSON's period and ALL statuses, its HTML file's name.
    static func read(folder: String, cadence: String, period: String) -> IndexEntry {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        let html = files.first { $0.hasSuffix(".html") }
        var entry = IndexEntry(cadence: cadence, period: period, start: nil, end: nil, complete: nil, counts: nil, htmlFile: html)
        guard let json = files.first(where: { $0.hasSuffix(".json") && $0 != "manifest.json" }),
              let data = FileManager.default.contents(atPath: folder + "/" + json),
              let doc = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return entry }
        if let p = doc["period"] as? [String: Any] {
            entry.start = p["start"] as? String
            entry.end = p["end"] as? String
            entry.complete = p["complete"] as? Bool
        }
        if let results = doc["results"] as? [[String: Any]] {
            var counts: [Status: Int] = [:]
            for r in results where r["level"] as? String == "total" {
                if let s = (r["status"] as? String).flatMap(Status.init(rawValue:)) { counts[s, default: 0] += 1 }
            }
            entry.counts = counts
        }
        return entry
    }

    public static func render(_ entries: [IndexEntry], title: String) -> String {
        var s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        s += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLWriter.contentSecurityPolicy)\">\n"
        s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        s += "<title>\(HTML.text(title)) · reports</title>\n<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        s += "<header>\n<h1>\(HTML.name(title))</h1>\n"
        s += HTML.paragraph("\(entries.count) report\(entries.count == 1 ? "" : "s") in this folder, newest first.", class: "period")
        s += "</header>\n<main>\n"
        for cadence in cadences {
            let own = entries.filter { $0.cadence == cadence }
            guard !own.isEmpty else { continue }
            var table = HTMLTable([.init("Period", .text), .init("Dates", .text), .init("State", .text), .init("Status", .text)], class: "index")
            for e in own { table.add(row(e)) }
            s += "<section id=\"\(cadence)\">\n<h2>\(cadence.prefix(1).uppercased() + cadence.dropFirst())</h2>\n" + table.render() + "</section>\n"
        }
        if entries.isEmpty { s += HTML.paragraph("No reports yet.") }
        return s + "</main>\n</body>\n</html>\n"
    }

    static func row(_ e: IndexEntry) -> [String] {
        let href = pathSegment(e.cadence) + "/" + pathSegment(e.period) + "/" + (e.htmlFile.map(pathSegment) ?? "")
        let link = "<a href=\"\(HTML.text(href))\">\(HTML.text(e.period))</a>"
        let dates = e.start.flatMap { s in e.end.map { "\(HTML.text(s)) – \(HTML.text($0))" } } ?? NumberText.missing
        let state = e.complete.map { $0 ? "complete" : "in progress" } ?? NumberText.missing
        let counts = e.counts.map { c in
            [Status.green, .amber, .red].map { st in
                "<span class=\"status s-\((c[st] ?? 0) == 0 ? "zero" : st.rawValue)\"><span class=\"chip\" aria-hidden=\"true\"></span>\(c[st] ?? 0) \(st.word)</span>"
            }.joined(separator: " ")
        } ?? NumberText.missing
        return [link, dates, state, counts]
    }

    /// Percent-encodes all but RFC 3986's unreserved characters, so any prefix or id is a valid relative URL.
    static func pathSegment(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF")
                out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}
