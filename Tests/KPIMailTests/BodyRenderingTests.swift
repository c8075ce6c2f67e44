import Foundation
import KPIModel
import KPIReport
import XCTest
@testable import KPIMail

/// The HTML body in a real browser engine, as a mail client shows it: headless Chromium at the
/// 640 px the body is made for and at a phone's 400 px, with the `cid:` images resolved from the
/// message's parts (`Scripts/render_eml.py`). The charts are real 1200 × 480 PNGs, drawn by Chromium
/// from an SVG until the PNG chart renderer lands. `KPIREVIEW_SCREENSHOTS=DIR` keeps the pictures.
final class BodyRenderingTests: XCTestCase {
    static let chromium = "/usr/bin/chromium"

    func chromium(_ args: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: Self.chromium) else { throw XCTSkip("chromium is not installed") }
        let r = try runProgram(Self.chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + args)
        guard r.status == 0 else { throw ScriptFailed(message: "chromium exited \(r.status): \(r.stderr)") }
        return r.stdout
    }

    /// A chart-like PNG at 2× density: two panels, this year solid, last year dashed.
    func chartPNG(_ title: String, in dir: URL) throws -> [UInt8] {
        let page = dir.appendingPathComponent("chart.html"), png = dir.appendingPathComponent("chart.png")
        try """
        <!DOCTYPE html><html><body style="margin:0;background:#fff">
        <svg width="600" height="240" xmlns="http://www.w3.org/2000/svg" font-family="DejaVu Sans, sans-serif" font-size="11">
        <text x="10" y="16" font-size="13" font-weight="bold">\(title): last 6 weeks | last 12 months</text>
        <polyline fill="none" stroke="#93c5fd" stroke-width="2" stroke-dasharray="5,4" points="30,190 80,170 130,175 180,150 230,140 280,130"/>
        <polyline fill="none" stroke="#2563eb" stroke-width="2.5" points="30,180 80,150 130,160 180,120 230,110 280,90"/>
        <line x1="300" y1="30" x2="300" y2="220" stroke="#e5e7eb"/>
        <polyline fill="none" stroke="#2563eb" stroke-width="2.5" points="320,200 345,190 370,170 395,175 420,150 445,140 470,150 495,120 520,110 545,100 570,90 590,80"/>
        </svg></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        _ = try chromium(["--force-device-scale-factor=2", "--window-size=600,240", "--screenshot=\(png.path)", page.absoluteString])
        return [UInt8](try Data(contentsOf: png))
    }

    /// Width and height from a PNG's IHDR chunk.
    func pngSize(_ url: URL) throws -> (Int, Int) {
        let b = [UInt8](try Data(contentsOf: url))
        guard b.count > 24, b[12...15].elementsEqual(Array("IHDR".utf8)) else { throw ScriptFailed(message: "\(url.path) is not a PNG") }
        func be(_ i: Int) -> Int { b[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    func testBodyRendersAt640And400WithItsImages() throws {
        let dir = try scratchFolder(self)
        let images = try ["Revenue", "Orders"].enumerated().map { n, name in
            InlineImage(contentID: "chart-\(n + 1)-\(name.lowercased())", filename: "\(name.lowercased()).png",
                        png: try chartPNG(name, in: dir), width: 600, height: 240, alt: "\(name) trend")
        }
        let xlsx = Attachment(filename: "acme-weekly-2026-W46.xlsx", bytes: Array(repeating: 7, count: 24_000))
        // A complete week with groups, and a month in progress (one more scorecard column) per line.
        for (name, report) in [("weekly", MailFixtures.weekly()), ("monthly", MailFixtures.monthlyInProgress())] {
            let folder = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let eml = folder.appendingPathComponent("review.eml")
            try Data(ReviewMessage.render(report: report, headers: MailFixtures.headers, plainText: "# x\n",
                                          attachments: [xlsx], images: images)).write(to: eml)
            let render = mailTestsDirectory.appendingPathComponent("Scripts/render_eml.py").path
            let r = try runProgram("/usr/bin/env", ["python3", render, eml.path, folder.path, "--probe"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, "revenue.png\norders.png\n")
            // Headless Chromium's window is at least 500 px wide, so 400 px is a frame of that width.
            for (width, page, window) in [(640, "body.html", 640), (400, "phone.html", 500)] {
                let url = folder.appendingPathComponent(page).absoluteString
                // The body fits the viewport (no sideways scrolling) and both images load at their 2× size.
                let dom = try chromium(["--window-size=\(window),900", "--virtual-time-budget=3000", "--dump-dom", url])
                let probe = try XCTUnwrap(dom.components(separatedBy: "<pre id=\"probe\">").last?.components(separatedBy: "</pre>").first)
                XCTAssertEqual(probe, "scrollWidth=\(width) images=1200x480,1200x480", "\(name) at \(width) px")
                let shot = folder.appendingPathComponent("body-\(width).png")
                _ = try chromium(["--window-size=\(window),2300", "--virtual-time-budget=3000", "--screenshot=\(shot.path)", url])
                XCTAssertEqual(try pngSize(shot).0, window)
                if let keep = ProcessInfo.processInfo.environment["KPIREVIEW_SCREENSHOTS"] {
                    let target = keep + "/mail-\(name)-\(width).png"
                    try? FileManager.default.removeItem(atPath: target)
                    try FileManager.default.copyItem(atPath: shot.path, toPath: target)
                }
            }
        }
    }
}
