import KPIModel
import KPICalendar

/// The small sample company `kpireview init` writes next to its starter config: three product lines,
/// fourteen months of daily orders, costs and usage, and monthly targets set a little above plan, so
/// the first run shows greens, ambers and reds. Deterministic: one build always writes the same bytes.
struct StarterData {
    static let firstDay = Day(year: 2025, month: 1, day: 1) ?? Day(number: 0)
    /// A Sunday, so the first weekly report covers a complete ISO week (2026-W09).
    static let lastDay = Day(year: 2026, month: 3, day: 1) ?? Day(number: 0)

    struct Line {
        var id: String
        var ordersPerDay: Double
        var maxQuantity: Int
        var priceCents: Int
        var costShare: Double
        var activeUsers: Double
        var weekendFactor: Double
    }

    static let lines = [
        Line(id: "app", ordersPerDay: 1.6, maxQuantity: 5, priceCents: 4_900, costShare: 0.25, activeUsers: 1_200, weekendFactor: 0.6),
        Line(id: "api", ordersPerDay: 0.8, maxQuantity: 3, priceCents: 39_000, costShare: 0.35, activeUsers: 300, weekendFactor: 0.5),
        Line(id: "devices", ordersPerDay: 0.6, maxQuantity: 2, priceCents: 89_900, costShare: 0.6, activeUsers: 800, weekendFactor: 1.0),
    ]
    /// Completed and shipped orders count as bookings; cancelled ones do not.
    static let bookedShare = 0.93
    static let planUplift = 1.03

    var days: [Day] {
        (0...Self.firstDay.distance(to: Self.lastDay)).map { Self.firstDay.adding(days: $0) }
    }

    /// Yearly growth of 25%, from the first day.
    static func growth(_ day: Day) -> Double { 1 + 0.25 * Double(firstDay.distance(to: day)) / 365 }

    static func expectedOrders(_ line: Line, _ day: Day) -> Double {
        line.ordersPerDay * growth(day) * (day.weekday >= 5 ? line.weekendFactor : 1)
    }

    static func expectedUsers(_ line: Line, _ day: Day) -> Double {
        line.activeUsers * growth(day) * (day.weekday >= 5 ? 0.85 : 1)
    }

    func ordersCSV() -> String {
        var random = SeededRandom(seed: 2026, stream: 1)
        var out = "order_date,order_id,product_line,customer_id,status,quantity,unit_price\n"
        var sequence = 10_000
        for day in days {
            for line in Self.lines {
                let count = Int(Self.expectedOrders(line, day) + random.unit())
                for _ in 0..<count {
                    sequence += 1
                    let customer = 1 + random.below(250)
                    let roll = random.below(100)
                    let status = roll < 85 ? "completed" : roll < 93 ? "shipped" : "cancelled"
                    let quantity = 1 + random.below(line.maxQuantity)
                    let discounted = random.chance(0.2)
                    let price = discounted ? line.priceCents * 9 / 10 : line.priceCents
                    out += "\(day),SO-\(sequence),\(line.id),C\(Self.pad(customer)),\(status),\(quantity),\(Self.money(price))\n"
                }
            }
        }
        return out
    }

    func costsCSV() -> String {
        var random = SeededRandom(seed: 2026, stream: 2)
        var out = "date,product_line,amount\n"
        for day in days {
            for line in Self.lines {
                let cents = Self.expectedBookingsCents(line, day) * line.costShare * (0.9 + 0.2 * random.unit())
                out += "\(day),\(line.id),\(Self.money(Int(cents.rounded())))\n"
            }
        }
        return out
    }

    func usageCSV() -> String {
        var random = SeededRandom(seed: 2026, stream: 3)
        var out = "date,product_line,metric,value\n"
        for day in days {
            for line in Self.lines {
                let users = Self.expectedUsers(line, day) * (0.97 + 0.06 * random.unit())
                out += "\(day),\(line.id),active_users,\(Int(users.rounded()))\n"
            }
        }
        return out
    }

    /// Monthly targets per line for bookings, orders and active users; a quarterly gross-margin
    /// target for the whole company.
    func targetsCSV() -> String {
        var out = "kpi,product_line,period,target\n"
        var month = (year: 2025, month: 1)
        while (month.year, month.month) <= (2026, 3) {
            guard let start = Day(year: month.year, month: month.month, day: 1) else { break }
            let end = start.adding(days: Day.daysIn(year: month.year, month: month.month) - 1)
            let id = "\(month.year)-\(month.month < 10 ? "0" : "")\(month.month)"
            let monthDays = (0...start.distance(to: end)).map { start.adding(days: $0) }
            for line in Self.lines {
                let bookings = monthDays.map { Self.expectedBookingsCents(line, $0) }.reduce(0, +) / 100 * Self.planUplift
                let orders = monthDays.map { Self.expectedOrders(line, $0) * Self.bookedShare }.reduce(0, +) * Self.planUplift
                let users = line.activeUsers * Self.growth(end) * 0.92   // a weekday level: weekends run amber
                out += "bookings,\(line.id),\(id),\(Int((bookings / 100).rounded()) * 100)\n"
                out += "orders,\(line.id),\(id),\(Int(orders.rounded()))\n"
                out += "active_users,\(line.id),\(id),\(Int((users / 10).rounded()) * 10)\n"
            }
            month = month.month == 12 ? (month.year + 1, 1) : (month.year, month.month + 1)
        }
        for quarter in ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"] {
            out += "gross_margin_pct,ALL,\(quarter),62%\n"
        }
        return out
    }

    static func expectedBookingsCents(_ line: Line, _ day: Day) -> Double {
        let quantity = Double(1 + line.maxQuantity) / 2
        let price = Double(line.priceCents) * 0.98   // one order in five at 10% off
        return expectedOrders(line, day) * bookedShare * quantity * price
    }

    static func money(_ cents: Int) -> String {
        let c = cents % 100
        return "\(cents / 100).\(c < 10 ? "0" : "")\(c)"
    }

    static func pad(_ n: Int) -> String {
        n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)"
    }
}
