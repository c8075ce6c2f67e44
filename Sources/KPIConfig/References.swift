import KPIExpr
import Yams

extension ConfigBuilder {
    /// Source references, formula references and formula cycles: checks that need every KPI read first.
    mutating func checkReferences(_ kpis: [KPIDraft], sources: [SourceConfig]) {
        let sourceNames = sources.map(\.name)
        let ids = kpis.map(\.definition.id)
        for kpi in kpis {
            switch kpi.definition.kind {
            case .source(let measure):
                if let node = kpi.sourceNode, !measure.source.isEmpty, !sourceNames.contains(measure.source) {
                    reader.error(at: node, "unknown source in KPI '\(kpi.definition.id)'", value: measure.source,
                                 hint: Suggest.hint(for: measure.source, among: sourceNames, noun: "sources"))
                }
            case .formula(let expr, let text):
                guard let node = kpi.formulaNode else { continue }
                for name in expr.referencedNames where !ids.contains(name) {
                    let p = NodeReader.expressionPosition(of: node, offset: Self.offset(of: name, in: text))
                    reader.error(line: p.line, column: p.column, "unknown KPI in the formula of KPI '\(kpi.definition.id)'", value: name,
                                 hint: Suggest.hint(for: name, among: ids.filter { $0 != kpi.definition.id }, noun: "KPIs"))
                }
            }
        }
        checkCycles(kpis)
        checkBridges(kpis)
    }

    /// SPEC 6.5: a bridge sits on a `sum` KPI and names a `sum` or `count` KPI of the same source.
    mutating func checkBridges(_ kpis: [KPIDraft]) {
        let byID = Dictionary(kpis.map { ($0.definition.id, $0.definition) }, uniquingKeysWith: { a, _ in a })
        for kpi in kpis {
            guard let bridge = kpi.definition.bridge, let bridgeNode = kpi.bridgeNode else { continue }
            let id = kpi.definition.id
            guard let own = kpi.definition.measure, own.agg == .sum else {
                let what = kpi.definition.measure.map { "agg \($0.agg.rawValue)" } ?? "a formula"
                reader.error(at: bridgeNode, "'bridge' needs a sum KPI (revenue split by its units) in KPI '\(id)'", value: what)
                continue
            }
            let at = kpi.quantityNode ?? bridgeNode
            guard let quantity = byID[bridge.quantity] else {
                reader.error(at: at, "unknown quantity KPI in the bridge of KPI '\(id)'", value: bridge.quantity,
                             hint: Suggest.hint(for: bridge.quantity, among: kpis.map(\.definition.id).filter { $0 != id }, noun: "KPIs"))
                continue
            }
            guard let q = quantity.measure, q.agg == .sum || q.agg == .count else {
                let what = quantity.measure.map { "agg \($0.agg.rawValue)" } ?? "a formula"
                reader.error(at: at, "the quantity of a bridge must be a sum or count KPI (units add up) in KPI '\(id)'",
                             value: "\(bridge.quantity): \(what)")
                continue
            }
            if bridge.quantity == id {
                reader.error(at: at, "a bridge's quantity must be another KPI than the bridged one in KPI '\(id)'", value: bridge.quantity)
            } else if q.source != own.source {
                reader.error(at: at, "the quantity of a bridge must come from the same source in KPI '\(id)'",
                             value: "\(bridge.quantity) from \(q.source), \(id) from \(own.source)",
                             hint: "prices are revenue over units of the same rows: count the units in source '\(own.source)'")
            }
        }
    }

    /// Each formula cycle is reported once, at the formula of its first KPI in file order, as `a -> b -> a`.
    mutating func checkCycles(_ kpis: [KPIDraft]) {
        var inputs: [String: [String]] = [:]
        for kpi in kpis {
            if case .formula(let expr, _) = kpi.definition.kind { inputs[kpi.definition.id] = expr.referencedNames }
        }
        var reported: Set<Set<String>> = []
        for kpi in kpis {
            guard let cycle = Self.cycle(from: kpi.definition.id, inputs: inputs) else { continue }
            let members = Set(cycle)
            guard reported.insert(members).inserted, let node = kpi.formulaNode else { continue }
            reader.error(at: node, "formula cycle: a KPI cannot depend on itself", value: (cycle + [cycle[0]]).joined(separator: " -> "))
        }
    }

    /// The cycle through `start`, as the path from `start` back to (not including) `start`; nil when none.
    static func cycle(from start: String, inputs: [String: [String]]) -> [String]? {
        var visited: Set<String> = []
        func search(_ id: String, path: [String]) -> [String]? {
            for next in inputs[id] ?? [] {
                if next == start { return path }
                guard visited.insert(next).inserted else { continue }
                if let found = search(next, path: path + [next]) { return found }
            }
            return nil
        }
        return search(start, path: [start])
    }

    /// Character offset of `name` as a whole word in a formula's text (0 when not found).
    static func offset(of name: String, in text: String) -> Int {
        let chars = Array(text)
        let target = Array(name)
        guard !target.isEmpty, chars.count >= target.count else { return 0 }
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        for i in 0...(chars.count - target.count) where Array(chars[i..<i + target.count]) == target {
            let before = i == 0 || !isWordChar(chars[i - 1])
            let after = i + target.count == chars.count || !isWordChar(chars[i + target.count])
            if before && after { return i }
        }
        return 0
    }
}
