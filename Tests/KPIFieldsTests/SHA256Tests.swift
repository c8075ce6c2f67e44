import XCTest
@testable import KPIFields

final class SHA256Tests: XCTestCase {
    func testFIPSVectors() {
        XCTAssertEqual(SHA256.hash([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hash(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testOneMillionAInUnevenUpdates() {
        var hasher = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var left = 1_000_000
        while left > 0 {
            let n = min(piece.count, left)
            hasher.update(Array(piece[0..<n]))
            left -= n
        }
        XCTAssertEqual(SHA256.hex(hasher.finalize()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundaries (55/56 bytes fit or spill the length field).
    func testPaddingBoundaries() {
        let expected: [Int: String] = [
            55: "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59",
            56: "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562",
            63: "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488",
            64: "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108",
            65: "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781",
            119: "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6",
            120: "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c",
        ]
        for (n, hex) in expected {
            let bytes = (0..<n).map { UInt8($0 % 251) }
            XCTAssertEqual(SHA256.hash(bytes), hex, "\(n) bytes")
            // Byte-at-a-time updates give the same digest.
            var hasher = SHA256()
            for b in bytes { hasher.update([b]) }
            XCTAssertEqual(SHA256.hex(hasher.finalize()), hex, "\(n) bytes, one at a time")
        }
    }

    func testHashFileReadsInChunks() throws {
        let count = (1 << 20) + 7
        var bytes = [UInt8](repeating: 0, count: count)
        for i in 0..<count { bytes[i] = UInt8(i % 251) }
        let path = NSTemporaryDirectory() + "kpifields-sha-\(getpid()).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try SHA256.hashFile(atPath: path)
        XCTAssertEqual(result.bytes, count)
        XCTAssertEqual(result.hex, "9e037498ddbb955fba0752812031c14ba299a4875cb400e8b8c1d77b3962c90e")
    }

    func testHashFileOfEmptyFile() throws {
        let path = NSTemporaryDirectory() + "kpifields-sha-empty-\(getpid()).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data().write(to: URL(fileURLWithPath: path))
        let result = try SHA256.hashFile(atPath: path)
        XCTAssertEqual(result.bytes, 0)
        XCTAssertEqual(result.hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testMissingFileErrorNamesPathAndReason() {
        XCTAssertThrowsError(try SHA256.hashFile(atPath: "/nonexistent/kpi/orders.csv")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("/nonexistent/kpi/orders.csv"), text)
            XCTAssertTrue(text.contains("No such file or directory"), text)
        }
    }
}
