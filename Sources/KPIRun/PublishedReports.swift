import Dispatch
import Foundation
import KPICalendar
import KPIModel
import KPIReport

/// Reads the reports OUT holds for the periods a run's reports show (SPEC 6.6), before anything is
/// published: every comparison is with OUT as it was when the run started.
enum PublishedReports {
    /// The cadence folder holding a grain's reports.
    static func folder(_ grain: Grain) -> String? { Cadence.allCases.first { $0.grain == grain }?.rawValue }

    /// Each period's report in `out`, read on every core; a folder without a report JSON publishes
    /// nothing to compare, a JSON that cannot be read is a warning naming it.
    static func read(out: String, periods: [PublishedPeriod]) -> PublishedBook {
        let box = Slots(count: periods.count)
        DispatchQueue.concurrentPerform(iterations: periods.count) { i in box.set(i, readOne(out: out, periods[i])) }
        var book = PublishedBook()
        for (i, p) in periods.enumerated() {
            switch box.slots[i] {
            case .report(let r)?: book.reports[p] = r
            case .unreadable(let w)?: book.unreadable[p] = w
            case nil: break
            }
        }
        return book
    }

    enum Outcome: Sendable {
        case report(PublishedReport)
        case unreadable(String)
    }

    static func readOne(out: String, _ p: PublishedPeriod) -> Outcome? {
        guard let cadence = folder(p.grain) else { return nil }
        let dir = "\(cadence)/\(p.id)"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: out + "/" + dir),
              let name = names.sorted().first(where: { $0.hasSuffix(".json") && $0 != "manifest.json" && !$0.hasPrefix(".") })
        else { return nil }
        let path = dir + "/" + name
        let unreadable = { (why: String) in
            Outcome.unreadable("restatements: cannot read the published report \(path) (\(why)); its values are not compared")
        }
        guard let data = FileManager.default.contents(atPath: out + "/" + path) else { return unreadable("unreadable file") }
        do {
            let (complete, actuals) = try PublishedJSON.scan([UInt8](data))
            return .report(PublishedReport(path: path, complete: complete, actuals: actuals))
        } catch {
            return unreadable(error.description)
        }
    }

    final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var slots: [Outcome?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ o: Outcome?) { lock.lock(); slots[i] = o; lock.unlock() }
    }
}

struct PublishedJSONError: Error, CustomStringConvertible {
    var description: String
}

/// Just enough of a JSON reader for a published report: `period.complete` and each result's `kpi`,
/// `level`, `key` and `actual`, the number's text kept as written; everything else is skipped.
struct PublishedJSON {
    let bytes: [UInt8]
    var i = 0

    static func scan(_ bytes: [UInt8]) throws(PublishedJSONError) -> (Bool, [ResultKey: PublishedActual]) {
        var s = PublishedJSON(bytes: bytes)
        var complete: Bool?
        var actuals: [ResultKey: PublishedActual] = [:]
        var sawResults = false
        try s.object { s, key throws(PublishedJSONError) in
            switch key {
            case "period":
                try s.object { s, k throws(PublishedJSONError) in
                    if k == "complete" { complete = try s.bool() } else { try s.skip() }
                }
            case "results":
                sawResults = true
                try s.array { s throws(PublishedJSONError) in
                    var kpi: String?, level: Level?, rowKey: String?, actual: PublishedActual?
                    try s.object { s, k throws(PublishedJSONError) in
                        switch k {
                        case "kpi": kpi = try s.string()
                        case "level": level = Level(rawValue: try s.string())
                        case "key": rowKey = try s.string()
                        case "actual": actual = try s.number()
                        default: try s.skip()
                        }
                    }
                    guard let kpi, let level, let rowKey, let actual else { throw s.error("a result without kpi, level, key or actual") }
                    actuals[ResultKey(kpi: kpi, level: level, key: rowKey)] = actual
                }
            default: try s.skip()
            }
        }
        s.space()
        guard s.i == bytes.count else { throw s.error("text after the JSON value") }
        guard let complete else { throw PublishedJSONError(description: "no period.complete") }
        guard sawResults else { throw PublishedJSONError(description: "no results") }
        return (complete, actuals)
    }

    func error(_ what: String) -> PublishedJSONError { PublishedJSONError(description: "\(what) at byte \(i)") }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    mutating func space() {
        while i < bytes.count, PublishedJSON.isSpace(bytes[i]) { i += 1 }
    }

    mutating func expect(_ c: UInt8) throws(PublishedJSONError) {
        space()
        guard i < bytes.count, bytes[i] == c else { throw error("expected '\(Character(Unicode.Scalar(c)))'") }
        i += 1
    }

    mutating func peek() -> UInt8? { space(); return i < bytes.count ? bytes[i] : nil }

    mutating func object(_ field: (inout PublishedJSON, String) throws(PublishedJSONError) -> Void) throws(PublishedJSONError) {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") { i += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try field(&self, key)
            if peek() == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    mutating func array(_ item: (inout PublishedJSON) throws(PublishedJSONError) -> Void) throws(PublishedJSONError) {
        try expect(UInt8(ascii: "["))
        if peek() == UInt8(ascii: "]") { i += 1; return }
        while true {
            try item(&self)
            if peek() == UInt8(ascii: ",") { i += 1; continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    mutating func string() throws(PublishedJSONError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        var plain = true
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") { plain = false; i += 1 }
            i += 1
        }
        guard i < bytes.count else { throw error("unterminated string") }
        let raw = bytes[start..<i]
        i += 1
        if plain { return String(decoding: raw, as: UTF8.self) }
        // Escapes are rare in ids and keys: let Foundation decode the quoted text.
        let quoted = [UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")]
        guard let s = (try? JSONSerialization.jsonObject(with: Data(quoted), options: [.fragmentsAllowed])) as? String else {
            throw error("a bad string escape")
        }
        return s
    }

    mutating func bool() throws(PublishedJSONError) -> Bool {
        if literal("true") { return true }
        if literal("false") { return false }
        throw error("expected true or false")
    }

    mutating func literal(_ word: String) -> Bool {
        space()
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
        i += w.count
        return true
    }

    /// A number's text, or null.
    mutating func number() throws(PublishedJSONError) -> PublishedActual {
        if literal("null") { return .null }
        space()
        let start = i
        while i < bytes.count, let c = Optional(bytes[i]),
              (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { i += 1 }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard !text.isEmpty, Double(text) != nil else { throw error("expected a number or null") }
        return .number(text)
    }

    /// Skips one value without building it: brackets counted outside strings, a string to its
    /// closing quote, a scalar to the next delimiter. A report's history arrays are most of its
    /// bytes, so this loop is most of the read; the skipped text is not validated.
    mutating func skip() throws(PublishedJSONError) {
        space()
        let start = i
        let end: Int? = bytes.withUnsafeBufferPointer { buf -> Int? in
            let n = buf.count
            guard start < n else { return nil }
            var j = start
            // Invariant: every read below is at an index < n, checked by the loop conditions.
            func stringEnd(_ open: Int) -> Int? {
                var k = open + 1
                while k < n {
                    if buf[k] == 0x22 { return k + 1 }
                    k += buf[k] == 0x5C ? 2 : 1
                }
                return nil
            }
            switch buf[j] {
            case 0x7B, 0x5B:
                var depth = 0
                while j < n {
                    switch buf[j] {
                    case 0x22:
                        guard let e = stringEnd(j) else { return nil }
                        j = e
                        continue
                    case 0x7B, 0x5B: depth += 1
                    case 0x7D, 0x5D:
                        depth -= 1
                        if depth == 0 { return j + 1 }
                    default: break
                    }
                    j += 1
                }
                return nil
            case 0x22:
                return stringEnd(j)
            default:
                while j < n, buf[j] != 0x2C, buf[j] != 0x7D, buf[j] != 0x5D, !PublishedJSON.isSpace(buf[j]) { j += 1 }
                return j > start ? j : nil
            }
        }
        guard let end else { throw error("unexpected end") }
        i = end
    }
}
