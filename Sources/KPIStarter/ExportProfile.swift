import Foundation
import KPICalendar
import KPIFields

/// What `init --from-csv` proposes for one export: a source and its KPIs, each assumption spelled out
/// so the draft is checked, not trusted.
struct ExportProposal {
    var name: String
    /// As written in the config: relative to the config's folder when inside it.
    var configPath: String
    var delimiter: Character
    var dateColumn: String
    var date: DateFormatGuess?
    var number: NumberFormatGuess
    var productLine: LineGuess
    var kpis: [ProposedKPI]
    /// Commented-out KPI lines the user may want.
    var suggestions: [String]
    /// Every guess, in plain words: written as comments and printed.
    var assumptions: [String]
    var latestDate: Day?
    var currency: String?
    var rowsSampled: Int
}

enum LineGuess {
    case column(String, values: [String])
    case constant(String)
}

struct ProposedKPI {
    var id: String
    var name: String
    var agg: String
    var value: String?
    var unit: String
    var whereHint: String?
    var comment: String
}

/// One column of the sample, classified.
struct ColumnProfile {
    var name: String
    var index: Int
    var values: [String]
    var distinct: [String]
    var words: [String]

    init(name: String, index: Int, values: [String]) {
        self.name = name
        self.index = index
        self.values = values.map(\.trimmingSpaces).filter { !$0.isEmpty }
        var seen = Set<String>()
        self.distinct = self.values.filter { seen.insert($0).inserted }
        self.words = ColumnProfile.words(of: name)
    }

    func has(_ word: String) -> Bool { words.contains(word) }
    func hasAny(_ list: [String]) -> Bool { list.contains { has($0) } }

    /// `Order Date` → [order, date]; `CustomerID` → [customer, id]; `unit_price` → [unit, price].
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character? = nil
        for c in name {
            if !(c.isLetter || c.isNumber) {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if c.isUppercase, let p = previous, p.isLowercase, !current.isEmpty {
                words.append(current); current = String(c)
            } else {
                current.append(c)
            }
            previous = c
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }
}

enum ExportProfiler {
    static let dateWords = ["date", "day", "time", "timestamp", "created", "ordered", "period", "dt"]
    static let lineWords: [(String, Int)] = [
        ("line", 90), ("category", 80), ("product", 70), ("segment", 60), ("family", 55), ("brand", 55),
        ("plan", 50), ("division", 50), ("department", 50), ("team", 50), ("channel", 45), ("unit", 40), ("region", 35),
    ]
    static let notLineWords = ["status", "state", "currency", "country", "city", "mode", "method", "flag", "name", "email", "type", "id", "code"]
    static let idWords = ["id", "code", "zip", "postal", "phone", "number", "no", "nr", "ref", "key", "sku", "year", "month", "week"]
    static let moneyWords = [
        "price", "amount", "revenue", "sales", "total", "cost", "costs", "profit", "value", "gmv", "fee", "fees", "paid",
        "net", "gross", "spend", "income", "tax", "charge", "charges", "mrr", "arr", "subtotal", "turnover", "margin",
    ]
    static let quantityWords = ["quantity", "qty", "units", "count", "items", "seats", "users", "sessions", "visits", "clicks"]
    static let statusWords = ["status", "state", "stage"]
    /// Levels measured on a day, not flows over days: a window takes one day's value (`first`/`last`), never a sum.
    static let levelWords = ["balance", "balances", "headcount", "employees", "inventory", "stock", "outstanding", "backlog"]
    /// Of those, the level at a window's start (`first`).
    static let openingWords = ["opening", "starting", "beginning", "start"]
    static let maxLineValues = 30

    static func propose(_ sample: CSVSample, name: String, configPath: String, takenKPIIDs: inout Set<String>) -> ExportProposal {
        var assumptions: [String] = []
        // A name two header cells share (matched as the config matches them) cannot be used: the run would
        // refuse it as ambiguous (SPEC 4.1), so no guess rests on it.
        let keys = sample.header.map { $0.trimmingSpaces.lowercased() }
        let repeated = Set(keys.filter { k in !k.isEmpty && keys.filter { $0 == k }.count > 1 })
        let columns = sample.header.enumerated().filter { !$0.element.isEmpty && !repeated.contains(keys[$0.offset]) }.map {
            ColumnProfile(name: $0.element, index: $0.offset, values: sample.values(ofColumn: $0.offset))
        }
        assumptions.append("delimiter " + delimiterText(sample.delimiter) + " (it splits the header into \(sample.header.count) columns)")
        for key in repeated.sorted() {
            let positions = keys.indices.filter { keys[$0] == key }.map { String($0 + 1) }.joined(separator: " and ")
            assumptions.append("'\(key)' names columns \(positions): no KPI uses it (rename one in the export to use it)")
        }

        // Date column.
        let dated = columns.compactMap { c in DateFormatGuesser.guess(values: c.values).map { (c, $0) } }
            
            .filter { $0.1.pattern != "%Y%m%d" || $0.0.hasAny(dateWords) }   // 8-digit ids are not dates
        let chosenDate = dated.first { $0.0.hasAny(dateWords) } ?? dated.first
        var dateColumn = chosenDate?.0.name ?? columns.first { $0.hasAny(dateWords) }?.name ?? columns.first?.name ?? "date"
        if let (column, guess) = chosenDate {
            dateColumn = column.name
            var text = "date column '\(column.name)', \(guess.explanation)"
            let others = dated.map(\.0.name).filter { $0 != column.name }
            if !others.isEmpty { text += " (also date-like: " + others.map { "'\($0)'" }.joined(separator: ", ") + ")" }
            assumptions.append(text)
        } else {
            let why = sample.rows.isEmpty ? "the file has no data rows to read dates from" : "no column reads as dates with the formats tried"
            assumptions.append("CHECK: \(why); '\(dateColumn)' is a placeholder — fix 'date' and add a 'date_format'")
        }
        let dateColumns = Set(dated.map(\.0.name))

        // Numbers.
        let nonDate = columns.filter { !dateColumns.contains($0.name) }
        let number = NumberFormatGuesser.guess(values: nonDate.flatMap(\.values), delimiter: sample.delimiter)
        assumptions.append(number.explanation)
        let numeric = nonDate.filter { isNumeric($0, number.format) }
        let text = nonDate.filter { c in !numeric.contains { $0.index == c.index } }

        // Product line.
        let line = guessLine(text: text, sourceName: name, rows: sample.rows.count)
        assumptions.append(line.explanation)

        // KPIs.
        var kpis: [ProposedKPI] = []
        var suggestions: [String] = []
        let status = text.first { $0.hasAny(statusWords) && $0.distinct.count <= 12 }
        let whereHint = status.map { s in
            "where: \"\(ExprName.quoted(s.name)) in (\(countingValues(s).map(ExprName.literal).joined(separator: ", ")))\"   # values seen: "
                + s.distinct.prefix(8).joined(separator: ", ")
        }
        kpis.append(ProposedKPI(
            id: uniqueID(name + "_count", &takenKPIIDs), name: displayName(name) + " (rows)", agg: "count", value: nil, unit: "count",
            whereHint: whereHint, comment: "every row of \(name); a where keeps only the rows that count"))
        if let status { assumptions.append("'\(status.name)' looks like a status (\(status.distinct.prefix(6).joined(separator: ", "))): the KPIs count every row until you add a where") }
        let allMeasures = numeric.filter { !isIDLike($0) }
        // Opening balances and headcounts are snapshots: `first` for an opening level, else `last`, with the other offered.
        let levels = allMeasures.filter { $0.hasAny(levelWords) || $0.hasAny(openingWords) }
        let measures = allMeasures.filter { c in !levels.contains { $0.index == c.index } }
        let money = measures.filter { isMoneyLike($0, number.format) }
        let quantities = measures.filter { c in !money.contains { $0.index == c.index } && c.hasAny(quantityWords) }
        for c in money.prefix(4) {
            kpis.append(ProposedKPI(
                id: uniqueID(slug(c.name), &takenKPIIDs), name: c.name, agg: "sum", value: c.name, unit: "currency",
                whereHint: nil, comment: "sum of '\(c.name)' (money-like: \(moneyReason(c, number.format)))"))
        }
        for c in quantities.prefix(2) {
            kpis.append(ProposedKPI(
                id: uniqueID(slug(c.name), &takenKPIIDs), name: c.name, agg: "sum", value: c.name, unit: "count",
                whereHint: nil, comment: "sum of '\(c.name)' (a quantity)"))
        }
        for c in levels.prefix(4) {
            let opening = c.hasAny(openingWords)
            let unit = isMoneyLike(c, number.format) ? "currency" : "count"
            kpis.append(ProposedKPI(
                id: uniqueID(slug(c.name), &takenKPIIDs), name: c.name, agg: opening ? "first" : "last", value: c.name, unit: unit,
                whereHint: nil, comment: opening
                    ? "'\(c.name)' is an opening level: a window shows its earliest day's value (first), not a sum over days"
                    : "'\(c.name)' is a level: a window shows its latest day's value (last), not a sum over days"))
            if !opening {
                suggestions.append("- { id: \(slug(c.name))_opening, name: \(YAMLText.scalar("Opening " + c.name)), source: \(name), agg: first, value: \(YAMLText.scalar(c.name)), unit: \(unit) }")
            }
        }
        let proposed = Set(kpis.compactMap(\.value))
        for c in measures where !proposed.contains(c.name) {
            suggestions.append("- { id: \(slug(c.name))_avg, name: \(YAMLText.scalar("Average " + c.name)), source: \(name), agg: avg, value: \(YAMLText.scalar(c.name)), unit: number }")
        }
        for c in columns where c.hasAny(["id", "customer", "user", "account", "order", "invoice"]) && !c.hasAny(statusWords) && !c.has("row")
            && c.distinct.count > 1 && c.name != dateColumn
        {
            if case .column(let l, _) = line.guess, l == c.name { continue }
            suggestions.append("- { id: \(slug(c.name))_distinct, name: \(YAMLText.scalar("Distinct " + c.name)), source: \(name), agg: count_distinct, value: \(YAMLText.scalar(c.name)), unit: count }")
        }
        if money.isEmpty && quantities.isEmpty && levels.isEmpty {
            assumptions.append("no money-like or quantity column: only a row count is proposed (see the commented suggestions)")
        } else {
            assumptions.append("KPIs: " + kpis.map { "\($0.agg)" + ($0.value.map { " of '\($0)'" } ?? " of rows") }.joined(separator: ", "))
        }

        let currency = detectCurrency(money.flatMap(\.values))
        let latest = chosenDate.flatMap { column, guess in
            DateFormatGuesser.latest(column.values + sample.tailValues(ofColumn: column.index), pattern: guess.pattern)
        }
        return ExportProposal(
            name: name, configPath: configPath, delimiter: sample.delimiter, dateColumn: dateColumn, date: chosenDate?.1,
            number: number, productLine: line.guess, kpis: kpis, suggestions: suggestions, assumptions: assumptions,
            latestDate: latest, currency: currency, rowsSampled: sample.rows.count)
    }

    // MARK: Classification

    static let successValues: Set<String> = [
        "paid", "completed", "complete", "shipped", "delivered", "success", "succeeded", "active", "won", "closed won", "fulfilled", "settled",
    ]

    /// The status values a count most likely keeps: the successful-sounding ones, else the most frequent.
    static func countingValues(_ c: ColumnProfile) -> [String] {
        let good = c.distinct.filter { successValues.contains($0.lowercased()) }
        if !good.isEmpty { return good }
        var counts: [String: Int] = [:]
        for v in c.values { counts[v, default: 0] += 1 }
        return c.distinct.max { (counts[$0] ?? 0) < (counts[$1] ?? 0) }.map { [$0] } ?? []
    }

    static func isNumeric(_ c: ColumnProfile, _ format: NumberFormat) -> Bool {
        guard !c.values.isEmpty else { return false }
        let parsed = c.values.filter { NumberFormatGuesser.parses($0, format) }.count
        return parsed * 10 >= c.values.count * 9
    }

    /// Named like an identifier, or whole numbers that never repeat (order numbers, row numbers).
    static func isIDLike(_ c: ColumnProfile) -> Bool {
        if c.hasAny(idWords) || c.name.contains("#") { return true }
        if c.hasAny(moneyWords) || c.hasAny(quantityWords) || c.hasAny(levelWords) { return false }
        let integers = c.values.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        return integers && c.values.count >= 5 && c.distinct.count == c.values.count
    }

    static func isMoneyLike(_ c: ColumnProfile, _ format: NumberFormat) -> Bool {
        if c.hasAny(["discount", "rate", "pct", "percent", "ratio"]) { return false }
        return c.hasAny(moneyWords) || c.values.contains(where: hasCurrencySymbol) || twoDecimalShare(c, format) >= 0.5
    }

    static func moneyReason(_ c: ColumnProfile, _ format: NumberFormat) -> String {
        if let w = c.words.first(where: { moneyWords.contains($0) }) { return "the name says '\(w)'" }
        if let v = c.values.first(where: hasCurrencySymbol) { return "values such as '\(v)'" }
        return "most values have two decimals"
    }

    static func hasCurrencySymbol(_ v: String) -> Bool { v.contains { "$€£¥".contains($0) } }

    static func twoDecimalShare(_ c: ColumnProfile, _ format: NumberFormat) -> Double {
        let mark = Character(Unicode.Scalar(format.decimal))
        let two = c.values.filter { v in
            guard let i = v.lastIndex(of: mark) else { return false }
            return v[v.index(after: i)...].prefix { $0.isNumber }.count == 2
        }.count
        return Double(two) / Double(max(c.values.count, 1))
    }

    static func detectCurrency(_ values: [String]) -> String? {
        let symbols: [(Character, String)] = [("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("$", "USD")]
        return symbols.first { s in values.contains { $0.contains(s.0) } }?.1
    }

    /// A text column with few distinct values whose name sounds like a product line; else a constant.
    static func guessLine(text: [ColumnProfile], sourceName: String, rows: Int) -> (guess: LineGuess, explanation: String) {
        let candidates = text.filter { c in
            !c.distinct.isEmpty && c.distinct.count <= maxLineValues && c.distinct.count <= max(3, c.values.count / 3)
        }
        func score(_ c: ColumnProfile) -> Int {
            let positive = lineWords.filter { c.has($0.0) }.map(\.1).max() ?? 0
            if positive == 0 && c.hasAny(notLineWords) { return -1 }
            return positive
        }
        let ranked = candidates.map { ($0, score($0)) }.filter { $0.1 >= 0 }.sorted { $0.1 > $1.1 }
        if let (best, s) = ranked.first {
            let values = best.distinct.sorted()
            let shown = values.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (values.count > 8 ? ", …" : "")
            let why = s > 0 ? "its name" : "ASSUMED: no column is named like a product line; it is the text column with fewest distinct values"
            return (.column(best.name, values: values), "product line column '\(best.name)' (\(why); \(values.count) values in the sample: \(shown))")
        }
        let id = ["ALL", "other"].contains(sourceName) ? sourceName + "_line" : sourceName
        return (.constant(id), "ASSUMED: no text column has few distinct values, so every row of this source is product line '\(id)' ({constant: \(id)})")
    }

    // MARK: Names

    /// A KPI id: letters, digits and '_', starting with a letter (formulas refer to it).
    static func slug(_ name: String) -> String {
        var out = ""
        for c in name.lowercased() {
            if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) } else if !out.hasSuffix("_") { out.append("_") }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty { return "value" }
        if let f = out.first, f.isNumber { out = "k_" + out }
        return out
    }

    /// A source name: letters, digits, '_' and '-' (it names the rejects file).
    static func sourceName(forFile path: String) -> String {
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return slug(base)
    }

    static func uniqueID(_ base: String, _ taken: inout Set<String>) -> String {
        var id = base
        var n = 2
        while taken.contains(id) { id = "\(base)_\(n)"; n += 1 }
        taken.insert(id)
        return id
    }

    static func displayName(_ source: String) -> String {
        let words = source.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return words.joined(separator: " ")
    }

    static func delimiterText(_ d: Character) -> String {
        d == "\t" ? "tab" : "'\(d)'"
    }
}
