import KPIFields
import Yams

/// A source's `currency` and the config's `fx` (SPEC 13), checked before any input is read.
extension ConfigBuilder {
    /// `currency: {column: col}` or `{constant: EUR}` (a bare scalar is not accepted: `currency: EUR`
    /// and `currency: currency` would read alike).
    mutating func readCurrencyBinding(_ node: Node, context: String) -> CurrencyBinding? {
        if node.scalar != nil {
            reader.error(at: node, "'currency' of \(context) takes {column: NAME} (the column holding each row's currency) or {constant: CODE}",
                         value: node.scalar?.string, hint: "e.g. currency: { column: currency } or currency: { constant: EUR }")
            return nil
        }
        guard let f = reader.fields(of: node, context: "currency of \(context)", known: ["column", "constant"]) else { return nil }
        switch (f["column"], f["constant"]) {
        case let (column?, nil):
            return reader.nonEmptyText(column, key: "column", context: f.context).map { .column($0) }
        case let (nil, constant?):
            guard let code = reader.nonEmptyText(constant, key: "constant", context: f.context) else { return nil }
            guard CurrencyCode.isValid(code) else {
                reader.error(at: constant, "a currency code is three capital letters (ISO 4217) in \(f.context)", value: code,
                             hint: code.count == 3 ? "write \(code.uppercased())" : nil)
                return nil
            }
            return .constant(code)
        case (.some, .some):
            reader.error(at: node, "'currency' takes either 'column' or 'constant', not both, in \(context)")
        case (nil, nil):
            reader.error(at: node, "'currency' needs 'column' (the column holding each row's currency) or 'constant' (one currency for every row) in \(context)")
        }
        return nil
    }

    /// Conversions need a base currency that is a code, and rates: a source whose rows may be in
    /// another currency without an `fx` table would have every such row rejected.
    mutating func checkCurrencies(_ sources: [SourceDraft], config: Config, top: Fields) {
        let converting = sources.filter { $0.config.currency != nil }
        guard !converting.isEmpty || config.fxPath != nil else { return }
        if !CurrencyCode.isValid(config.currency) {
            let node = top["currency"] ?? top["fx"] ?? converting.first?.currencyNode ?? top.node
            reader.error(at: node, "the base 'currency' must be a three-letter ISO 4217 code when rows are converted (fx, a source's currency)",
                         value: config.currency)
        }
        guard config.fxPath == nil else { return }
        for draft in converting {
            if case .constant(let code) = draft.config.currency, code == config.currency { continue }
            reader.error(at: draft.currencyNode ?? top.node,
                         "source '\(draft.config.name)' sets 'currency' but the config names no 'fx' rates file to convert its rows with",
                         hint: "add fx: data/fx.csv (header date,currency,rate)")
        }
    }
}
