/// The end of a pass: the merge of a later part, distinct keys made ids, the series handed on.
extension IngestPass {
    /// Adds the pass over the next part of the file (`SourceImporter.runInParts`): its lines come
    /// after this pass's `lineOffset` lines.
    mutating func absorb(_ other: inout IngestPass, lineOffset: Int) {
        out.rowsRead += other.out.rowsRead
        out.rowsAccepted += other.out.rowsAccepted
        out.rowsRejected += other.out.rowsRejected
        out.rowsAfterAsOf += other.out.rowsAfterAsOf
        out.rowsBlank += other.out.rowsBlank
        if let d = other.out.firstDate, out.firstDate.map({ d < $0 }) ?? true { out.firstDate = d }
        if let d = other.out.lastDate, out.lastDate.map({ d > $0 }) ?? true { out.lastDate = d }
        out.rejects += other.out.rejects.map { var r = $0; r.line += lineOffset; return r }
        if let rows = other.out.rawRows?.rows { out.rawRows?.rows += rows }
        fxPlan.absorb(other.fxPlan)
        // Keys merge as they are: a long value's key names its part, whose values come along.
        if other.longDistinct.count > 0 { longDistinctByPart[other.part] = other.longDistinct }
        for (p, values) in other.longDistinctByPart { longDistinctByPart[p] = values }
        let n = bound.count + 1
        for (l, id) in other.lineIDs.enumerated() {
            let mine = lineIndex[id] ?? openLine(id)
            for k in 0..<n {
                let piece = other.series[l * n + k]
                other.series[l * n + k] = DailySeries(agg: piece.agg)
                series[mine * n + k].merge(piece)
            }
        }
        for slot in 0..<other.resolutions.count where other.resolutions[slot] == .unknown {
            out.unknownValues[other.values.string(slot), default: 0] += other.slotUnknownRows[slot]
        }
    }

    /// One id space for the source's distinct values across every line (a group or the total ORs
    /// its lines' ids): the keys of every line and day resolved at once (`DistinctIDs`).
    private mutating func resolveDistinctKeys() {
        let n = bound.count + 1
        let measures = (0..<bound.count).filter { bound[$0].distinctColumn >= 0 }
        guard !measures.isEmpty else { return }
        var places: [(series: Int, day: Int)] = []
        var lists: [[UInt64]] = []
        for line in 0..<lineIDs.count {
            for k in measures {
                let s = line * n + k
                for day in series[s].prepareKeys() { places.append((s, day)); lists.append(series[s].keys[day]) }
            }
        }
        var parts = longDistinctByPart
        if longDistinct.count > 0 { parts[part] = longDistinct }
        let longIDs = parts.isEmpty ? nil : LongValueIDs((0...(parts.keys.max() ?? 0)).map { parts[$0] ?? ByteInterner() })
        DistinctIDs.resolve(&lists, longValues: longIDs) { i, ids in series[places[i].series].setIDs(Array(ids), at: places[i].day) }
    }


    /// Frees the pass's raw buffers without finishing it (a read that threw). Idempotent.
    mutating func release() {
        scratch.free()
        plan.free()
        fxPlan.free()
    }

    /// Hands the lines' series on, with their prefix sums built and their distinct keys made ids.
    mutating func finish() -> SourceIngest {
        scratch.free()
        plan.free()
        if let fx = importer.fx, convertsCurrency { out.fxUsage = fxPlan.usage(fx) }
        fxPlan.free()
        if rawRows?.exceeded ?? false { out.rawRows = nil }
        for slot in 0..<resolutions.count where resolutions[slot] == .unknown {
            out.unknownValues[values.string(slot), default: 0] += slotUnknownRows[slot]
        }
        let n = bound.count + 1
        resolveDistinctKeys()
        for (line, id) in lineIDs.enumerated() {
            var list: [DailySeries] = []
            for k in 0..<n {
                // Moved out, so the pass holds no second reference to the day arrays.
                var one = series[line * n + k]
                series[line * n + k] = DailySeries(agg: one.agg)
                one.finish()
                list.append(one)
            }
            out.series[id] = list
        }
        return out
    }
}

