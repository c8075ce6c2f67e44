import KPIModel
/// The kpireview.yml written beside the synthetic company's files: a commented, complete example
/// of SPEC 3 that a product manager can copy and adapt.
struct CompanyConfig {
    let company: SyntheticCompany

    var yaml: String {
        [header, calendar, sources, productLines, kpis, footer].joined(separator: "\n")
    }

    private var header: String {
        """
        # kpireview configuration for Northwind Analytics, the synthetic demo company.
        # Written by `kpireview demo` / `kpireview generate`; every path is relative to this file.
        title: Northwind Analytics business review
        company: Northwind Analytics
        currency: USD                      # display only: the symbol in money formats

        """
    }

    private var calendar: String {
        """
        # Weeks run Monday to Sunday (ISO week ids such as 2026-W46); the fiscal year is the
        # calendar year, so quarters are 2026-Q1 … 2026-Q4.
        calendar:
          week_start: monday
          fiscal_year_start_month: 1

        """
    }

    private var sources: String {
        """
        # The four CSV exports. `date` and `product_line` name the columns that place each row.
        sources:
          orders:                          # one row per order, from the order system
            path: orders.csv
            date: order_date
            product_line: product_line
            stale_after_days: 3            # warn when the newest order is older than this
          revenue: { path: revenue.csv, date: date, product_line: product_line }   # daily recognised revenue
          costs:   { path: costs.csv,   date: date, product_line: product_line }   # daily cost of revenue
          usage:   { path: usage.csv,   date: date, product_line: product_line }   # daily product telemetry

        # Targets per KPI, product line (or group, or ALL) and week, month, quarter or year.
        targets: targets.csv

        # Dated events (date, kpi, product_line, text; empty kpi or line: all), marked on the trends
        # and listed in the summaries.
        annotations: events.csv

        """
    }

    private var productLines: String {
        var text = """
        # Product lines in display order, with their group and the other spellings the order
        # export uses for them (mapped to the id before anything is counted).
        product_lines:

        """
        for line in company.lines {
            let aliases = line.rawSpellings.map { "\"\($0.text)\"" }.joined(separator: ", ")
            text += "  - { id: \(line.id), name: \(line.name), group: \(line.group.rawValue), aliases: [\(aliases)] }\n"
        }
        text += """
        unknown_product_line: other        # a line not listed above is reported as "other"
        max_reject_ratio: 0.01             # fail when more than 1% of a source's rows are bad

        """
        return text
    }

    private var kpis: String {
        """
        # The KPIs, in report order. Source KPIs aggregate one source's rows (after `where`);
        # formula KPIs combine other KPIs at the same level and window.
        kpis:
          # Bookings: the value of orders that went through (cancelled and returned ones do not count).
          - id: bookings
            name: Bookings
            source: orders
            agg: sum
            value: quantity * unit_price * (1 - discount)
            where: status in ('completed', 'shipped')
            unit: currency
            better: higher
            # Split each change into volume, mix and price by the units sold (SPEC 6.5).
            bridge: { quantity: units }
          # Orders that count as bookings.
          - { id: orders, name: Orders, source: orders, agg: count, where: "status in ('completed', 'shipped')", unit: count }
          # Units sold in those orders: the quantity of the bookings bridge.
          - { id: units, name: Units, source: orders, agg: sum, value: quantity, where: "status in ('completed', 'shipped')", unit: count }
          # Average order value: a ratio of sums, never an average of averages.
          - { id: aov, name: Average order value, formula: bookings / orders, unit: currency }
          # Distinct buying customers in the window (not additive: a month is not the sum of its weeks).
          - { id: customers, name: Customers, source: orders, agg: count_distinct, value: customer_id,
              where: "status in ('completed', 'shipped')", unit: count }
          # Average discount granted; lower is better.
          - { id: avg_discount, name: Average discount, source: orders, agg: avg, value: discount,
              where: "status in ('completed', 'shipped')", unit: percent, better: lower }
          # Recognised revenue and cost of revenue, from the finance exports.
          - { id: revenue, name: Revenue, source: revenue, agg: sum, value: amount, unit: currency }
          - { id: cost, name: Cost, source: costs, agg: sum, value: amount, unit: currency, better: lower }
          # Gross margin as a share of revenue.
          - { id: gross_margin_pct, name: Gross margin, formula: (revenue - cost) / revenue, unit: percent }
          # Active users is a daily snapshot: a window reports the level on its last day, not a sum.
          - { id: active_users, name: Active users, source: usage, agg: last, value: value,
              where: "metric == 'active_users'", unit: count }
          # API calls add up over the days of a window.
          - { id: api_calls, name: API calls, source: usage, agg: sum, value: value,
              where: "metric == 'api_calls'", unit: count }

        """
    }

    private var footer: String {
        """
        # Within 10% of target on the wrong side is amber; further is red.
        status:
          amber: 0.10
        # Trend points on each KPI's chart.
        history: { weeks: 6, months: 12, quarters: 8 }
        output:
          prefix: kpi-review
          formats: [xlsx, md, json, html]
          status_style: emoji              # emoji | text
          raw_sheet: false

        """
    }
}
