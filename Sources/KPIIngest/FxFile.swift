import KPICalendar
import KPIConfig
import KPIFields

/// The `fx` rates file as read and checked (SPEC 13): per currency its rates by date, ascending.
/// A row converts at the latest rate on or before its date.
public struct FxTable: Sendable {
    /// The config's `currency`: rows in it need no rate.
    public var base: String
    /// Codes in byte order; a currency's index is its place here.
    public var currencies: [String] = []
    /// Per currency: the days of its rates, ascending, and the rates.
    public var days: [[Day]] = []
    public var rates: [[FxRate]] = []
    public var sha256 = ""
    public var bytes = 0
    /// As the manifest shows it.
    public var path: String

    public init(base: String, path: String) { self.base = base; self.path = path }

    public func index(of code: String) -> Int? {
        var lo = 0, hi = currencies.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if currencies[mid] < code { lo = mid + 1 } else { hi = mid }
        }
        return lo < currencies.count && currencies[lo] == code ? lo : nil
    }

    /// The index into the currency's rates of the latest rate on or before `day`; nil when none.
    public func rateIndex(currency c: Int, on day: Day) -> Int? {
        let list = days[c]
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }
}

/// Reads and checks the rates file (header `date,currency,rate`), as the targets file is read: every
/// problem is a configuration error (exit 2) at file:line:column, and all are collected.
public enum FxFile {
    public static func load(path: String, config: Config) throws(InputErrors) -> FxTable {
        var table = FxTable(base: config.currency, path: path)
        let file = SideFile(path: path, kind: "fx file", required: ["date", "currency", "rate"])
        var seen: [String: Int] = [:]   // "currency|date" → line
        var byCurrency: [String: [(day: Day, rate: FxRate)]] = [:]

        func record(_ rec: CSVRecord) {
            let row = rec.row
            func text(_ c: String) -> (String, Int) { file.text(row, c) }
            func fail(_ col: Int, _ msg: String, _ value: String?, hint: String? = nil) { file.fail(rec.line, col, msg, value, hint: hint) }
            let headerCount = file.headerCount
            var blank = true
            for i in 0..<row.count where !ByteText.isBlank(row.field(i)) { blank = false }
            if blank { return }
            if row.count != headerCount {
                fail(min(row.count, headerCount) + 1, "expected \(headerCount) fields, found \(row.count)", nil); return
            }
            let (dateText, dc) = text("date"), (code, cc) = text("currency"), (rateText, rc) = text("rate")
            guard let date = DateFormat.iso.parse(dateText)?.day else {
                fail(dc, "date does not parse", dateText, hint: "write dates as YYYY-MM-DD"); return
            }
            guard CurrencyCode.isValid(code) else {
                let upper = code.uppercased()
                fail(cc, "a currency code is three capital letters (ISO 4217)", code,
                     hint: CurrencyCode.isValid(upper) ? "write \(upper)" : nil)
                return
            }
            let rate: FxRate
            switch FxRate.parse(rateText) {
            case .success(let r): rate = r
            case .failure(let e): fail(rc, e.message, rateText); return
            }
            if code == config.currency && rate != .one {
                fail(rc, "the rate of the base currency \(code) is 1", rateText); return
            }
            let key = code + "|" + date.description
            if let first = seen[key] { fail(dc, "duplicate rate for \(code) on \(date) (first on line \(first))", dateText); return }
            seen[key] = rec.line
            byCurrency[code, default: []].append((date, rate))
        }

        (table.sha256, table.bytes) = try file.read(record)
        // The base currency's own rows (rate 1) convert nothing: they are checked and left out.
        for code in byCurrency.keys.sorted() where code != config.currency {
            let list = (byCurrency[code] ?? []).sorted { $0.day < $1.day }
            table.currencies.append(code)
            table.days.append(list.map(\.day))
            table.rates.append(list.map(\.rate))
        }
        return table
    }
}
