import Foundation
import KPICalendar
import XCTest

@testable import KPIEngine

final class GenerateTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kpireview-generate-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    private static var demoFixtures: URL { packageRoot.appendingPathComponent("fixtures/demo") }

    /// Regenerates fixtures/demo: `KPIREVIEW_WRITE_FIXTURES=1 swift test --filter testWriteDemoFixtures`.
    func testWriteDemoFixtures() throws {
        guard ProcessInfo.processInfo.environment["KPIREVIEW_WRITE_FIXTURES"] == "1" else {
            throw XCTSkip("set KPIREVIEW_WRITE_FIXTURES=1 to rewrite fixtures/demo")
        }
        try SyntheticCompany.demo.write(to: Self.demoFixtures.path)
    }

    private func write(_ company: SyntheticCompany, _ name: String) throws -> URL {
        let dir = scratch.appendingPathComponent(name)
        try company.write(to: dir.path)
        return dir
    }

    private func bytes(_ dir: URL, _ file: String) throws -> Data {
        try Data(contentsOf: dir.appendingPathComponent(file))
    }

    private func rows(_ dir: URL, _ file: String) throws -> [[String]] {
        let text = try XCTUnwrap(String(data: bytes(dir, file), encoding: .utf8))
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// FNV-1a 64: enough to show two outputs are the same bytes.
    private func fnv1a(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private func hashes(_ dir: URL) throws -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for name in SyntheticCompany.fileNames { result[name] = fnv1a(try bytes(dir, name)) }
        return result
    }
}
