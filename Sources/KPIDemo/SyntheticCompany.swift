import KPIModel
import KPICalendar

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deterministic synthetic company (Northwind Analytics) behind `kpireview demo` and
/// `kpireview generate`: the same seed and sizes give byte-identical files on any machine.
public struct SyntheticCompany: Sendable {
    public var seed: UInt64
    public var orderRows: Int
    public var firstDay: Day
    /// The last day with rows in every file.
    public var lastDay: Day
    let lines: [ProductLineProfile]

    public init(seed: UInt64, orderRows: Int, firstDay: Day, lastDay: Day) {
        self.seed = seed
        self.orderRows = max(0, orderRows)
        self.firstDay = firstDay
        self.lastDay = max(firstDay, lastDay)
        lines = ProductLineProfile.northwind
    }

    /// The bundled demo: three years of daily data ending 2026-11-15, fixed seed, ~48k order rows.
    /// Its files run two days past the as-of date, so the demo shows rows excluded as too new.
    public static let demo = SyntheticCompany(
        seed: 20_261_115, orderRows: 48_000, firstDay: demoFirstDay, lastDay: CompanyCalendar.day(2026, 11, 17))

    /// 2026-11-15, a Sunday: the end of ISO week 2026-W46.
    public static let demoAsOf: Day = CompanyCalendar.day(2026, 11, 15)

    /// Starts on 1 October 2023 so the oldest quarter a quarterly review compares with is whole.
    static let demoFirstDay: Day = CompanyCalendar.day(2023, 10, 1)

    /// What `kpireview generate --rows N --seed S` writes: the demo's days and config, N order rows.
    /// With the demo's seed and row count it is the demo.
    public static func generated(seed: UInt64, orderRows: Int) -> SyntheticCompany {
        SyntheticCompany(seed: seed, orderRows: orderRows, firstDay: demo.firstDay, lastDay: demo.lastDay)
    }

    /// The file names `write(to:)` produces, in the order it writes them.
    public static let fileNames = ["orders.csv", "revenue.csv", "costs.csv", "usage.csv", "targets.csv", "events.csv", "kpireview.yml"]

    /// Writes orders.csv, revenue.csv, costs.csv, usage.csv, targets.csv, events.csv and kpireview.yml into
    /// `directory`, creating it. Memory stays flat in the number of order rows.
    public func write(to directory: String) throws {
        try Self.makeDirectory(directory)
        let path = { (name: String) in directory.hasSuffix("/") ? directory + name : directory + "/" + name }
        let span = PlanSpan(company: self)
        let bookings = try OrderGenerator(company: self, span: span).write(to: path("orders.csv"))
        let ledger = try DailyLedger(company: self, span: span)
            .write(revenue: path("revenue.csv"), costs: path("costs.csv"), usage: path("usage.csv"))
        try TargetPlanner(company: self, span: span, bookings: bookings, ledger: ledger).write(to: path("targets.csv"))
        try writeText(CompanyEvents.csv, to: path("events.csv"))
        try writeText(CompanyConfig(company: self).yaml, to: path("kpireview.yml"))
    }

    private func writeText(_ text: String, to path: String) throws {
        let out = try CSVByteWriter(path: path)
        try out.text(text)
        try out.finish()
    }

    /// `mkdir -p`: every missing parent is created; an existing directory is fine.
    static func makeDirectory(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw GenerateError.system(prefix) }
            prefix += "/"
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw GenerateError(path: path, reason: "not a directory")
        }
    }
}

/// The days the generator models: the data's days, then on to the end of the current year so
/// targets for months still to come have a plan basis.
struct PlanSpan {
    let firstDay: Day
    let lastDataDay: Day
    let lastPlanDay: Day
    /// The calendar years that get targets: the current fiscal year (January start) and the one before.
    let targetYears: [Int]

    init(company: SyntheticCompany) {
        firstDay = company.firstDay
        lastDataDay = company.lastDay
        let year = company.lastDay.year
        lastPlanDay = CompanyCalendar.day(year, 12, 31)
        targetYears = [year - 1, year]
    }

    var dataDays: Int { firstDay.distance(to: lastDataDay) + 1 }
    var planDays: Int { firstDay.distance(to: lastPlanDay) + 1 }
    func index(_ d: Day) -> Int { firstDay.distance(to: d) }
    func day(_ index: Int) -> Day { firstDay.adding(days: index) }

    /// Years since the first day: the clock of growth and margin drift.
    func years(_ index: Int) -> Double { Double(index) / 365.25 }
}
