import Foundation
import XCTest
import KPITestSupport

/// `email.attach: [html]` attaches the folder's HTML report byte for byte (SPEC 11).
final class HTMLAttachmentTests: KPIReviewTestCase {
    func testTheHTMLReportCanBeAttached() throws {
        try write("kpireview.yml", baseConfig + "email:\n  from: kpi@acme.example\n  to: [pm@acme.example]\n  attach: [html]\n")
        try write("orders.csv", goodOrders)
        let r = try kpireview("run", "--as-of", "2026-11-15", "--out", "out")
        XCTAssertEqual(r.exitCode, 0, r.stderr)
        let folder = "out/weekly/2026-W46/"
        let html = try read(folder + "e2e-weekly-2026-W46.html")
        let message = try readText(folder + "e2e-weekly-2026-W46.eml")
        XCTAssertTrue(message.contains("Content-Disposition: attachment; filename=\"e2e-weekly-2026-W46.html\""), message)
        // Python's email parser finds the attachment and decodes it to the file in the folder.
        let script = """
        import email, email.policy, sys
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
        parts = [p for p in m.iter_attachments() if p.get_filename() == sys.argv[2]]
        assert len(parts) == 1, [p.get_filename() for p in m.iter_attachments()]
        assert parts[0].get_content_type() == 'text/html', parts[0].get_content_type()
        sys.stdout.buffer.write(parts[0].get_payload(decode=True))
        """
        let out = try Processes.python(["-c", script, dir.appendingPathComponent(folder + "e2e-weekly-2026-W46.eml").path, "e2e-weekly-2026-W46.html"])
        XCTAssertEqual(out.status, 0, out.stderrText)
        XCTAssertEqual(out.stdout, html)
    }
}
