import KPICalendar
import KPIFields
import KPIModel

/// Renders a `ReviewReport` as the JSON of SPEC 7.3: fixed key order, one textual form per number,
/// so the same report always gives the same bytes.
public enum JSONWriter {
    public static func render(_ r: ReviewReport) -> String { String(decoding: renderBytes(r), as: UTF8.self) }

    /// The same JSON as UTF-8 bytes, as written to the file: no String to validate and copy back.
    public static func renderBytes(_ r: ReviewReport) -> [UInt8] {
        let w = JSONBuilder()
        w.object {
            w.field("schema_version") { w.raw(String(ReviewReport.schemaVersion)) }
            w.field("tool") { w.object { w.string("name", r.tool.name); w.string("version", r.tool.version) } }
            w.string("title", r.title)
            w.string("company", r.company)
            w.string("cadence", r.cadence.rawValue)
            w.day("as_of", r.asOf)
            w.field("period") {
                w.object {
                    w.string("id", r.period.id); w.day("start", r.period.start)
                    w.day("end", r.period.end); w.int("days", r.period.days)
                    w.int("elapsed_days", r.period.elapsedDays); w.bool("complete", r.period.complete)
                }
            }
            w.field("windows") {
                w.object {
                    w.window("prior", r.windows.prior); w.window("yoy", r.windows.yoy)
                    w.window("mtd", r.windows.mtd); w.window("mtd_yoy", r.windows.mtdYoy)
                    w.window("qtd", r.windows.qtd); w.window("qtd_yoy", r.windows.qtdYoy)
                    w.window("ytd", r.windows.ytd); w.window("ytd_yoy", r.windows.ytdYoy)
                }
            }
            w.field("product_lines") {
                w.array(r.productLines) { line in
                    w.object { w.string("id", line.id); w.string("name", line.name); w.string("group", line.group) }
                }
            }
            w.field("kpis") {
                w.array(r.kpis) { k in
                    w.object {
                        w.string("id", k.id); w.string("name", k.name); w.string("unit", k.unit.rawValue)
                        w.string("better", k.better.rawValue); w.string("definition", k.definition)
                        w.string("phasing", k.phasing?.rawValue)
                    }
                }
            }
            w.field("results") { w.array(r.results) { w.result($0) } }
            w.field("highlights") {
                w.array(r.highlights) { h in
                    w.object {
                        w.string("kind", h.kind.rawValue); w.string("kpi", h.kpi); w.string("level", h.level.rawValue)
                        w.string("key", h.key); w.string("text", h.text); w.string("tone", h.tone.rawValue)
                    }
                }
            }
            w.field("data_quality") {
                w.object {
                    w.field("sources") {
                        w.array(r.dataQuality.sources) { s in
                            w.object {
                                w.string("name", s.name); w.string("path", s.path); w.string("sha256", s.sha256)
                                w.int("rows_read", s.rowsRead); w.int("rows_accepted", s.rowsAccepted)
                                w.int("rows_rejected", s.rowsRejected); w.int("rows_after_as_of", s.rowsAfterAsOf)
                                w.int("rows_blank", s.rowsBlank)
                                w.string("first_date", s.firstDate?.description); w.string("last_date", s.lastDate?.description)
                                w.bool("stale", s.stale)
                            }
                        }
                    }
                    w.field("warnings") { w.array(r.dataQuality.warnings) { w.raw(JSONText.quote($0)) } }
                }
            }
            w.field("restatements") { w.array(r.restatements) { w.restatement($0) } }
            w.field("annotations") { w.array(r.annotations) { w.annotation($0) } }
            w.field("fx_rates") {
                w.array(r.fxRates) { x in
                    w.object { w.string("currency", x.currency); w.day("first_date", x.firstDate); w.day("last_date", x.lastDate) }
                }
            }
        }
        w.bytes.append(UInt8(ascii: "\n"))
        return w.bytes
    }
}

/// A small pretty-printing JSON builder: two-space indent, keys in call order.
/// Builds UTF-8 bytes (appending to a `String` re-checks its storage per piece) and decodes once at the end.
final class JSONBuilder {
    // Only the builder's own methods touch these, one at a time, on one thread: no dynamic
    // exclusivity check per appended piece (a weekly report appends ≈ 500 k of them).
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var indent = 0
    @exclusivity(unchecked) private var first = [true]

    init() { bytes.reserveCapacity(1 << 16) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    private func byte(_ c: Unicode.Scalar) { bytes.append(UInt8(ascii: c)) }

    private func newline() {
        byte("\n")
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// `s` quoted as `JSONText.quote` does; text with nothing to escape is appended as is, without a copy.
    private func quoted(_ s: String) {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            byte("\""); bytes.append(contentsOf: s.utf8); byte("\"")
        } else {
            raw(JSONText.quote(s))
        }
    }

    /// `Fixed.description`'s text, written as digits straight into the buffer when the value fits in Int64.
    private func fixed(_ f: Fixed) {
        guard f.raw > -0x7FFF_FFFF_FFFF_FFFF && f.raw <= 0x7FFF_FFFF_FFFF_FFFF else { return raw(f.description) }
        let v = Int64(truncatingIfNeeded: f.raw)
        if v < 0 { byte("-") }
        let mag = UInt64(v.magnitude)
        digits(mag / 1_000_000)
        var frac = mag % 1_000_000
        guard frac != 0 else { return }
        var count = 6
        while frac % 10 == 0 { frac /= 10; count -= 1 }
        byte(".")
        var scratch: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (48, 48, 48, 48, 48, 48)
        withUnsafeMutableBytes(of: &scratch) { buf in
            var i = count - 1
            while frac > 0 { buf[i] = UInt8(truncatingIfNeeded: frac % 10) &+ 48; frac /= 10; i -= 1 }
            bytes.append(contentsOf: buf[0..<count])
        }
    }

    private func digits(_ n: UInt64) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes ≥ the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &scratch) { buf in
            var i = buf.count, n = n
            repeat { i -= 1; buf[i] = UInt8(truncatingIfNeeded: n % 10) &+ 48; n /= 10 } while n > 0
            bytes.append(contentsOf: buf[i...])
        }
    }

    /// A day as `"YYYY-MM-DD"`, the same text as `Day.description`, without building a String per date.
    func day(_ key: String, _ d: Day) {
        let c = d.components
        guard (0...9999).contains(c.year) else { return string(key, d.description) }
        field(key) {
            byte("\"")
            fourDigits(c.year); byte("-"); twoDigits(c.month); byte("-"); twoDigits(c.day)
            byte("\"")
        }
    }

    private func fourDigits(_ v: Int) { twoDigits(v / 100); twoDigits(v % 100) }

    private func twoDigits(_ v: Int) {
        bytes.append(UInt8(truncatingIfNeeded: v / 10) &+ 48); bytes.append(UInt8(truncatingIfNeeded: v % 10) &+ 48)
    }

    private func separator() {
        if first[first.count - 1] { first[first.count - 1] = false } else { byte(",") }
        newline()
    }

    func object(_ body: () -> Void) {
        byte("{"); indent += 1; first.append(true)
        body()
        let empty = first.removeLast(); indent -= 1
        if !empty { newline() }
        byte("}")
    }

    func array<T>(_ items: [T], _ each: (T) -> Void) {
        byte("["); indent += 1; first.append(true)
        for item in items { separator(); each(item) }
        let empty = first.removeLast(); indent -= 1
        if !empty { newline() }
        byte("]")
    }

    func field(_ key: String, _ value: () -> Void) {
        separator(); quoted(key); byte(":"); byte(" "); value()
    }

    func string(_ key: String, _ v: String?) {
        field(key) { if let v { quoted(v) } else { raw("null") } }
    }
    func int(_ key: String, _ v: Int) { field(key) { raw(String(v)) } }
    func bool(_ key: String, _ v: Bool) { field(key) { raw(v ? "true" : "false") } }
    func num(_ key: String, _ v: Num?) {
        field(key) {
            switch v {
            case .fixed(let f)?: fixed(f)
            case .double(let d)?: raw(JSONNumber.format(d))
            case nil: raw("null")
            }
        }
    }
    func double(_ key: String, _ v: Double?) { field(key) { raw(v.map(JSONNumber.format) ?? "null") } }

    func bridgeParts(_ key: String, _ p: BridgeParts?) {
        field(key) {
            guard let p else { raw("null"); return }
            object { for (name, value) in p.named { double(name, value) } }
        }
    }

    func window(_ key: String, _ w: WindowInfo?) {
        field(key) {
            guard let w else { raw("null"); return }
            object { string("id", w.id); day("start", w.start); day("end", w.end) }
        }
    }

    func result(_ x: KPIResult) {
        object {
            string("kpi", x.kpi); string("level", x.level.rawValue); string("key", x.key)
            num("actual", x.actual); num("target", x.target); num("target_to_date", x.targetToDate)
            string("target_source", x.targetSource?.rawValue); double("attainment", x.attainment)
            num("variance", x.variance); double("variance_pct", x.variancePct); string("status", x.status.rawValue)
            num("forecast", x.forecast); num("required_per_day", x.requiredPerDay)
            num("prior", x.prior); num("prior_change", x.priorChange); double("prior_change_pct", x.priorChangePct)
            num("yoy", x.yoy); num("yoy_change", x.yoyChange); double("yoy_change_pct", x.yoyChangePct)
            num("mtd", x.mtd); num("mtd_target", x.mtdTarget); double("mtd_attainment", x.mtdAttainment); num("mtd_yoy", x.mtdYoy)
            double("mtd_yoy_change_pct", x.mtdYoyChangePct)
            num("qtd", x.qtd); num("qtd_target", x.qtdTarget); double("qtd_attainment", x.qtdAttainment); num("qtd_yoy", x.qtdYoy)
            double("qtd_yoy_change_pct", x.qtdYoyChangePct)
            num("ytd", x.ytd); num("ytd_target", x.ytdTarget); double("ytd_attainment", x.ytdAttainment); num("ytd_yoy", x.ytdYoy)
            double("ytd_yoy_change_pct", x.ytdYoyChangePct)
            double("yoy_change_pct_prior", x.yoyChangePctPrior)
            field("contribution") {
                guard let c = x.contribution else { raw("null"); return }
                object { double("prior", c.prior); double("yoy", c.yoy); double("target", c.target) }
            }
            field("bridge") {
                guard let b = x.bridge else { raw("null"); return }
                object { bridgeParts("prior", b.prior); bridgeParts("yoy", b.yoy); bridgeParts("target", b.target) }
            }
            field("unusual") {
                guard let u = x.unusual else { raw("null"); return }
                object {
                    string("side", u.side.rawValue); double("center", u.center)
                    double("lower", u.lower); double("upper", u.upper)
                }
            }
            field("history") {
                array(x.history) { h in
                    object {
                        string("grain", h.grain.rawValue); string("id", h.id); day("start", h.start)
                        day("end", h.end); num("actual", h.actual); num("yoy", h.yoy); num("target", h.target)
                    }
                }
            }
        }
    }

    func restatement(_ x: Restatement) {
        object {
            string("kpi", x.kpi); string("level", x.level.rawValue); string("key", x.key); string("period", x.period)
            num("published", x.published); num("now", x.now); num("change", x.change); double("change_pct", x.changePct)
            string("published_in", x.publishedIn)
        }
    }

    func annotation(_ a: Annotation) {
        object {
            day("date", a.date); string("kpi", a.kpi); string("product_line", a.productLine); string("text", a.text)
            string("grain", a.grain.rawValue); string("id", a.id)
        }
    }
}
