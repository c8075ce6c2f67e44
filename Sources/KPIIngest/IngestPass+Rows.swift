import KPIConfig
import KPIFields

/// The per-row work of a pass: checks, rejects, the product-line slot, the measures.
extension IngestPass {
    mutating func reject(_ rec: CSVRecord, column: Int, reason: String, value: String) {
        out.rowsRejected += 1
        let name = column > 0 && column <= headerNames.count ? headerNames[column - 1] : ""
        out.rejects.append(RejectedRow(line: rec.line, column: column, columnName: name, reason: reason, value: shortened(value),
                                       raw: Array(rec.raw)))
    }

    /// Points at the first missing or extra field, so `file:line:column` is a real position.
    private mutating func rejectFieldCount(_ rec: CSVRecord) {
        reject(rec, column: min(rec.row.count, headerNames.count) + 1,
               reason: "expected \(headerNames.count) fields, found \(rec.row.count)", value: "")
    }

    mutating func record(_ rec: CSVRecord) {
        out.rowsRead += 1
        let row = rec.row
        if keepsRawRows, rawRows?.admit() ?? false { out.rawRows?.rows.append(IngestPass.texts(row)) }
        var blank = true
        for i in 0..<row.count where !ByteText.isBlank(row.field(i)) { blank = false; break }
        if blank { out.rowsBlank += 1; return }

        guard dateColumn < row.count, let date = parseDate(row.field(dateColumn)) else {
            let v = dateColumn < row.count ? String(decoding: row.field(dateColumn), as: UTF8.self) : ""
            if row.count != headerNames.count {
                rejectFieldCount(rec)
            } else {
                reject(rec, column: dateColumn + 1, reason: "date does not parse", value: v)
            }
            return
        }
        if date.day > importer.asOf { out.rowsAfterAsOf += 1; return }
        if row.count != headerNames.count { rejectFieldCount(rec); return }
        guard let slot = lineSlot(rec) else { return }
        // A source with a `currency`: the row's rate, found before its numbers are read (SPEC 13).
        var fx = (currency: CurrencyResolution.base, flat: -1)
        if convertsCurrency {
            guard let found = rowRate(rec, day: date.day) else { return }
            fx = found
        }
        guard evaluateMeasures(rec) else { return }
        if fx.flat >= 0 { guard convertValues(rec, flat: fx.flat) else { return } }
        // A row before every window of the run is counted below, never summed (`SourceImporter.earliestDay`).
        if importer.earliestDay.map({ date.day >= $0 }) ?? true { addToSeries(slot, date) }
        if resolutions[slot] == .unknown { slotUnknownRows[slot] += 1 }
        if fx.flat >= 0 { fxPlan.use(fx.currency, fx.flat) }
        out.rowsAccepted += 1
        if out.firstDate.map({ date.day < $0 }) ?? true { out.firstDate = date.day }
        if out.lastDate.map({ date.day > $0 }) ?? true { out.lastDate = date.day }
    }

    /// Adds an accepted row's measure results to its line's daily series.
    @inline(__always) private mutating func addToSeries(_ slot: Int, _ date: ParsedDate) {
        let day = date.day.number
        let measures = plan.steps.count
        let base = lineOfSlot[slot] * (measures + 1)
        let scratch = self.scratch, plan = self.plan
        // One copy-on-write check for the row, not one per series.
        series.withUnsafeMutableBufferPointer { lineSeries in
            for k in 0..<measures where scratch.selected[k] {
                if plan.steps[k].distinctColumn >= 0 {
                    let key = scratch.distinctKey[k]
                    if key != 0 { lineSeries[base + k].add(day: day, distinctKey: key) }
                    continue
                }
                if let v = scratch.values[k] {
                    lineSeries[base + k].add(day: day, time: date.timeOfDay, value: v)
                } else if plan.steps[k].value != nil {
                    lineSeries[base + k].addNull(day: day)
                } else {
                    lineSeries[base + k].add(day: day, time: date.timeOfDay, value: nil)
                }
            }
            // The last series counts every accepted row (target rule 5 asks whether a line has rows).
            lineSeries[base + measures].add(day: day, time: date.timeOfDay, value: nil)
        }
    }

    /// The date of a field, memoised on the previous field's bytes: exports are mostly in date order,
    /// so most rows repeat the row before's date text byte for byte (the parse is a function of the
    /// bytes and the source's format alone).
    @inline(__always) private mutating func parseDate(_ field: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        let n = field.count
        guard n <= 16, let base = field.baseAddress else { return dateFormat.parse(field) }
        var key: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &key) { $0.baseAddress?.copyMemory(from: base, byteCount: n) }
        if n == lastDateLength && key == lastDateKey, let d = lastDate { return d }
        let d = dateFormat.parse(field)
        lastDateKey = key; lastDateLength = n; lastDate = d
        return d
    }

    /// The row's raw product-line slot, interned without a String; nil when the row was rejected.
    private mutating func lineSlot(_ rec: CSVRecord) -> Int? {
        let slot: Int
        if let c = constantLine {
            slot = c.withUnsafeBufferPointer { values.intern($0) }
        } else {
            let raw = ByteText.trimmed(rec.row.field(lineColumn))
            if raw.isEmpty { reject(rec, column: lineColumn + 1, reason: "product line is empty", value: ""); return nil }
            slot = cachedSlot(raw)
        }
        if slot == resolutions.count {
            addSlot(values.string(slot))
            invalidText.append(!isValidUTF8(values.bytes(slot)))
        }
        if invalidText[slot] {
            reject(rec, column: lineColumn + 1, reason: "product line is not valid UTF-8", value: values.string(slot)); return nil
        }
        if resolutions[slot] == .reject {
            reject(rec, column: lineColumn + 1, reason: "unknown product line", value: values.string(slot)); return nil
        }
        return slot
    }

    /// The slot of a raw line value through a small cache of recent values (up to 16 bytes, keyed
    /// by their bytes): an export names a handful of lines, so nearly every row hits, with two word
    /// compares instead of the interner's hash and probe (and, past 7 bytes, its byte compare).
    @inline(__always) private mutating func cachedSlot(_ raw: UnsafeBufferPointer<UInt8>) -> Int {
        let n = raw.count
        guard n <= 16, let base = raw.baseAddress else { return values.intern(raw) }
        var key: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &key) { $0.baseAddress?.copyMemory(from: base, byteCount: n) }
        let h = (key.0 ^ (key.1 &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)) &* 0xFF51_AFD7_ED55_8CCD
        let e = scratch.lineCache + Int(truncatingIfNeeded: h >> 60)
        if e.pointee.length == n && e.pointee.key.0 == key.0 && e.pointee.key.1 == key.1 { return e.pointee.slot }
        let slot = values.intern(raw)
        e.pointee = LineCacheEntry(key: key, length: n, slot: slot)
        return slot
    }

    /// Resolves a new raw value to its line, opening the line's series on first sight.
    private mutating func addSlot(_ raw: String) {
        let resolution = importer.resolver.resolve(raw)
        resolutions.append(resolution)
        slotUnknownRows.append(0)
        let id: String
        switch resolution {
        case .line(let l): id = l
        case .unknown: id = LineResolver.other
        case .reject: lineOfSlot.append(-1); return
        }
        if let line = lineIndex[id] { lineOfSlot.append(line); return }
        lineOfSlot.append(openLine(id))
    }

    /// Opens a line's series; its index.
    mutating func openLine(_ id: String) -> Int {
        let line = lineIDs.count
        lineIndex[id] = line
        lineIDs.append(id)
        series += bound.map { DailySeries(agg: $0.agg) } + [DailySeries(agg: .count)]
        return line
    }

    /// Evaluates every measure's `where` and value first, so a rejected row adds nothing anywhere.
    /// False when the row was rejected.
    private mutating func evaluateMeasures(_ rec: CSVRecord) -> Bool {
        let row = rec.row
        // Through the plan's unmanaged references: reading `filters` or `bound` here would retain
        // and release their arrays and boxes on every row (≈ 10 % of the ingest's CPU).
        let plan = self.plan
        scratch.numbers.pointee.nextRow()
        for f in 0..<plan.filters.count {
            scratch.filterResults[f] = plan.filters[f]._withUnsafeGuaranteedRef { $0.predicate.evaluate(row) }
        }
        for k in 0..<plan.steps.count {
            let step = plan.steps[k]
            let selected = step.filter < 0 || scratch.filterResults[step.filter]
            scratch.selected[k] = selected
            guard selected else { continue }
            if let v = step.value {
                switch v._withUnsafeGuaranteedRef({ $0.value.evaluate(row, memo: scratch.numbers) }) {
                case .null:
                    // Counted apart (`DailySeries.nulls`): a `count` with a value counts non-null values only,
                    // and a window of only null values has no value (SPEC 4.2, 6.1).
                    scratch.values[k] = nil
                case .value(let f): scratch.values[k] = f
                case .invalid(let column):
                    let what = NumberParser.isOutOfRange(row.field(column), format: format) ? "number out of range" : "not a number"
                    reject(rec, column: column + 1, reason: "\(what) (needed by KPI '\(bound[k].kpi)')",
                           value: String(decoding: row.field(column), as: UTF8.self))
                    return false
                }
            } else if step.distinctColumn >= 0 {
                // Empty is no value (key 0); the row adds nothing to the count.
                let t = ByteText.trimmed(row.field(step.distinctColumn))
                if t.isEmpty {
                    scratch.distinctKey[k] = 0
                } else if let key = DistinctKey.short(t) {
                    scratch.distinctKey[k] = key
                } else {
                    scratch.distinctKey[k] = DistinctKey.long(part: part, id: longDistinct.intern(t))
                }
            }
        }
        return true
    }

    /// A record's fields as text (the raw sheet shows them as read).
    static func texts(_ row: RawRow) -> [String] { (0..<row.count).map { String(decoding: row.field($0), as: UTF8.self) } }

    mutating func malformed(line: Int, column: Int, raw: UnsafeBufferPointer<UInt8>) {
        out.rowsRead += 1
        out.rowsRejected += 1
        out.rejects.append(RejectedRow(line: line, column: column, columnName: "", reason: "malformed CSV record (stray or unbalanced quote)",
                                       value: "", raw: Array(raw)))
    }
}
