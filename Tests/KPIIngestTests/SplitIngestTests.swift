import Foundation
import KPICalendar
import KPIConfig
import KPIFields
import XCTest
@testable import KPIIngest
import KPITestSupport

/// A large source is read in two parts on two threads and merged. Whatever the cut, the merged
/// result must be the one-pass result: counts, dates, rejects (with their line numbers and raw
/// text), unknown product lines, and every line's daily partials, distinct customers included.
final class SplitIngestTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kpireview-split-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    let yaml = """
    sources:
      orders: { path: orders.csv, date: order_date, product_line: line }
    product_lines:
      - { id: cloud, aliases: ["CLOUD"] }
      - { id: crm }
    unknown_product_line: other
    max_reject_ratio: 1
    kpis:
      - { id: bookings, source: orders, agg: sum, value: amount, where: "status == 'ok'" }
      - { id: orders, source: orders, agg: count }
      - { id: customers, source: orders, agg: count_distinct, value: customer, where: "status == 'ok'" }
      - { id: latest, source: orders, agg: last, value: amount }
      - { id: biggest, source: orders, agg: max, value: amount }
      - { id: earliest, source: orders, agg: first, value: amount }
      - { id: priced, source: orders, agg: count, value: amount }
    """

    /// Rows over ten days with every kind of trouble: bad dates and numbers, an unknown line,
    /// rows after as-of, blank lines, short rows, and a quoted field holding a newline.
    func writeOrders() throws -> String {
        var text = "order_date,line,customer,amount,status\n"
        let lines = ["cloud", "CLOUD", "crm", "mobile"]
        for i in 0..<400 {
            let day = 1 + (i * 10) / 400
            let line = lines[(i * 7) % lines.count]
            let customer = "C\((i * 13) % 37)"
            let amount = "\(i % 50).\(i % 10)5"
            let status = i % 5 == 0 ? "cancelled" : "ok"
            switch i % 53 {
            case 7: text += "2026-11-0x,\(line),\(customer),\(amount),\(status)\n"          // bad date
            case 11: text += "2026-11-\(String(format: "%02d", day)),\(line),\(customer),12..5,ok\n"  // bad number
            case 17: text += "\n"                                                          // blank line
            case 23: text += "2026-11-\(String(format: "%02d", day)),\(line),\(customer)\n"         // short row
            case 29: text += "2026-11-\(String(format: "%02d", day)) 09:30,\"\(line)\",\"\(customer)\",\"\(amount)\",\"o\nk\"\n"  // quoted, two lines
            case 31: text += "2026-11-20,\(line),\(customer),\(amount),ok\n"                // after as-of
            case 37, 41: text += "2026-11-\(String(format: "%02d", day)) 08:00,\(line),\(customer),,ok\n"   // no amount
            default: text += "2026-11-\(String(format: "%02d", day)) 1\(i % 10):00,\(line),\(customer),\(amount),\(status)\r\n"
            }
        }
        let path = dir + "/orders.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func importer() throws -> SourceImporter {
        let config = try ConfigLoader.parse(yaml: yaml, path: dir + "/kpireview.yml")
        guard let src = config.sources.first else { throw XCTSkip("no source") }
        let measures = config.kpis.compactMap { k -> (kpi: String, measure: SourceMeasure)? in
            if case .source(let m) = k.kind { return (k.id, m) }
            return nil
        }
        return SourceImporter(source: src, measures: measures, resolver: LineResolver(config: config),
                              asOf: Day(year: 2026, month: 11, day: 15) ?? Day(number: 0))
    }

    /// Everything a SourceIngest says, as text (distinct ids as the customers they stand for).
    func describe(_ s: SourceIngest) -> [String] {
        var out = ["read \(s.rowsRead) accepted \(s.rowsAccepted) rejected \(s.rowsRejected) after \(s.rowsAfterAsOf) blank \(s.rowsBlank)",
                   "dates \(s.firstDate?.description ?? "-") \(s.lastDate?.description ?? "-") sha \(s.sha256) bytes \(s.bytes)"]
        out += s.rejects.map { "reject \($0.line):\($0.column) \($0.reasonText) raw=\(String(decoding: $0.raw, as: UTF8.self))" }
        out += s.unknownValues.sorted { $0.key < $1.key }.map { "unknown \($0.key) \($0.value)" }
        for (line, list) in s.series.sorted(by: { $0.key < $1.key }) {
            for (k, series) in list.enumerated() {
                for i in 0..<series.length {
                    let r = i..<(i + 1)
                    var cell = "\(line) \(k) \(series.day(at: i)) n=\(series.count(r))"
                    if !series.sum.isEmpty { cell += " sum=\(series.sum[i])" }
                    if !series.maximum.isEmpty { cell += " max=\(series.maximum[i])" }
                    if !series.snapshotSum.isEmpty { cell += " last=\(series.snapshotTime[i])/\(series.snapshotSum[i])" }
                    if !series.distinct.isEmpty { cell += " ids=\(series.distinct[i].count)" }
                    if !series.nulls.isEmpty { cell += " nulls=\(series.nulls[i])/\(series.nullCount(r))" }
                    out.append(cell)
                }
            }
        }
        return out
    }

    func testEveryCutGivesTheOnePassResult() throws {
        let path = try writeOrders()
        let imp = try importer()
        let whole = try imp.run()   // small file: one pass
        XCTAssertEqual(whole.rowsRejected, 24, "the fixture's own trouble: 8 bad dates, 8 bad numbers, 8 short rows")
        XCTAssertEqual(whole.unknownValues, ["mobile": 90], "the 100 rows with i % 4 == 1, less the 10 that are blank, rejected or after as-of")
        let expected = describe(whole)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        var merged = 0, declined = 0
        for cut in stride(from: 1, to: size, by: 97) {
            if let parts = imp.runInTwoParts(cutAt: cut) {
                XCTAssertEqual(describe(parts), expected, "cut at byte \(cut)")
                merged += 1
            } else {
                declined += 1
            }
        }
        // Most cuts fall between records; the ones inside a quoted two-line field are declined.
        XCTAssertGreaterThan(merged, 100)
        XCTAssertGreaterThan(declined, 0)
    }

    /// SPEC 13 in parts: each part finds its rows' rates (its own memo) and the parts' rates used
    /// merge; the converted sums, the rejects for a missing rate and the rates used are the one-pass ones.
    func testCurrencyConversionInPartsGivesTheOnePassResult() throws {
        var text = "order_date,line,currency,amount\n"
        let codes = ["USD", "EUR", "eur", "GBP", "", "CHF"]
        for i in 0..<300 {
            text += "2026-11-\(String(format: "%02d", 1 + i / 30)),\(i % 2 == 0 ? "cloud" : "crm"),\(codes[(i * 5) % codes.count]),\(i).\(i % 7)3\n"
        }
        let path = dir + "/orders.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try Data("date,currency,rate\n2026-11-01,EUR,1.1\n2026-11-04,EUR,1.123456789012\n2026-11-06,GBP,1.3\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/fx.csv"))
        let config = try ConfigLoader.parse(yaml: """
            fx: fx.csv
            sources:
              orders: { path: orders.csv, date: order_date, product_line: line, currency: { column: currency } }
            kpis:
              - { id: bookings, source: orders, agg: sum, value: amount, unit: currency }
              - { id: written, source: orders, agg: sum, value: amount }
            """, path: dir + "/kpireview.yml")
        let fx = try FxFile.load(path: dir + "/fx.csv", config: config)
        guard let src = config.sources.first else { throw XCTSkip("no source") }
        let imp = SourceImporter(source: src, config: config, resolver: LineResolver(config: config),
                                 asOf: Day(year: 2026, month: 11, day: 30) ?? Day(number: 0), fx: fx)
        let whole = try imp.run()
        // Empty and CHF (a third of the rows) rejected; GBP before 11-06 too.
        XCTAssertEqual(whole.rowsRejected, 100 + 25)
        XCTAssertEqual(whole.fxUsage.map(\.currency), ["EUR", "GBP"])
        XCTAssertEqual(whole.fxUsage.first?.lastRate.description, "1.123456789012")
        let expected = describe(whole) + whole.fxUsage.map { "\($0)" }
        var merged = 0
        for cut in stride(from: 40, to: text.utf8.count, by: 211) {
            guard let parts = imp.runInTwoParts(cutAt: cut) else { continue }
            XCTAssertEqual(describe(parts) + parts.fxUsage.map { "\($0)" }, expected, "cut at byte \(cut)")
            merged += 1
        }
        XCTAssertGreaterThan(merged, 10)
    }

    /// Line values go through a 16-entry cache of recent values: with 40 values of 1 to 20 bytes
    /// cycling (evictions, collisions, values the cache cannot hold), every row still lands on its
    /// own value's line, counted exactly.
    func testManyLineValuesKeepTheirOwnCounts() throws {
        let names = (0..<40).map { i in i % 3 == 0 ? "L\(i)" : String(repeating: "x", count: i % 19) + "-line\(i)" } + ["cloud", "CLOUD"]
        var text = "order_date,line,customer,amount,status\n"
        var expected: [String: Int] = [:]
        for r in 0..<2000 {
            let name = names[(r * 7 + r / 13) % names.count]
            text += "2026-11-0\(1 + r % 9),\(name),C\(r % 50),1,ok\n"
            if name != "cloud" && name != "CLOUD" { expected[name, default: 0] += 1 }
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/orders.csv"))
        let whole = try importer().run()
        XCTAssertEqual(whole.unknownValues, expected)
        let cloudRows = 2000 - expected.values.reduce(0, +)
        XCTAssertEqual(whole.series["cloud"]?[1].count(0..<9), Int64(cloudRows), "cloud and its alias CLOUD")
    }

    /// Many parts taken by the cores in turn: for every set of cuts, the merge in file order is the
    /// one-pass result (line numbers of rejects shifted by every part before), or the read is
    /// declined when a cut falls inside the quoted two-line field.
    func testManyPartsGiveTheOnePassResult() throws {
        let path = try writeOrders()
        let imp = try importer()
        let expected = describe(try imp.run())
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        var rng = SplitMix64(seed: 0x9A27_5EED)
        var merged = 0
        for _ in 0..<60 {
            let cuts = (0..<(2 + rng.below(8))).map { _ in 1 + rng.below(size - 1) }.sorted()
            guard let parts = imp.runInParts(cuts: cuts) else { continue }
            XCTAssertEqual(describe(parts), expected, "cuts \(cuts)")
            merged += 1
        }
        XCTAssertGreaterThan(merged, 20)
        // Cuts that collapse onto one line start, or fall in the last line, still read every row once.
        XCTAssertEqual(imp.runInParts(cuts: [10, 11, 12, size - 2]).map(describe), expected)
    }

    /// Distinct customers seen in both parts count once: ids are re-interned, not added.
    /// Short values (their own keys) and long ones (a key per part that read them) alike, on one
    /// day split over up to five parts.
    func testDistinctIDsAcrossPartsAreOneSet() throws {
        for prefix in ["C", "LONG-CUSTOMER-"] {
            let text = "order_date,line,customer,amount,status\n" + (0..<40).map { "2026-11-02,crm,\(prefix)\($0 % 4),1,ok\n" }.joined()
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/orders.csv"))
            let size = text.utf8.count
            for cuts in [[size / 2], [size / 5, size * 2 / 5, size * 3 / 5, size * 4 / 5]] {
                let parts = try XCTUnwrap(try importer().runInParts(cuts: cuts))
                let customers = try XCTUnwrap(parts.series["crm"]?[2])
                XCTAssertEqual(customers.distinct.map(\.count), [4], "\(prefix) cut at \(cuts)")
                XCTAssertEqual(parts.rowsAccepted, 40)
            }
        }
    }

    /// Short customer values are their own keys; long ones are interned by each part and
    /// renumbered when the parts merge. Hand-counted: a rejected row, rows after as-of, an empty
    /// value, a filtered row and a return to an earlier day must neither count nor reorder
    /// anything, and the last row's value must count, whatever the cut.
    func testShortKeysAndLongValuesCountAlikeWhateverTheCut() throws {
        let text = """
        order_date,line,customer,amount,status
        2026-11-02,crm,C1,1,ok
        2026-11-02,crm,LONGCUSTOMER-1,1,ok
        2026-11-02,crm,C9,x,ok
        2026-11-03,crm,C2,1,ok
        2026-11-20,crm,C8,1,ok
        2026-11-02,crm,C3,1,ok
        2026-11-02,crm,,1,ok
        2026-11-03,crm,LONGCUSTOMER-1,1,ok
        2026-11-03,crm,C7,1,cancelled
        2026-11-03,cloud,C2,1,ok

        """
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/orders.csv"))
        let imp = try importer()
        let whole = try imp.run()
        let crm = try XCTUnwrap(whole.series["crm"]?[2]), cloud = try XCTUnwrap(whole.series["cloud"]?[2])
        // crm: 11-02 holds C1, LONGCUSTOMER-1, C3 (C9's row is rejected, the empty value is skipped); 11-03 C2, LONGCUSTOMER-1.
        XCTAssertEqual(crm.distinct.map(\.count), [3, 2])
        XCTAssertEqual(cloud.distinct.map(\.count), [1])
        guard crm.distinct.count == 2, cloud.distinct.count == 1 else { return XCTFail("days missing") }
        XCTAssertEqual(Set(crm.distinct[0]).count, 3)
        XCTAssertEqual(whole.rowsRejected, 1)
        XCTAssertEqual(whole.rowsAfterAsOf, 1)
        // LONGCUSTOMER-1 is one id on both days, and C2 one id on both lines.
        XCTAssertEqual(Set(crm.distinct[0]).intersection(crm.distinct[1]).count, 1)
        XCTAssertEqual(Set(crm.distinct[1]).intersection(cloud.distinct[0]).count, 1)
        let expected = describe(whole)
        for cut in 1..<text.utf8.count {
            guard let parts = imp.runInTwoParts(cutAt: cut) else { continue }
            XCTAssertEqual(describe(parts), expected, "cut at byte \(cut)")
            // LONGCUSTOMER-1 keeps one id when its two rows fall in different parts.
            if let c = parts.series["crm"]?[2], c.distinct.count == 2 {
                XCTAssertEqual(Set(c.distinct[0]).intersection(c.distinct[1]).count, 1, "cut at byte \(cut)")
            }
        }
    }

    /// A row's date is memoised on the previous date field's bytes: a repeated text reuses the
    /// date, and any other text (one byte apart, a bad date, a time of day) is parsed afresh.
    func testDateMemoReusesOnlyIdenticalText() throws {
        let text = """
        order_date,line,customer,amount,status
        2026-11-02,crm,C1,1,ok
        2026-11-02,crm,C1,2,ok
        2026-11-03,crm,C1,4,ok
        2026-11-0x,crm,C1,8,ok
        2026-11-03,crm,C1,16,ok
        2026-11-03 12:30,crm,C1,32,ok
        2026-11-03 12:31,crm,C1,64,ok
        2026-11-13,crm,C1,128,ok
        2026-11-20,crm,C1,256,ok

        """
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/orders.csv"))
        let out = try importer().run()
        XCTAssertEqual(out.rowsRejected, 1, "2026-11-0x stays a bad date after a good one")
        XCTAssertEqual(out.rowsAfterAsOf, 1)
        let bookings = try XCTUnwrap(out.series["crm"]?[0])
        func sum(_ d: Int) -> Int128? {
            let day = Day(year: 2026, month: 11, day: d) ?? Day(number: 0)
            return bookings.range(day, day).map { bookings.sum($0) / 1_000_000 }
        }
        XCTAssertEqual(sum(2), 3)
        XCTAssertEqual(sum(3), 4 + 16 + 32 + 64)
        XCTAssertEqual(sum(13), 128)
        let latest = try XCTUnwrap(out.series["crm"]?[3])
        let d3 = Day(year: 2026, month: 11, day: 3) ?? Day(number: 0)
        // `last` keeps the latest time of day: 12:31 (in milliseconds), not the memo's 12:30.
        XCTAssertEqual(latest.range(d3, d3).map { latest.snapshotTime[$0.lowerBound] }, (12 * 60 + 31) * 60_000)
    }

    /// A cut inside a quoted field that spans lines cannot be used: the split declines it.
    func testCutInsideAQuotedFieldIsDeclined() throws {
        let text = "order_date,line,customer,amount,status\n2026-11-02,crm,\"C1\nC1\",1,ok\n2026-11-03,crm,C2,1,ok\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: dir + "/orders.csv"))
        let inside = text.utf8.count - "C1\",1,ok\n2026-11-03,crm,C2,1,ok\n".utf8.count - 1
        XCTAssertNil(try importer().runInTwoParts(cutAt: inside))
    }
}
