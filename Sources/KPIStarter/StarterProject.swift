import KPICalendar

/// The files of `kpireview init` without `--from-csv`: a starter config that explains every key,
/// and a sample company it runs on as soon as it is written.
enum StarterProject {
    static var asOf: Day { StarterData.lastDay }

    static func files() -> [(path: String, contents: String)] {
        let data = StarterData()
        return [
            ("kpireview.yml", config),
            ("data/orders.csv", data.ordersCSV()),
            ("data/costs.csv", data.costsCSV()),
            ("data/usage.csv", data.usageCSV()),
            ("data/targets.csv", data.targetsCSV()),
        ]
    }

    static let config = """
    # kpireview.yml — starter configuration written by `kpireview init`.
    # It runs as is on the sample files in data/ (a made-up company, January 2025 to 1 March 2026):
    #   kpireview run --config kpireview.yml --as-of 2026-03-01
    # Then point `sources` at your own exports (or run `kpireview init --from-csv FILE...` for a draft).
    # Every key is explained below; optional keys are shown with their default, or commented out.
    # Reference: docs/config.md. Paths are relative to this file.

    title: Acme business review          # optional: the heading of every report
    company: Acme Tools                  # optional: in titles and the workbook's properties
    currency: USD                        # display only: the symbol in money formats (no conversion)

    calendar:
      week_start: monday                 # monday..sunday. monday gives ISO week ids (2026-W09);
                                         # any other day gives ids naming the week's last day (WE-2026-03-07)
      fiscal_year_start_month: 1         # 1..12. 1: quarters are 2026-Q1..Q4. Any other month: FY ids,
                                         # named by the calendar year in which the fiscal year ends (FY2027-Q1)

    # Sources: one entry per CSV export. A row is placed by its date and its product line.
    sources:
      orders:                            # the source's name (letters, digits, _ and -; names its rejects file)
        path: data/orders.csv            # the CSV file, relative to this config
        date: order_date                 # the column holding the row's date (a date-time is fine)
        product_line: product_line       # the column holding the product line; or { column: Category },
                                         # or { constant: app } for an export that belongs to one line
        date_format: "%Y-%m-%d"          # optional; default ISO (2026-03-01, 2026-03-01T10:30:00Z).
                                         # Others: "%d/%m/%Y", "%m/%d/%Y", "%d/%m/%y", "%d.%m.%Y", "%Y%m%d", "%d-%b-%Y"
        delimiter: ","                   # optional: "," ";" "\\t" "|"   (default ",")
        decimal: "."                     # optional: "." or ","          (default ".")
        thousands: ","                   # optional: "" "," "." " "      (default ",", or "." when decimal is ",")
        stale_after_days: 3              # optional: warn when the newest row is older than this (default 3)
      costs: { path: data/costs.csv, date: date, product_line: product_line }   # daily cost per line
      usage: { path: data/usage.csv, date: date, product_line: product_line }   # daily metric snapshots

    # Optional: targets per KPI, product line (a line id, a group, or ALL) and period
    # (2026-W09, 2026-02, 2026-Q1, 2026). Header: kpi,product_line,period,target. See docs/targets.md.
    targets: data/targets.csv            # optional: the targets file (above), relative to this config

    # Optional: dated events (a launch, a price change, an outage) marked on the trends and listed
    # in the summaries. Header: date,kpi,product_line,text (kpi or line empty: all). See docs/config.md.
    # annotations: data/events.csv

    # Optional: the product lines in display order, with display names, groups (subtotals) and
    # aliases (other spellings in the data that mean the same line). Without this list every
    # distinct value of the product-line column is a line of its own.
    product_lines:                       # optional: see above; each entry { id, name, group, aliases }
      - { id: app, name: Acme App, group: Software, aliases: ["APP", "Acme App"] }
      - { id: api, name: Acme API, group: Software, aliases: ["API"] }
      - { id: devices, name: Acme Devices, group: Hardware }
    unknown_product_line: other          # other: rows with an unlisted line count under "other" (warned);
                                         # reject: such rows are rejected
    max_reject_ratio: 0.01               # above this share of a source's rows rejected, the run fails (exit 1)

    # KPIs, in report order. A source KPI aggregates one source's rows that pass `where`;
    # a formula KPI combines other KPIs. Recipes: docs/kpi-cookbook.md.
    kpis:
      - id: bookings                     # letters, digits and _ (formulas and targets.csv use it)
        name: Bookings                   # optional display name (default: the id)
        source: orders                   # which source's rows
        agg: sum                         # sum | count | count_distinct | avg | min | max | last | first
        value: quantity * unit_price     # a column, or + - * / over columns and numbers
        where: status in ('completed', 'shipped')   # optional row filter: == != < <= > >= in, and/or/not
        unit: currency                   # currency | count | percent | ratio | number
        better: higher                   # higher | lower (default higher)
        # amber: 0.05                    # optional: this KPI's amber band (default status.amber)
        # forecast: linear               # optional, sum/count only: linear (run rate) | flat
      - { id: orders, name: Orders, source: orders, agg: count, where: "status in ('completed', 'shipped')", unit: count }
      # A ratio of sums, never an average of averages.
      - { id: aov, name: Average order value, formula: bookings / orders, unit: currency }
      # Distinct buying customers: not additive (a month is not the sum of its weeks).
      - { id: customers, name: Customers, source: orders, agg: count_distinct, value: customer_id,
          where: "status in ('completed', 'shipped')", unit: count }
      - { id: cost, name: Cost, source: costs, agg: sum, value: amount, unit: currency, better: lower }
      - { id: gross_margin_pct, name: Gross margin, formula: (bookings - cost) / bookings, unit: percent }
      # A snapshot: a window reports the level on its last day with data, not a sum over days.
      - { id: active_users, name: Active users, source: usage, agg: last, value: value,
          where: "metric == 'active_users'", unit: count }

    status:
      amber: 0.10                        # within 10% of target on the wrong side is amber; further is red
    history: { weeks: 6, months: 12, quarters: 8 }   # trend points on each KPI's chart
    output:
      prefix: kpi-review                 # file names: kpi-review-weekly-2026-W09.xlsx, .md, .json
      formats: [xlsx, md, json, html]          # what a run writes (--format overrides)
      status_style: emoji                # emoji (🟢 🟡 🔴) | text ([G] [A] [R]) in the Markdown
      raw_sheet: false                   # true: the workbook also gets a sheet of the period's raw rows

    """
}
