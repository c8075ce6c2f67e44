import KPIExpr
import KPIModel
import Yams

/// A KPI as read, with the nodes the reference checks point at.
struct KPIDraft {
    var definition: KPIDefinition
    var idNode: Node
    var sourceNode: Node?
    var formulaNode: Node?
    var phasingNode: Node? = nil
    /// `bridge:` and its `quantity:` value, where the bridge checks point.
    var bridgeNode: Node? = nil
    var quantityNode: Node? = nil
}

extension ConfigBuilder {
    static let kpiKeys = ["id", "name", "source", "agg", "value", "where", "formula", "unit", "better", "amber", "forecast", "bridge", "phasing"]
    /// Run-rate forecasts only make sense for quantities that grow with the days elapsed.
    static let linearAggregations: [Aggregation] = [.sum, .count, .countDistinct]

    mutating func readKPIs(_ node: Node) -> [KPIDraft] {
        guard let items = node.sequence.map(Array.init) else {
            reader.error(at: node, "'kpis' must be a list of KPI definitions, not \(NodeReader.kind(of: node))")
            return []
        }
        if items.isEmpty { reader.error(at: node, "'kpis' must define at least one KPI") }
        var drafts: [KPIDraft] = []
        var seen: [String: Node] = [:]
        for (index, item) in items.enumerated() {
            guard let draft = readKPI(item, number: index + 1) else { continue }
            let id = draft.definition.id
            if let first = seen[id] {
                reader.error(at: draft.idNode, "duplicate KPI id; first declared on line \(NodeReader.position(first).line)", value: id)
                continue
            }
            seen[id] = draft.idNode
            drafts.append(draft)
        }
        return drafts
    }

    mutating func readKPI(_ node: Node, number: Int) -> KPIDraft? {
        let declaredID = node.mapping?["id"]?.scalar?.string.trimmingSpaces
        let named = declaredID.flatMap { $0.isEmpty ? nil : "KPI '\($0)'" } ?? "KPI #\(number)"
        guard let unnamed = reader.fields(of: node, context: named, known: Self.kpiKeys),
              let idNode = reader.require("id", in: unnamed),
              let id = reader.nonEmptyText(idNode, key: "id", context: unnamed.context)
        else { return nil }
        if !Self.isIdentifier(id) {
            reader.error(at: idNode, "a KPI id must start with a letter or '_' and use only letters, digits and '_' (formulas refer to it)",
                         value: id)
        }
        let context = "KPI '\(id)'"
        let f = unnamed.described(as: context)
        let position = NodeReader.position(node)
        var definition = KPIDefinition(
            id: id, name: id, unit: .number, better: .higher, amber: nil, forecast: nil,
            kind: .formula(.number(.zero), text: ""), line: position.line, column: position.column)
        if let node = f["name"], let name = reader.nonEmptyText(node, key: "name", context: context) { definition.name = name }
        if let node = f["unit"], let unit = reader.choice(node, key: "unit", context: context, as: Unit.self) { definition.unit = unit }
        if let node = f["better"], let better = reader.choice(node, key: "better", context: context, as: Better.self) {
            definition.better = better
        }
        if let node = f["amber"] {
            definition.amber = reader.number(node, key: "amber", context: context, range: 0...Double.greatestFiniteMagnitude)
        }
        if let node = f["forecast"] { definition.forecast = reader.choice(node, key: "forecast", context: context, as: ForecastMethod.self) }
        if let node = f["phasing"] { definition.phasing = reader.choice(node, key: "phasing", context: context, as: Phasing.self) }

        switch (f["source"], f["formula"]) {
        case (.some, .some):
            reader.error(at: node, "a KPI takes either 'source' or 'formula', not both, in \(context)")
        case (nil, nil):
            reader.error(at: node, "a KPI needs 'source' (with 'agg') or 'formula' in \(context)")
        case let (sourceNode?, nil):
            if let measure = readMeasure(f, sourceNode: sourceNode, context: context) {
                definition.kind = .source(measure)
                checkForecast(f, agg: measure.agg, context: context)
            }
        case let (nil, formulaNode?):
            if let (expr, text) = readFormula(formulaNode, fields: f, context: context) {
                definition.kind = .formula(expr, text: text)
            }
            checkForecast(f, agg: nil, context: context)
        }
        var draft = KPIDraft(definition: definition, idNode: idNode, sourceNode: f["source"], formulaNode: f["formula"], phasingNode: f["phasing"])
        if let node = f["bridge"] {
            draft.bridgeNode = node
            if let b = reader.fields(of: node, context: "the bridge of \(context)", known: ["quantity"]),
               let q = reader.require("quantity", in: b),
               let quantity = reader.nonEmptyText(q, key: "quantity", context: "the bridge of \(context)") {
                draft.quantityNode = q
                draft.definition.bridge = BridgeConfig(quantity: quantity)
            }
        }
        return draft
    }

    static func isIdentifier(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return id.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }

    mutating func readMeasure(_ f: Fields, sourceNode: Node, context: String) -> SourceMeasure? {
        let source = reader.nonEmptyText(sourceNode, key: "source", context: context)
        let agg = reader.require("agg", in: f).flatMap { reader.choice($0, key: "agg", context: context, as: Aggregation.self) }
        var measure = SourceMeasure(source: source ?? "", agg: agg ?? .count, value: nil, valueText: nil, filter: nil, whereText: nil)
        if let node = f["value"], let text = reader.nonEmptyText(node, key: "value", context: context) {
            measure.valueText = text
            measure.value = parseExpression(node, text: text, what: "value", context: context) { text throws(ExprError) in
                try ExprParser.parseValue(text)
            }
        } else if let agg, agg != .count, f["value"] == nil {
            reader.error(at: f["agg"] ?? f.node, "'agg: \(agg.rawValue)' needs a 'value' (a column or arithmetic over columns) in \(context)")
        }
        if agg == .countDistinct, let value = measure.value, !value.isSingleName {
            reader.error(at: f["value"] ?? f.node, "'count_distinct' counts the distinct values of one column: 'value' must be a column name in \(context)",
                         value: measure.valueText)
        }
        if let node = f["where"], let text = reader.nonEmptyText(node, key: "where", context: context) {
            measure.whereText = text
            measure.filter = parseExpression(node, text: text, what: "where", context: context) { text throws(ExprError) in
                try ExprParser.parseWhere(text)
            }
        }
        guard source != nil, agg != nil else { return nil }
        return measure
    }

    mutating func readFormula(_ node: Node, fields f: Fields, context: String) -> (ValueExpr, String)? {
        for key in ["agg", "value", "where"] {
            if let keyNode = f.keys[key] {
                reader.error(at: keyNode, "'\(key)' applies to source KPIs; a formula KPI is computed from other KPIs in \(context)")
            }
        }
        guard let text = reader.nonEmptyText(node, key: "formula", context: context),
              let expr = parseExpression(node, text: text, what: "formula", context: context, ExprParser.parseFormula)
        else { return nil }
        return (expr, text)
    }

    /// Parses an expression, reporting a syntax error at its exact column inside the YAML scalar.
    mutating func parseExpression<T>(_ node: Node, text: String, what: String, context: String,
                                     _ parse: (String) throws(ExprError) -> T) -> T? {
        do throws(ExprError) {
            return try parse(text)
        } catch {
            let p = NodeReader.expressionPosition(of: node, offset: error.offset)
            reader.error(line: p.line, column: p.column, "invalid '\(what)' in \(context): \(error.message)", value: text)
            return nil
        }
    }

    /// `phasing:` spreads a target over days (SPEC 6.8): only additive KPIs have phased targets.
    mutating func checkPhasing(_ drafts: [KPIDraft], config: Config) {
        for d in drafts where d.definition.phasing != nil && !config.isAdditive(d.definition.id) {
            reader.error(at: d.phasingNode ?? d.idNode,
                         "'phasing' applies to additive KPIs (sum, count, and formulas adding or subtracting them) in KPI '\(d.definition.id)'",
                         hint: "a ratio, average, min, max, last or distinct count takes the target of a period containing the window, unphased")
        }
    }

    /// `forecast: linear` is a run rate: only for sum, count and count_distinct.
    mutating func checkForecast(_ f: Fields, agg: Aggregation?, context: String) {
        guard let node = f["forecast"], let text = node.scalar?.string, text.trimmingSpaces.lowercased() == ForecastMethod.linear.rawValue
        else { return }
        if let agg {
            if !Self.linearAggregations.contains(agg) {
                reader.error(at: node, "'forecast: linear' needs agg sum, count or count_distinct in \(context)", value: "agg \(agg.rawValue)",
                             hint: "a \(agg.rawValue) does not grow with the days elapsed: use 'forecast: flat' or leave it out")
            }
        } else if f["source"] == nil {
            reader.error(at: node, "'forecast: linear' applies to source KPIs; a formula forecasts from its inputs' forecasts in \(context)")
        }
    }
}

extension NodeReader {
    /// Where character `offset` of a scalar's text sits in the file. A quoted scalar's text starts one
    /// column after its quote; a block scalar's text starts on a later line, so its indicator is used.
    static func expressionPosition(of node: Node, offset: Int) -> (line: Int, column: Int) {
        let p = position(node)
        guard let scalar = node.scalar else { return p }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: return (p.line, p.column + 1 + offset)
        case .literal, .folded: return p
        default: return (p.line, p.column + offset)
        }
    }
}
