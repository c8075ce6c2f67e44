import Foundation
import KPICalendar
import KPIFields
import XCTest
@testable import KPIIngest

/// The ingest hot path's own structures: the byte interner, one-day distinct sets, and the reader's
/// digest computed on a thread of its own.
final class HotPathTests: XCTestCase {
    func intern(_ i: inout ByteInterner, _ s: String) -> Int { i.intern(s) }

    func testInternerGivesDenseStableIDsForShortAndLongKeys() {
        var i = ByteInterner(capacity: 4)
        // Lengths 0, 1, 7, 8, 9 and 20 cover the empty key, the tail-only hash, a whole word and word + tail.
        let keys = ["", "a", "C202616", "C2026161", "C20261612", "payments-and-billing"]
        for (n, k) in keys.enumerated() { XCTAssertEqual(intern(&i, k), n) }
        for (n, k) in keys.enumerated() { XCTAssertEqual(intern(&i, k), n, k) }
        XCTAssertEqual(i.count, 6)
        XCTAssertEqual(i.string(2), "C202616")
        XCTAssertEqual(i.string(5), "payments-and-billing")
        XCTAssertEqual(i.string(0), "")
        // Same first eight bytes, different tails: distinct ids.
        XCTAssertEqual(intern(&i, "C2026161X"), 6)
        var probe = "C2026161X"
        XCTAssertEqual(probe.withUTF8 { i.lookup($0) }, 6)
        probe = "C2026161Y"
        XCTAssertNil(probe.withUTF8 { i.lookup($0) })
    }

    /// Short values are their own table key (bytes plus length): trailing NUL bytes and the 7/8-byte
    /// edge must still give distinct ids.
    func testInternerShortKeysKeepLengthAndNULs() {
        var i = ByteInterner(capacity: 4)
        let keys = ["a", "a\u{0}", "a\u{0}\u{0}", "\u{0}", "", "abcdefg", "abcdefg\u{0}", "abcdefgh", "abcdefgh\u{0}"]
        for (n, k) in keys.enumerated() { XCTAssertEqual(intern(&i, k), n, k.debugDescription) }
        for (n, k) in keys.enumerated() { XCTAssertEqual(intern(&i, k), n, k.debugDescription) }
        XCTAssertEqual(i.bytes(6), Array("abcdefg\u{0}".utf8))
    }

    func testInternerKeepsIDsAcrossTableGrowth() {
        var i = ByteInterner(capacity: 2)
        for n in 0..<20_000 { XCTAssertEqual(intern(&i, "C\(n)"), n) }
        XCTAssertEqual(intern(&i, "C0"), 0)
        XCTAssertEqual(intern(&i, "C19999"), 19_999)
        XCTAssertEqual(i.string(12_345), "C12345")
        XCTAssertEqual(i.count, 20_000)
    }

    func testDistinctPerDayDedupesInOrderOutOfOrderAndMerged() {
        let d1 = Day(year: 2026, month: 1, day: 5) ?? Day(number: 0)
        let d2 = d1.adding(days: 1)
        var a = DailySeries(agg: .countDistinct)
        for k: UInt64 in [7, 7, 3, 9, 3] { a.add(day: d1.number, distinctKey: k) }
        for k: UInt64 in [3, 4] { a.add(day: d2.number, distinctKey: k) }
        // Back to the first day: the keys already stored for it must not count twice.
        for k: UInt64 in [9, 11] { a.add(day: d1.number, distinctKey: k) }
        var b = DailySeries(agg: .countDistinct)
        for k: UInt64 in [4, 5] { b.add(day: d2.number, distinctKey: k) }
        a.merge(b)
        let keyOf = a.finishResolvingKeys()
        let v1 = a.values(keyOf, d1), v2 = a.values(keyOf, d2)
        XCTAssertEqual(v1?.0, [7, 3, 9, 11]); XCTAssertEqual(v1?.1, 4)
        XCTAssertEqual(v2?.0, [3, 4, 5]); XCTAssertEqual(v2?.1, 3)
        // Rows with a value are still counted per day: 7 on the first day, 4 on the second.
        XCTAssertEqual(a.range(d1, d1).map { a.count($0) }, 7)
        XCTAssertEqual(a.range(d2, d2).map { a.count($0) }, 4)
        // One value, one id: 3 is the same id on both days.
        XCTAssertEqual(Set(keyOf.values).count, keyOf.count)
        XCTAssertEqual(keyOf.count, 6, "3, 4, 5, 7, 9, 11")
    }

    /// Only the days appended to twice are deduplicated: days pending in a merged series stay
    /// pending, a day is found again after the arrays grew at the front, and input far out of date
    /// order falls back to deduplicating every day.
    func testDedupeOfPendingDaysAcrossMergeFrontGrowthAndFallback() {
        let d0 = Day(year: 2026, month: 3, day: 10) ?? Day(number: 0)
        let d1 = d0.adding(days: 1)
        var b = DailySeries(agg: .countDistinct)
        for k: UInt64 in [1, 2] { b.add(day: d0.number, distinctKey: k) }
        b.add(day: d1.number, distinctKey: 5)
        for k: UInt64 in [2, 3] { b.add(day: d0.number, distinctKey: k) }  // d0 pending in b
        var a = DailySeries(agg: .countDistinct)
        a.add(day: d1.number, distinctKey: 5)
        a.merge(b)
        // Earlier days grow the arrays at the front; d0's pending mark must still find d0.
        a.add(day: d0.adding(days: -20).number, distinctKey: 8)
        let keyOf = a.finishResolvingKeys()
        XCTAssertEqual(a.values(keyOf, d0)?.0, [1, 2, 3]); XCTAssertEqual(a.values(keyOf, d0)?.1, 3)
        XCTAssertEqual(a.values(keyOf, d1)?.0, [5]); XCTAssertEqual(a.values(keyOf, d1)?.1, 1)

        // 200 alternations between two days: more re-opened days than the series is long.
        var c = DailySeries(agg: .countDistinct)
        for k: UInt64 in 0..<200 {
            c.add(day: d0.number, distinctKey: 1 + k % 7)
            c.add(day: d1.number, distinctKey: 1 + k % 5)
        }
        let keysOfC = c.finishResolvingKeys()
        XCTAssertEqual(c.values(keysOfC, d0)?.0, Set(1...7)); XCTAssertEqual(c.values(keysOfC, d0)?.1, 7)
        XCTAssertEqual(c.values(keysOfC, d1)?.0, Set(1...5)); XCTAssertEqual(c.values(keysOfC, d1)?.1, 5)
    }

    /// A file above the parallel-hash threshold: the digest from the hashing thread must equal the
    /// one computed inline, and every record must still arrive.
    func testParallelDigestEqualsInlineDigest() throws {
        let path = NSTemporaryDirectory() + "kpireview-hotpath-\(getpid()).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = "id,value\n"
        let rows = 400_000   // about 5 MB, above CSVReader.parallelHashBytes
        text.reserveCapacity(rows * 14)
        for n in 0..<rows { text += "row\(n),\(n % 97)\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertGreaterThanOrEqual(text.utf8.count, CSVReader.parallelHashBytes)

        func readAll(parallel: Bool) throws -> (String, Int, Int) {
            let reader = CSVReader(path: path, delimiter: UInt8(ascii: ","))
            reader.hashesInParallel = parallel
            var records = 0
            try reader.read(header: { _ in }, record: { _ in records += 1 }, malformed: { _, _, _ in })
            return (reader.sha256Hex, reader.bytesRead, records)
        }
        let inline = try readAll(parallel: false)
        let parallel = try readAll(parallel: true)
        XCTAssertEqual(parallel.0, inline.0)
        XCTAssertEqual(parallel.0, SHA256.hash(Array(text.utf8)))
        XCTAssertEqual(parallel.1, text.utf8.count)
        XCTAssertEqual(parallel.2, rows)
    }
}
