import KPIModel
import KPICalendar

/// Bookings the orders file holds per line and day, in 1/10 000 dollars (quantity × price in
/// cents × (100 − discount %)), for orders the `bookings` KPI counts: the basis of its targets.
struct BookingsBook {
    var units: [[Int]]   // [line][day index over the data's days]

    /// Dollars of one line over `days` (data days only).
    func dollars(line: Int, days: Range<Int>) -> Double {
        var sum = 0
        for i in days { sum += units[line][i] }
        return Double(sum) / 10_000
    }
}

/// Writes orders.csv: `orderRows` rows spread over the data's days by each line's demand curve
/// (growth, seasonality, weekday, quarter-end pushes), in date order.
struct OrderGenerator {
    let company: SyntheticCompany
    let span: PlanSpan

    static let header = "order_id,order_date,customer_id,product_line,quantity,unit_price,discount,status\n"
    static let discountTexts: [[UInt8]] = ["0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30"].map { Array($0.utf8) }
    static let orderPrefix: [UInt8] = Array("SO-".utf8)
    static let statusTexts: [[UInt8]] = ["completed", "shipped", "cancelled", "returned"].map { Array($0.utf8) }

    func write(to path: String) throws -> BookingsBook {
        let days = span.dataDays
        let demand = dailyDemand()
        let counts = ordersPerDay(demand: demand)
        let sales = company.lines.map(LineSales.init)
        let customers = CustomerPool(orderRows: company.orderRows)
        var book = BookingsBook(units: Array(repeating: Array(repeating: 0, count: days), count: sales.count))
        var random = SeededRandom(seed: company.seed, stream: 1)

        let out = try CSVByteWriter(path: path)
        try out.text(Self.header)
        var orderNumber = 1_000_001
        for dayIndex in 0..<days where counts[dayIndex] > 0 {
            let day = span.day(dayIndex)
            let date = Array(day.description.utf8)
            let age = day.distance(to: company.lastDay)
            let rush = CompanyCalendar.isQuarterEndRush(day)
            let tenure = span.years(dayIndex) / max(span.years(days - 1), 1 / 365.25)
            let weights = demand[dayIndex]
            let total = weights.reduce(0, +)
            for _ in 0..<counts[dayIndex] {
                let l = pick(weights, total: total, &random)
                let quantity = sales[l].quantity(&random)
                let price = sales[l].unitPriceCents(&random)
                let discount = sales[l].discountStep(rush: rush, &random)
                let status = orderStatus(age: age, &random)
                if status < 2 { book.units[l][dayIndex] += quantity * price * (100 - 5 * discount) }

                try out.bytes(Self.orderPrefix); try out.integer(orderNumber); try out.comma()
                try out.bytes(date); try out.comma()
                try out.byte(UInt8(ascii: "C"))
                try out.integer(customers.draw(enterprise: sales[l].enterprise, tenure: tenure, &random))
                try out.comma()
                try out.bytes(sales[l].spelling(&random)); try out.comma()
                try out.integer(quantity); try out.comma()
                try out.cents(price); try out.comma()
                try out.bytes(Self.discountTexts[discount]); try out.comma()
                try out.bytes(Self.statusTexts[status]); try out.newline()
                orderNumber += 1
            }
        }
        try out.finish()
        return book
    }

    /// Relative order demand per day and line; noise of its own so the curve is not too smooth.
    func dailyDemand() -> [[Double]] {
        var random = SeededRandom(seed: company.seed, stream: 2)
        return (0..<span.dataDays).map { index in
            let day = span.day(index)
            let phase = CompanyCalendar.yearFraction(day)
            let rush = CompanyCalendar.isQuarterEndRush(day)
            let weekend = CompanyCalendar.isWeekend(day)
            return company.lines.map { line in
                let growth = PortableMath.compound(line.orderGrowth, years: span.years(index))
                let season = 1 + line.seasonAmplitude * PortableMath.cosTurns(phase - line.seasonPeak)
                let push = rush ? 1 + line.quarterEndPush : 1
                let weekday = weekend ? line.weekendLevel : 1
                return line.orderShare * growth * season * push * weekday * random.wobble(0.12)
            }
        }
    }

    /// Whole orders per day summing exactly to `orderRows`: cumulative rounding of the demand.
    func ordersPerDay(demand: [[Double]]) -> [Int] {
        let totals = demand.map { $0.reduce(0, +) }
        let grand = totals.reduce(0, +)
        var counts = [Int](repeating: 0, count: totals.count)
        var cumulative = 0.0
        var assigned = 0
        for (i, t) in totals.enumerated() {
            cumulative += t
            let upTo = i == totals.count - 1 ? company.orderRows : Int((Double(company.orderRows) * cumulative / grand).rounded())
            counts[i] = max(0, upTo - assigned)
            assigned += counts[i]
        }
        return counts
    }

    private func pick(_ weights: [Double], total: Double, _ random: inout SeededRandom) -> Int {
        var target = random.unit() * total
        for (i, w) in weights.enumerated() {
            target -= w
            if target < 0 { return i }
        }
        return weights.count - 1
    }

    /// 0 completed, 1 shipped, 2 cancelled, 3 returned. Recent orders are still shipping;
    /// returns come in a couple of weeks after the order.
    private func orderStatus(age: Int, _ random: inout SeededRandom) -> Int {
        let u = random.unit()
        if u < 0.045 { return 2 }
        if age >= 14 && u < 0.07 { return 3 }
        if age < 12 && random.chance(0.9 * Double(12 - age) / 12) { return 1 }
        return random.chance(0.03) ? 1 : 0
    }
}

/// What the row loop needs of one line, prepared once: a stored flag, encoded spellings and the
/// discount weights' total, so no String is compared or built per row. A class, because a struct
/// holding arrays was copied (retaining each array) on every access in the row loop.
final class LineSales {
    let enterprise: Bool
    let maxQuantity: Int
    let listPricesCents: [Int]
    let discountWeights: [Int]
    let discountTotal: Int
    let id: [UInt8]
    let spellings: [[UInt8]]
    let spellingShares: [Double]

    init(_ line: ProductLineProfile) {
        enterprise = line.isEnterprise
        maxQuantity = line.maxQuantity
        listPricesCents = line.listPricesCents
        discountWeights = line.discountWeights
        discountTotal = line.discountWeights.reduce(0, +)
        id = Array(line.id.utf8)
        spellings = line.rawSpellings.map { Array($0.text.utf8) }
        spellingShares = line.rawSpellings.map(\.share)
    }

    /// Mostly small orders, now and then a big one.
    func quantity(_ random: inout SeededRandom) -> Int {
        min(maxQuantity, 1 + Int(Double(maxQuantity) * random.unit() * random.unit()))
    }

    /// List prices, with a quarter of Enterprise deals at a negotiated price (cents, not round).
    func unitPriceCents(_ random: inout SeededRandom) -> Int {
        let list = listPricesCents[random.below(listPricesCents.count)]
        guard enterprise, random.chance(0.25) else { return list }
        return Int((Double(list) * (0.85 + 0.15 * random.unit())).rounded())
    }

    /// Index into 0%, 5%, 10%, …; Enterprise reps discount harder at quarter end.
    func discountStep(rush: Bool, _ random: inout SeededRandom) -> Int {
        var target = random.below(discountTotal)
        var step = 0
        for (i, w) in discountWeights.enumerated() {
            if target < w { step = i; break }
            target -= w
        }
        if rush && enterprise && step < 6 && random.chance(0.3) { step += 1 }
        return step
    }

    /// The line as the raw export spells it: mostly its id, sometimes an alias.
    func spelling(_ random: inout SeededRandom) -> [UInt8] {
        guard !spellings.isEmpty else { return id }
        var u = random.unit()
        for (i, share) in spellingShares.enumerated() {
            if u < share { return spellings[i] }
            u -= share
        }
        return id
    }
}

/// Customers who come back: a pool that grows over the years, older customers ordering more.
/// Enterprise ids are C10001…, SMB ids C200001…, so the two never collide.
struct CustomerPool {
    let enterprise: Int
    let smb: Int

    init(orderRows: Int) {
        enterprise = max(40, orderRows / 80)
        smb = max(200, orderRows / 10)
    }

    func draw(enterprise isEnterprise: Bool, tenure: Double, _ random: inout SeededRandom) -> Int {
        let pool = isEnterprise ? enterprise : smb
        let open = max(1, Int(Double(pool) * (0.35 + 0.65 * tenure)))
        let u = random.unit()
        let index = min(open - 1, Int(Double(open) * u * u))
        return (isEnterprise ? 10_001 : 200_001) + index
    }
}
