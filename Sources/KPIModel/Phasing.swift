/// How an additive KPI's given targets are spread over their days (SPEC 6.3 rule 2, 6.8).
public enum Phasing: String, Sendable, Hashable, CaseIterable {
    /// Evenly: each day of a period gets target / its day count.
    case linear
    /// In proportion to the KPI's actuals at the same level 364 days earlier (weekdays kept).
    case lastYear = "last_year"
}
