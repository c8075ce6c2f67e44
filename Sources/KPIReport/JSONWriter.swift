import KPICalendar
import KPIFields

/// Renders a `ReviewReport` as the JSON of SPEC 7.3: fixed key order, one textual form per number,
/// so the same report always gives the same bytes.
public enum JSONWriter {
    public static func render(_ r: ReviewReport) -> String {
        let w = JSONBuilder()
        w.object {
            w.field("schema_version") { w.raw(String(ReviewReport.schemaVersion)) }
            w.field("tool") { w.object { w.string("name", r.tool.name); w.string("version", r.tool.version) } }
            w.string("title", r.title)
            w.string("company", r.company)
            w.string("cadence", r.cadence.rawValue)
            w.string("as_of", r.asOf.description)
            w.field("period") {
                w.object {
                    w.string("id", r.period.id); w.string("start", r.period.start.description)
                    w.string("end", r.period.end.description); w.int("days", r.period.days)
                    w.int("elapsed_days", r.period.elapsedDays); w.bool("complete", r.period.complete)
                }
            }
            w.field("windows") {
                w.object {
                    w.window("prior", r.windows.prior); w.window("yoy", r.windows.yoy)
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
                    }
                }
            }
            w.field("results") { w.array(r.results) { w.result($0) } }
            w.field("highlights") {
                w.array(r.highlights) { h in
                    w.object {
                        w.string("kind", h.kind.rawValue); w.string("kpi", h.kpi); w.string("level", h.level.rawValue)
                        w.string("key", h.key); w.string("text", h.text)
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
        }
        return w.text + "\n"
    }
}

/// A small pretty-printing JSON builder: two-space indent, keys in call order.
final class JSONBuilder {
    var text = ""
    private var indent = 0
    private var first = [true]

    func raw(_ s: String) { text += s }

    /// Newline plus indent for the common depths, built once rather than per line.
    private static let newlines: [String] = (0..<12).map { "\n" + String(repeating: "  ", count: $0) }

    private func newline() {
        if indent < JSONBuilder.newlines.count { text += JSONBuilder.newlines[indent] } else { text += "\n" + String(repeating: "  ", count: indent) }
    }

    /// `s` quoted as `JSONText.quote` does; text with nothing to escape is appended as is, without a copy.
    private func quoted(_ s: String) {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            text += "\""; text += s; text += "\""
        } else {
            text += JSONText.quote(s)
        }
    }

    private func separator() {
        if first[first.count - 1] { first[first.count - 1] = false } else { text += "," }
        newline()
    }

    func object(_ body: () -> Void) {
        text += "{"; indent += 1; first.append(true)
        body()
        let empty = first.removeLast(); indent -= 1
        if !empty { newline() }
        text += "}"
    }

    func array<T>(_ items: [T], _ each: (T) -> Void) {
        text += "["; indent += 1; first.append(true)
        for item in items { separator(); each(item) }
        let empty = first.removeLast(); indent -= 1
        if !empty { newline() }
        text += "]"
    }

    func field(_ key: String, _ value: () -> Void) {
        separator(); quoted(key); text += ": "; value()
    }

    func string(_ key: String, _ v: String?) {
        field(key) { if let v { quoted(v) } else { raw("null") } }
    }
    func int(_ key: String, _ v: Int) { field(key) { raw(String(v)) } }
    func bool(_ key: String, _ v: Bool) { field(key) { raw(v ? "true" : "false") } }
    func num(_ key: String, _ v: Num?) { field(key) { raw(v?.description ?? "null") } }
    func double(_ key: String, _ v: Double?) { field(key) { raw(v.map(JSONNumber.format) ?? "null") } }

    func window(_ key: String, _ w: WindowInfo?) {
        field(key) {
            guard let w else { raw("null"); return }
            object { string("id", w.id); string("start", w.start.description); string("end", w.end.description) }
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
            num("qtd", x.qtd); num("qtd_target", x.qtdTarget); double("qtd_attainment", x.qtdAttainment); num("qtd_yoy", x.qtdYoy)
            num("ytd", x.ytd); num("ytd_target", x.ytdTarget); double("ytd_attainment", x.ytdAttainment); num("ytd_yoy", x.ytdYoy)
            field("contribution") {
                guard let c = x.contribution else { raw("null"); return }
                object { double("prior", c.prior); double("yoy", c.yoy); double("target", c.target) }
            }
            field("history") {
                array(x.history) { h in
                    object {
                        string("grain", h.grain.rawValue); string("id", h.id); string("start", h.start.description)
                        string("end", h.end.description); num("actual", h.actual); num("yoy", h.yoy); num("target", h.target)
                    }
                }
            }
        }
    }
}
