import KPIConfig
import KPIExpr
import KPIFields

/// The state of one source's streaming pass. A struct driven through `CSVSink`, so the per-row code
/// is specialised into the reader's loop and touches no reference-counted or boxed state.
struct IngestPass: CSVSink {
    let importer: SourceImporter
    var out: SourceIngest
    var headerNames: [String] = []
    var bound: [BoundMeasure] = []
    /// Distinct `where` clauses: KPIs of one source often share theirs, evaluated once per row.
    var filters: [PredicateBox] = []
    var dateColumn = -1
    var lineColumn = -1
    /// The bytes of a `product_line: {constant: …}` binding.
    var constantLine: [UInt8]?
    let format: NumberFormat
    let dateFormat: DateFormat
    /// Counts the records kept as text (`SourceImporter.rawRowLimit`), nil when none are kept.
    let rawRows: RawRowBudget?
    /// `rawRows != nil`: a plain flag, so the per-row check touches no reference.
    let keepsRawRows: Bool

    /// Per raw product-line value ("slot"): its resolution and line. Rows go straight into their
    /// line's series, so aliases need no merge and a day's distinct ids are stored once per line.
    var values = ByteInterner()
    var resolutions: [LineResolver.Resolution] = []
    var lineOfSlot: [Int] = []
    var slotUnknownRows: [Int] = []
    /// Per slot: the raw value is not valid UTF-8 (its rows are rejected: the text cannot be trusted).
    var invalidText: [Bool] = []
    var lineIDs: [String] = []
    var lineIndex: [String: Int] = [:]
    /// line × (measures + the row count), flat: `series[line * (bound.count + 1) + k]`.
    var series: [DailySeries] = []
    /// count_distinct values longer than a key holds (`DistinctKey`); shorter ones are their own key.
    var longDistinct = ByteInterner()
    /// The part of the file this pass reads (`SourceImporter.runInParts`; 0 for a whole file): a long
    /// value's key names it. The passes absorbed here hand over their long values, by part.
    var part = 0
    var longDistinctByPart: [Int: ByteInterner] = [:]

    var scratch = RowScratch(filters: 0, measures: 0)
    /// The last date field parsed (up to 16 bytes, zero-padded), its length and its date (`parseDate`).
    var lastDateKey: (UInt64, UInt64) = (0, 0)
    var lastDateLength = -1
    var lastDate: ParsedDate?
    /// `filters` and `bound` as plain memory for the per-row loop (the arrays own the objects).
    var plan = MeasurePlan(filters: [], bound: [], currencyKPIs: [])

    /// SPEC 13: the source has a `currency`, so each row finds its rate (`IngestPass+Currency`).
    let convertsCurrency: Bool
    /// The column of `currency: {column: …}`, or -1.
    var currencyColumn = -1
    /// The resolution of `currency: {constant: …}` (`CurrencyResolution` or a currency index).
    var constantCurrency = CurrencyResolution.base
    var constantCurrencyCode = ""
    /// Raw currency values (trimmed bytes) → slot, and each slot's resolution.
    var currencyValues = ByteInterner(capacity: 8)
    var currencyOfSlot: [Int] = []
    /// The rates in plain memory, with each currency's last hit and the rates used.
    var fxPlan = FxPlan(nil)

    init(_ importer: SourceImporter, rawRows: RawRowBudget? = nil) {
        self.importer = importer
        self.rawRows = rawRows
        out = SourceIngest(name: importer.source.name, path: importer.source.path)
        out.measureKPIs = importer.measures.map(\.kpi)
        format = importer.source.numberFormat
        dateFormat = importer.source.dateFormat
        keepsRawRows = rawRows != nil
        convertsCurrency = importer.source.currency != nil && importer.fx != nil
        if keepsRawRows { out.rawRows = RawRows(header: [], rows: []) }
    }

    mutating func header(_ row: RawRow) throws(InputError) {
        let source = importer.source
        // The header as read, for the raw sheet; a later part's pass gets a copy of the first part's.
        if part == 0, keepsRawRows { out.rawRows?.header = IngestPass.texts(row) }
        headerNames = (0..<row.count).map { String(decoding: row.field($0), as: UTF8.self).trimmingSpaces.lowercased() }
        let names = headerNames
        var ambiguous: [String] = []
        func columnIndex(_ name: String) -> Int? {
            let key = name.trimmingSpaces.lowercased()
            let matches = names.indices.filter { names[$0] == key }
            // Two columns of one name: picking either could silently count the wrong money.
            if matches.count > 1 {
                let text = "'\(name)' is the name of columns " + matches.map { String($0 + 1) }.joined(separator: " and ")
                if !ambiguous.contains(text) { ambiguous.append(text) }
            }
            return matches.first
        }
        var missing: [String] = []
        var unusable: [String] = []
        if let d = columnIndex(source.dateColumn) { dateColumn = d } else { missing.append(source.dateColumn) }
        switch source.productLine {
        case .column(let c): if let i = columnIndex(c) { lineColumn = i } else { missing.append(c) }
        case .constant(let c): constantLine = Array(c.utf8)
        }
        if convertsCurrency, let name = bindCurrency(columnIndex) { missing.append(name) }
        var filterIndex: [Predicate: Int] = [:]
        for (kpi, m) in importer.measures {
            do {
                var filter = -1
                if let p = m.filter {
                    if let i = filterIndex[p] {
                        filter = i
                    } else {
                        filters.append(PredicateBox(try CompiledPredicate(p, columnIndex: columnIndex, format: format)))
                        filter = filters.count - 1
                        filterIndex[p] = filter
                    }
                }
                var value: CompiledValue?
                var distinctColumn = -1
                if let v = m.value {
                    if m.agg == .countDistinct, case .name(let n) = v {
                        if let i = columnIndex(n) { distinctColumn = i } else { missing.append(n) }
                    } else if let text = m.valueText {
                        // A value that equals a header name is that column, spaces and all.
                        value = try CompiledValue(text: text, columnIndex: columnIndex, format: format)
                    } else {
                        value = try CompiledValue(v, columnIndex: columnIndex, format: format)
                    }
                }
                bound.append(BoundMeasure(kpi: kpi, agg: m.agg, filter: filter, value: value.map(ValueBox.init), distinctColumn: distinctColumn))
            } catch {
                unusable.append("KPI '\(kpi)': \(error.message)")
            }
        }
        var problems: [String] = []
        if !missing.isEmpty { problems.append("source '\(source.name)' lacks column(s) \(missing.map { "'\($0)'" }.joined(separator: ", "))") }
        if !unusable.isEmpty { problems.append((problems.isEmpty ? "source '\(source.name)': " : "") + unusable.joined(separator: "; ")) }
        if !ambiguous.isEmpty { problems.append((problems.isEmpty ? "source '\(source.name)': " : "") + ambiguous.joined(separator: "; ")) }
        if !problems.isEmpty {
            // A header that has the date column or the line column is a real one: list its names.
            let looksLikeHeader = !missing.contains(source.dateColumn) || lineColumn >= 0
            throw InputError(path: source.path, line: 1, message: problems.joined(separator: "; "),
                             value: headerForMessage(row, looksLikeHeader: looksLikeHeader), isConfigLevel: true)
        }
        scratch.free()
        scratch = RowScratch(filters: filters.count, measures: bound.count, columns: row.count)
        plan.free()
        plan = MeasurePlan(filters: filters, bound: bound, currencyKPIs: importer.currencyKPIs)
        fxPlan.free()
        fxPlan = FxPlan(convertsCurrency ? importer.fx : nil)
    }

}
