import Foundation
import XCTest
@testable import KPIIngest
import KPITestSupport
import KPIFields

/// The reader splits quote-free lines itself and gives every other line to libcsv. These tests read
/// the same files both ways (the Swift split on and off) and demand the same header, records, line
/// numbers, raw texts and malformed-record reports: libcsv is the reference for what a field is.
final class CSVReaderDifferentialTests: XCTestCase {
    /// Everything the reader hands on, as comparable text.
    struct Recorder: CSVSink {
        var events: [String] = []
        mutating func header(_ row: RawRow) throws(InputError) { events.append("H " + Recorder.fields(row)) }
        mutating func record(_ rec: CSVRecord) {
            events.append("R \(rec.line) raw=\(Recorder.hex(rec.raw)) " + Recorder.fields(rec.row))
        }
        mutating func malformed(line: Int, column: Int, raw: UnsafeBufferPointer<UInt8>) {
            events.append("M \(line):\(column) raw=\(Recorder.hex(raw))")
        }
        static func fields(_ row: RawRow) -> String {
            (0..<row.count).map { "[" + hex(row.field($0)) + "]" }.joined(separator: "")
        }
        static func hex(_ b: UnsafeBufferPointer<UInt8>) -> String { b.map { String($0, radix: 16) }.joined(separator: ".") }
    }

    func read(_ path: String, delimiter: UInt8, plain: Bool) -> (events: [String], error: String?) {
        let reader = CSVReader(path: path, delimiter: delimiter)
        if !plain { reader.splitsPlainLines = false }
        var rec = Recorder()
        do throws(InputError) { try reader.read(into: &rec) } catch { return (rec.events, error.description) }
        return (rec.events, nil)
    }

    func write(_ text: [UInt8], _ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "kpireview-csvdiff-\(getpid())-\(name).csv"
        try Data(text).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Hand-picked lines where the split has to match libcsv's trimming and record rules.
    func testEdgeCasesAgreeWithLibcsv() throws {
        let text = "a, b ,c\n \t\n\n  x  ,\t,\ty\t\n,,\n , \n\"q\",1,2\nlast , line\r\nno,terminator , "
        let path = try write(Array(text.utf8), "edges")
        defer { unlink(path) }
        let fast = read(path, delimiter: 44, plain: true)
        let slow = read(path, delimiter: 44, plain: false)
        XCTAssertEqual(fast.events, slow.events)
        XCTAssertNil(fast.error)
        // And the values themselves, spelled out: trimmed fields, blank lines skipped, line numbers kept.
        XCTAssertEqual(fast.events, [
            "H [61][62][63]",
            "R 4 raw=20.20.78.20.20.2c.9.2c.9.79.9 [78][][79]",
            "R 5 raw=2c.2c [][][]",
            "R 6 raw=20.2c.20 [][]",
            "R 7 raw=22.71.22.2c.31.2c.32 [71][31][32]",
            "R 8 raw=6c.61.73.74.20.2c.20.6c.69.6e.65 [6c.61.73.74][6c.69.6e.65]",
            "R 9 raw=6e.6f.2c.74.65.72.6d.69.6e.61.74.6f.72.20.2c.20 [6e.6f][74.65.72.6d.69.6e.61.74.6f.72][]",
        ])
    }

    /// Seeded random files over the characters that matter to a CSV parser: both ways agree on all.
    func testRandomFilesAgreeWithLibcsv() throws {
        var rng = SplitMix64(seed: 0x5EED_C5F0)
        let pieces: [[UInt8]] = [[44], [44], [59], [10], [10], [13, 10], [13], [34], [34, 34], [32], [9], [32, 32],
                                 Array("ab".utf8), Array("12.5".utf8), [0xC3, 0xA9], [0], [0xEF, 0xBB, 0xBF], Array("x".utf8)]
        for delimiter: UInt8 in [44, 59] {
            for file in 0..<300 {
                var bytes: [UInt8] = []
                let n = rng.below(120)
                for _ in 0..<n { bytes += pieces[rng.below(pieces.count)] }
                let path = try write(bytes, "rand-\(delimiter)-\(file)")
                defer { unlink(path) }
                let fast = read(path, delimiter: delimiter, plain: true)
                let slow = read(path, delimiter: delimiter, plain: false)
                XCTAssertEqual(fast.events, slow.events, "file \(file): \(bytes)")
                XCTAssertEqual(fast.error, slow.error, "file \(file): \(bytes)")
            }
        }
    }

    /// Long lines with rare quotes, returns and padding: the sixteen-bytes-at-a-time scan finds the
    /// specials wherever they sit in a block.
    func testLongLinesWithRareSpecialsAgreeWithLibcsv() throws {
        var rng = SplitMix64(seed: 0xC0FF_EE11)
        let plain: [[UInt8]] = [Array("2026-11-10".utf8), Array("C202616".utf8), Array("payments".utf8), Array("4500.00".utf8),
                                Array("x".utf8), Array("completed".utf8), [0xC3, 0xA9], [44], [44], [44], [10]]
        let rare: [[UInt8]] = [[34], [13], [32], [9], [13, 10], [34, 34], [44, 32, 32]]
        for file in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<(40 + rng.below(200)) {
                bytes += rng.below(40) == 0 ? rare[rng.below(rare.count)] : plain[rng.below(plain.count)]
            }
            let path = try write(bytes, "long-\(file)")
            defer { unlink(path) }
            let fast = read(path, delimiter: 44, plain: true)
            let slow = read(path, delimiter: 44, plain: false)
            XCTAssertEqual(fast.events, slow.events, "file \(file): \(bytes)")
            XCTAssertEqual(fast.error, slow.error, "file \(file)")
        }
    }

    /// Lines of more fields than the span buffer first holds (256), with a quote or a return near
    /// the end of some: the sixteen-bytes-at-a-time split grows its buffer and agrees with libcsv.
    func testWideLinesGrowTheSpanBufferAndAgreeWithLibcsv() throws {
        var lines: [String] = []
        for width in [255, 256, 257, 700, 3000] {
            let fields = (0..<width).map { $0 % 7 == 0 ? " v\($0)\t" : "\($0)" }
            lines.append(fields.joined(separator: ","))
            lines.append(fields.joined(separator: ";") + ",\"q\"")
            lines.append(fields.joined(separator: ",") + "\r")
        }
        let path = try write(Array((lines.joined(separator: "\n") + "\n").utf8), "wide")
        defer { unlink(path) }
        let fast = read(path, delimiter: 44, plain: true)
        let slow = read(path, delimiter: 44, plain: false)
        XCTAssertEqual(fast.events, slow.events)
        XCTAssertEqual(fast.events.count, lines.count)
        XCTAssertTrue(fast.events[1].hasPrefix("R 2 "), "line 2 is a record of its own")
        XCTAssertEqual(fast.events[12].components(separatedBy: "][").count, 3000, "3000 fields on line 13")
    }

    /// A tab delimiter is also libcsv's padding: the Swift split is off and libcsv reads every line.
    func testTabDelimiterLeavesEveryLineToLibcsv() {
        XCTAssertFalse(CSVReader(path: "x", delimiter: 9).splitsPlainLines)
        XCTAssertTrue(CSVReader(path: "x", delimiter: 44).splitsPlainLines)
    }
}
