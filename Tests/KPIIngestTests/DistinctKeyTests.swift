import CByteScan
import KPICalendar
import XCTest
@testable import KPIIngest

/// count_distinct values are kept as 64-bit keys during the ingest and numbered in bulk afterwards
/// (`DistinctKey`, `KeySet`, `DistinctIDs`, `KeyTable`, `DailySeries.add(day:distinctKey:)`).
final class DistinctKeyTests: XCTestCase {
    func key(_ s: String) -> UInt64 {
        var t = s
        return t.withUTF8 { DistinctKey.short($0) } ?? 0
    }

    func testShortKeysKeepBytesAndLengthLongOnesTheirTag() {
        XCTAssertEqual(key("C1"), 0x0200_0000_0000_3143)   // "C" = 0x43, "1" = 0x31, length 2
        XCTAssertNotEqual(key("C1"), key("C1\u{0}"))        // a trailing NUL is a byte of its own
        XCTAssertEqual(key("ABCDEFGH"), 0, "8 bytes do not fit: a long value")
        let long = DistinctKey.long(part: 15, id: 123_456)
        XCTAssertTrue(DistinctKey.isLong(long))
        XCTAssertFalse(DistinctKey.isLong(key("1234567")))
        XCTAssertEqual(DistinctKey.longID(long), 123_456)
        XCTAssertEqual(DistinctKey.longPart(long), 15)
        XCTAssertNotEqual(DistinctKey.long(part: 1, id: 0), DistinctKey.long(part: 0, id: 1))
    }

    func testKeySetSurvivesGrowthAndClearing() {
        var s = KeySet()
        for k in stride(from: UInt64(1), through: 50_000, by: 1) { s.insert(k &* 0x9E37_79B9) }
        for k in stride(from: UInt64(1), through: 50_000, by: 3) { s.insert(k &* 0x9E37_79B9) }
        XCTAssertEqual(s.items.count, 50_000)
        s.removeAll()
        XCTAssertEqual(s.items.count, 0)
        for k: UInt64 in [7, 9, 7, 9, 11] { s.insert(k) }
        XCTAssertEqual(s.items, [7, 9, 11])
    }

    func testKeyTableKeepsIDsAcrossGrowth() {
        var t = KeyTable()
        defer { t.free() }
        let keys = (1...20_000).map { UInt64($0) &* 0x0101_0101 }
        let first = keys.map { t.id($0, hash: mix64($0)) }
        XCTAssertEqual(first, Array(0..<20_000), "new keys are numbered in order")
        let again = keys.reversed().map { t.id($0, hash: mix64($0)) }
        XCTAssertEqual(again, Array((0..<20_000).reversed()))
        XCTAssertEqual(t.count, 20_000)
    }

    /// Two threads number the keys of a hash half each, batch by batch: one value gets one id in
    /// every list and batch, two values never share one, and the ids stay dense (below twice the
    /// larger half). Batches of every list at once, of a few lists, and of one list each.
    func testResolveGivesOneDenseIDPerValueAcrossLists() {
        for batch in [DistinctIDs.batchKeys, 1000, 1] { resolveGivesOneDenseIDPerValue(batchKeys: batch) }
    }

    func resolveGivesOneDenseIDPerValue(batchKeys: Int) {
        var rng = SystemRandomNumberGenerator()
        let values = (0..<30_000).map { _ in UInt64.random(in: 1...UInt64.max >> 8, using: &rng) }
        var lists = (0..<300).map { _ in (0..<Int.random(in: 0...400, using: &rng)).map { _ in values[Int.random(in: 0..<values.count, using: &rng)] } }
        lists.append([])
        lists.append(Array(values.prefix(5)))
        let copy = lists
        var idOf: [UInt64: Int32] = [:]
        var keyOf: [Int32: UInt64] = [:]
        var handed = 0
        DistinctIDs.resolve(&lists, batchKeys: batchKeys) { i, ids in
            XCTAssertEqual(i, handed); handed += 1
            XCTAssertEqual(ids.count, copy[i].count)
            for (key, id) in zip(copy[i], ids) {
                XCTAssertEqual(idOf[key, default: id], id, "one value, one id")
                XCTAssertEqual(keyOf[id, default: key], key, "one id, one value")
                idOf[key] = id; keyOf[id] = key
            }
        }
        XCTAssertEqual(handed, copy.count)
        XCTAssertTrue(lists.allSatisfy(\.isEmpty), "lists are released as they are handed on")
        let top = Int(idOf.values.max() ?? 0)
        XCTAssertLessThan(top, idOf.count * 2 + 2)
        XCTAssertGreaterThan(idOf.count, 20_000)
    }

    /// Long values read by several parts get one id each, whichever parts read them; the ids are
    /// dense and below `count`.
    func testLongValuesOfEveryPartGetOneIDPerValue() {
        var parts = [ByteInterner(), ByteInterner(), ByteInterner()]
        let values = (0..<3000).map { "CUSTOMER-\($0)" }
        for (i, v) in values.enumerated() {
            _ = parts[i % 3].intern(v)
            if i % 5 == 0 { _ = parts[(i + 1) % 3].intern(v) }   // also read by the next part
        }
        let ids = LongValueIDs(parts)
        var idOf: [String: Int32] = [:]
        var seen = Set<Int32>()
        for (p, interner) in parts.enumerated() {
            for local in 0..<interner.count {
                let id = ids.ids[p][local], v = interner.string(local)
                XCTAssertEqual(idOf[v, default: id], id, "\(v) has one id in every part")
                idOf[v] = id
                seen.insert(id)
                XCTAssertLessThan(Int(id), ids.count)
            }
        }
        XCTAssertEqual(idOf.count, 3000)
        XCTAssertEqual(seen.count, 3000, "two values never share an id")
        XCTAssertLessThan(ids.count, 3000 * 2 + 2)
        XCTAssertEqual(LongValueIDs([ByteInterner()]).count, 0)
    }

    /// The bitmaps' bit count (POPCNT where the CPU has it) is the plain count, for any length.
    func testPopcountOfWordsIsTheBitCount() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 7, 64, 1000] {
            var words = (0..<n).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) }
            if n > 2 { words[0] = 0; words[1] = .max }
            let expected = words.reduce(0) { $0 + $1.nonzeroBitCount }
            let got = words.withUnsafeBufferPointer { b in b.baseAddress.map { kpi_popcount_words($0, b.count) } ?? 0 }
            XCTAssertEqual(got, expected, "\(n) words")
        }
    }

    /// Keys per day, hand-counted: a day revisited after another (input out of date order) and a
    /// merged series are deduplicated before their keys become ids.
    func testSeriesKeysDedupeThenBecomeIDs() {
        let d1 = Day(number: 20_000), d2 = Day(number: 20_001)
        var a = DailySeries(agg: .countDistinct)
        for k: UInt64 in [5, 5, 3] { a.add(day: d1.number, distinctKey: k) }
        a.add(day: d2.number, distinctKey: 3)
        for k: UInt64 in [3, 9] { a.add(day: d1.number, distinctKey: k) }   // back to d1
        var b = DailySeries(agg: .countDistinct)
        for k: UInt64 in [9, 4] { b.add(day: d2.number, distinctKey: k) }
        a.merge(b)
        let days = a.prepareKeys()
        XCTAssertEqual(days, [0, 1])
        XCTAssertEqual(Set(a.keys[0]), [5, 3, 9]); XCTAssertEqual(a.keys[0].count, 3)
        XCTAssertEqual(Set(a.keys[1]), [3, 9, 4]); XCTAssertEqual(a.keys[1].count, 3)
        let keyOf = a.finishResolvingKeys()
        let ids = Dictionary(uniqueKeysWithValues: keyOf.map { ($1, $0) })
        XCTAssertTrue(a.keys.allSatisfy(\.isEmpty))
        XCTAssertEqual(a.range(d1, d1).map { Set(a.distinct[$0.lowerBound]) }, Set([5, 3, 9].compactMap { ids[$0] }))
        XCTAssertEqual(a.range(d2, d2).map { a.distinct[$0.lowerBound].count }, 3)
        XCTAssertEqual(a.distinctTop, a.distinct.map { $0.max() ?? -1 }, "each day's largest id, for sizing bitmaps")
        XCTAssertEqual(a.range(d1, d2).map { a.count($0) }, 8, "rows with a value, duplicates included")
        XCTAssertEqual(Set(ids.values).count, 4, "four values: 3, 4, 5, 9")
    }
}

extension DailySeries {
    /// Resolves the keys to ids as the ingest does (`prepareKeys`, `DistinctIDs`, `setIDs`), then
    /// `finish`; the key each id stands for.
    mutating func finishResolvingKeys() -> [Int32: UInt64] {
        let days = prepareKeys()
        var lists = days.map { keys[$0] }
        let copy = lists
        var keyOf: [Int32: UInt64] = [:]
        var series = self
        DistinctIDs.resolve(&lists) { i, ids in
            for (k, id) in zip(copy[i], ids) { keyOf[id] = k }
            series.setIDs(Array(ids), at: days[i])
        }
        series.finish()
        self = series
        return keyOf
    }

    /// Day `d`'s distinct values (as keys) and how many ids it holds.
    func values(_ keyOf: [Int32: UInt64], _ d: Day) -> (Set<UInt64>, Int)? {
        range(d, d).map { r in (Set(distinct[r.lowerBound].compactMap { keyOf[$0] }), distinct[r.lowerBound].count) }
    }
}
