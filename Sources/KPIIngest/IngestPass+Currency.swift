import KPICalendar
import KPIConfig
import KPIFields

/// What a source's accepted rows used of one currency's rates (SPEC 13: JSON `fx_rates`, Notes).
public struct FxUse: Sendable, Hashable {
    public var currency: String
    /// The dates of the first and last rates applied, and those rates.
    public var firstDate: Day
    public var lastDate: Day
    public var firstRate: FxRate
    public var lastRate: FxRate
    /// Accepted rows converted at one of its rates.
    public var rows: Int

    public init(currency: String, firstDate: Day, lastDate: Day, firstRate: FxRate, lastRate: FxRate, rows: Int) {
        self.currency = currency; self.firstDate = firstDate; self.lastDate = lastDate
        self.firstRate = firstRate; self.lastRate = lastRate; self.rows = rows
    }

    /// One entry per currency over several sources: the earliest first rate, the latest last one.
    public static func merged(_ lists: [[FxUse]]) -> [FxUse] {
        var by: [String: FxUse] = [:]
        for u in lists.joined() {
            guard var m = by[u.currency] else { by[u.currency] = u; continue }
            if u.firstDate < m.firstDate { m.firstDate = u.firstDate; m.firstRate = u.firstRate }
            if u.lastDate > m.lastDate { m.lastDate = u.lastDate; m.lastRate = u.lastRate }
            m.rows += u.rows
            by[u.currency] = m
        }
        return by.keys.sorted().compactMap { by[$0] }
    }
}

/// The rates file in plain memory for the per-row lookup, with each currency's last hit memoised and
/// the range of rates its accepted rows used. Currency `c`'s rates are `days[start[c]..<start[c+1]]`
/// and `rates[…]`, ascending by day. Owned by one pass: `free()` releases it (idempotent).
struct FxPlan {
    private(set) var days: UnsafeMutableBufferPointer<Int32>
    private(set) var rates: UnsafeMutableBufferPointer<FxRate>
    /// currencies + 1 offsets into `days` / `rates`.
    private(set) var start: UnsafeMutableBufferPointer<Int>
    /// Per currency: the flat index of the last rate found (-1 before any).
    private(set) var memo: UnsafeMutableBufferPointer<Int>
    /// Per currency: the lowest and highest flat index applied to an accepted row, and its row count.
    private(set) var usedLow: UnsafeMutableBufferPointer<Int>
    private(set) var usedHigh: UnsafeMutableBufferPointer<Int>
    private(set) var usedRows: UnsafeMutableBufferPointer<Int>

    init(_ table: FxTable?) {
        let n = table?.currencies.count ?? 0
        let flatDays = table.map { $0.days.flatMap { $0.map(\.number) } } ?? []
        let flatRates = table.map { $0.rates.flatMap { $0 } } ?? []
        days = .allocate(capacity: flatDays.count); _ = days.initialize(from: flatDays)
        rates = .allocate(capacity: flatRates.count); _ = rates.initialize(from: flatRates)
        // n + 1 ≥ 1 slots: start[0] always exists; start[c + 1] for each of the n currencies.
        start = .allocate(capacity: n + 1)
        var at = 0
        start[0] = 0
        for c in 0..<n { at += table?.days[c].count ?? 0; start[c + 1] = at }
        memo = .allocate(capacity: n); memo.initialize(repeating: -1)
        usedLow = .allocate(capacity: n); usedLow.initialize(repeating: Int.max)
        usedHigh = .allocate(capacity: n); usedHigh.initialize(repeating: -1)
        usedRows = .allocate(capacity: n); usedRows.initialize(repeating: 0)
    }

    var currencyCount: Int { memo.count }

    /// The flat index of currency `c`'s latest rate on or before `day`, or -1 when it has none.
    /// Rows come mostly in date order and in few currencies, so the last hit nearly always holds.
    /// Invariant of the unchecked reads: 0 ≤ c < currencyCount (a resolution is an index of the table
    /// the plan was built from), `start` is ascending with start[currencyCount] = days.count, and a
    /// memo, when set, lies in [start[c], start[c+1]); so every index read is in bounds.
    @inline(__always) func rateIndex(_ c: Int, _ day: Int32) -> Int {
        let lo = start[c], hi = start[c + 1]
        let m = memo[c]
        if m >= 0 && days[m] <= day && (m + 1 == hi || days[m + 1] > day) { return m }
        // The first index whose day is after `day`; the one before it is the rate.
        var a = lo, b = hi
        while a < b {
            let mid = (a + b) >> 1
            if days[mid] <= day { a = mid + 1 } else { b = mid }
        }
        guard a > lo else { return -1 }
        memo[c] = a - 1
        return a - 1
    }

    /// Invariant: `flat` is an index `rateIndex` returned (≥ 0), so it is below rates.count.
    @inline(__always) func rate(_ flat: Int) -> FxRate { rates[flat] }

    /// An accepted row converted at `flat` of currency `c` (both from `rateIndex`: in bounds, as there).
    @inline(__always) func use(_ c: Int, _ flat: Int) {
        if flat < usedLow[c] { usedLow[c] = flat }
        if flat > usedHigh[c] { usedHigh[c] = flat }
        usedRows[c] += 1
    }

    /// Adds what another pass's rows used (the parts of one file).
    func absorb(_ other: FxPlan) {
        for c in 0..<min(currencyCount, other.currencyCount) {
            usedLow[c] = min(usedLow[c], other.usedLow[c])
            usedHigh[c] = max(usedHigh[c], other.usedHigh[c])
            usedRows[c] += other.usedRows[c]
        }
    }

    /// The rates used, by currency code.
    func usage(_ table: FxTable) -> [FxUse] {
        (0..<currencyCount).compactMap { c in
            guard usedRows[c] > 0 else { return nil }
            let lo = usedLow[c], hi = usedHigh[c]
            return FxUse(currency: table.currencies[c], firstDate: Day(number: days[lo]), lastDate: Day(number: days[hi]),
                         firstRate: rates[lo], lastRate: rates[hi], rows: usedRows[c])
        }
    }

    mutating func free() {
        days.deallocate(); rates.deallocate(); start.deallocate(); memo.deallocate()
        usedLow.deallocate(); usedHigh.deallocate(); usedRows.deallocate()
        days = .init(start: nil, count: 0); rates = .init(start: nil, count: 0); start = .init(start: nil, count: 0)
        memo = .init(start: nil, count: 0); usedLow = .init(start: nil, count: 0); usedHigh = .init(start: nil, count: 0)
        usedRows = .init(start: nil, count: 0)
    }
}

/// A row's currency, resolved once per distinct raw value (`IngestPass.currencyOfSlot`).
enum CurrencyResolution {
    static let empty = -3
    static let unknown = -2
    static let base = -1
}

extension IngestPass {
    /// Binds `currency: {column: …}` to the header (nil when missing) or a constant to its resolution.
    mutating func bindCurrency(_ columnIndex: (String) -> Int?) -> String? {
        guard let binding = importer.source.currency else { return nil }
        switch binding {
        case .column(let name):
            guard let i = columnIndex(name) else { return name }
            currencyColumn = i
        case .constant(let code):
            constantCurrency = resolveCurrency(code)
            constantCurrencyCode = code
        }
        return nil
    }

    /// A code as the data writes it, trimmed: the base currency, a currency of the rates file (either
    /// in any case: `eur` is EUR), or unknown.
    func resolveCurrency(_ raw: String) -> Int {
        if raw.isEmpty { return CurrencyResolution.empty }
        let code = raw.uppercased()
        if code == importer.fx?.base { return CurrencyResolution.base }
        return importer.fx?.index(of: code) ?? CurrencyResolution.unknown
    }

    /// The row's rate as a flat index into the plan (-1: base currency, no conversion), or nil when
    /// the row was rejected: its currency is empty or has no rate on or before its date.
    @inline(__always) mutating func rowRate(_ rec: CSVRecord, day: Day) -> (currency: Int, flat: Int)? {
        let currency: Int
        var raw = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        if currencyColumn >= 0 {
            raw = ByteText.trimmed(rec.row.field(currencyColumn))
            if raw.isEmpty {
                currency = CurrencyResolution.empty
            } else {
                let slot = currencyValues.intern(raw)
                if slot == currencyOfSlot.count { currencyOfSlot.append(resolveCurrency(currencyValues.string(slot))) }
                currency = currencyOfSlot[slot]
            }
        } else {
            currency = constantCurrency
        }
        if currency == CurrencyResolution.base { return (currency, -1) }
        let column = currencyColumn >= 0 ? currencyColumn + 1 : dateColumn + 1
        if currency == CurrencyResolution.empty {
            reject(rec, column: column, reason: "currency is empty", value: ""); return nil
        }
        let flat = currency >= 0 ? fxPlan.rateIndex(currency, day.number) : -1
        if flat < 0 {
            let code = currencyColumn >= 0 ? String(decoding: raw, as: UTF8.self) : constantCurrencyCode
            let name = currency >= 0 ? (importer.fx?.currencies[currency] ?? code) : code
            reject(rec, column: column, reason: "no fx rate for \(name) on or before \(day)",
                      value: currencyColumn >= 0 ? code : "")
            return nil
        }
        return (currency, flat)
    }

    /// Converts the row's values of `unit: currency` KPIs at the plan's rate `flat`; false (the row
    /// rejected) when a converted value is out of range.
    @inline(__always) mutating func convertValues(_ rec: CSVRecord, flat: Int) -> Bool {
        let rate = fxPlan.rate(flat)
        let scratch = self.scratch, plan = self.plan
        for k in 0..<plan.steps.count where plan.steps[k].isCurrency && scratch.selected[k] {
            guard let v = scratch.values[k] else { continue }
            guard let converted = rate.convert(v) else {
                reject(rec, column: currencyColumn >= 0 ? currencyColumn + 1 : dateColumn + 1,
                          reason: "number out of range after conversion at \(rate) (needed by KPI '\(bound[k].kpi)')", value: v.description)
                return false
            }
            scratch.values[k] = converted
        }
        return true
    }
}
