import Foundation
import XCTest

enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Text against `Golden/<name>`, reporting the first differing line. With KPIREVIEW_UPDATE_GOLDEN=1
    /// it records the file and fails, so every recorded golden is looked at before it is committed
    /// (`scripts/look-at-svg.sh` renders them all to one PNG).
    static func assert(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KPIREVIEW_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            XCTFail("recorded \(name): look at it, then rerun without KPIREVIEW_UPDATE_GOLDEN", file: file, line: line)
            return
        }
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        guard text != expected else { return }
        let a = text.components(separatedBy: ">"), b = expected.components(separatedBy: ">")
        let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        let got = i < a.count ? a[i] : "(end)", want = i < b.count ? b[i] : "(end)"
        XCTFail("\(name) differs at element \(i): got `\(got)>`, expected `\(want)>`", file: file, line: line)
    }
}
