import Foundation
import XCTest
import KPITestSupport

/// SPEC 11 end to end through the built binary: the `eml` format, `run --send` over a real mail path
/// (msmtp to an SMTP server on 127.0.0.1), `send_if`, exit 4, and `kpireview send`.
final class EmailTests: KPIReviewTestCase {
    let eml = w46 + "e2e-weekly-2026-W46.eml"

    func emailConfig(_ email: String) -> String {
        baseConfig + "email:\n" + email.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    func runEmail(_ extra: String...) throws -> CommandResult {
        try kpireview(["run", "--as-of", "2026-11-15", "--out", "out"] + extra)
    }

    /// A sendmail stand-in that keeps each message it is given as calls/N.eml.
    func recordingSendmail() throws -> String {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("calls"), withIntermediateDirectories: true)
        let calls = dir.appendingPathComponent("calls").path
        try write("record.sh", "#!/bin/sh\nn=$(ls \(calls) | wc -l)\ncat > \(calls)/$((n + 1)).eml\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.appendingPathComponent("record.sh").path)
        return dir.appendingPathComponent("record.sh").path
    }

    var recorded: [String] { files(under: "calls") }

    // MARK: The eml format

    func testEmlIsWrittenListedAndIdenticalOnRerun() throws {
        try write("kpireview.yml", emailConfig("from: \"KPI Review <kpi@acme.example>\"\nto: [pm@acme.example]"))
        try write("orders.csv", goodOrders)
        let first = try runEmail()
        assertExit(first, 0)
        XCTAssertEqual(first.stdoutLines, ["out/weekly/2026-W46/ weekly 2026-W46 (2026-11-09..2026-11-15) green 0, amber 0, red 0"],
                       "without --send the line says nothing about sending")
        XCTAssertEqual(files(under: w46), ["e2e-weekly-2026-W46.eml", "e2e-weekly-2026-W46.html", "e2e-weekly-2026-W46.json",
                                           "e2e-weekly-2026-W46.md", "e2e-weekly-2026-W46.xlsx", "manifest.json"])
        let bytes = try read(eml)
        let outputs = try XCTUnwrap(try json(w46 + "manifest.json")["outputs"] as? [[String: Any]])
        XCTAssertEqual(outputs.first { $0["path"] as? String == "e2e-weekly-2026-W46.eml" }?["bytes"] as? Int, bytes.count)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("From: KPI Review <kpi@acme.example>\r\nTo: pm@acme.example\r\nSubject: =?UTF-8?Q?E2E_review_=C2=B7_weekly_2026-W46:_0_red,_0_amber?=\r\n"), text)
        XCTAssertFalse(text.contains("\r\nDate:"))
        // The workbook is attached byte for byte (base64 of the file in the folder).
        XCTAssertTrue(text.contains("Content-Disposition: attachment; filename=\"e2e-weekly-2026-W46.xlsx\""))
        assertExit(try runEmail(), 0)
        XCTAssertEqual(try read(eml), bytes, "an identical rerun writes identical .eml bytes")
        XCTAssertEqual(files(under: "out/.history"), [], "and archives nothing")
    }

    /// The charts of SPEC 11: the first `email.charts` KPIs' 6-12 charts as PNG parts of a
    /// multipart/related, each shown by `cid:` in the HTML body; `charts: 0` sends none.
    func testEmlCarriesTheFirstChartsAsInlinePNGs() throws {
        try write("orders.csv", goodOrders)
        try write("kpireview.yml", emailConfig("from: \"KPI Review <kpi@acme.example>\"\nto: [pm@acme.example]\ncharts: 1"))
        assertExit(try runEmail(), 0)
        let script = """
        import email, email.policy, struct, sys
        m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
        html = next(p for p in m.walk() if p.get_content_type() == 'text/html').get_content()
        for p in m.walk():
            if p.get_content_type() == 'image/png':
                png = p.get_payload(decode=True)
                w, h = struct.unpack('>II', png[16:24])
                cid = p['Content-ID'].strip('<>').split('.')[0]
                print(p.get_filename(), cid, png[:8] == b'\\x89PNG\\r\\n\\x1a\\n', w, h, ('cid:' + p['Content-ID'].strip('<>')) in html, p.defects == [])
        print(m.get_content_type(), [q.get_content_type() for q in m.iter_parts()])
        """
        let one = try Processes.python(["-c", script, dir.appendingPathComponent(eml).path])
        XCTAssertEqual(one.status, 0, one.stderrText)
        XCTAssertEqual(one.stdoutText.split(separator: "\n").map(String.init), [
            "bookings.png chart-1-bookings True 1200 480 True True",
            "multipart/mixed ['multipart/related', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']",
        ])
        // Each chart is named by its KPI just above it, so a reader knows which it is.
        let titled = try Processes.python(["-c", """
            import email, email.policy, sys
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            html = next(p for p in m.walk() if p.get_content_type() == 'text/html').get_content()
            title = html.index('<b style="font-size:15px;">Bookings</b>')
            print(title < html.index('cid:chart-1-bookings') and html.index('<h2', 0) < title)
            """, dir.appendingPathComponent(eml).path])
        XCTAssertEqual(titled.stdoutText, "True\n", titled.stderrText)
        try write("kpireview.yml", emailConfig("from: \"KPI Review <kpi@acme.example>\"\nto: [pm@acme.example]\ncharts: 0"))
        assertExit(try runEmail(), 0)
        let none = try Processes.python(["-c", script, dir.appendingPathComponent(eml).path])
        XCTAssertEqual(none.status, 0, none.stderrText)
        XCTAssertEqual(none.stdoutText.split(separator: "\n").map(String.init), [
            "multipart/mixed ['multipart/alternative', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']",
        ], "charts: 0 leaves out the images and the related wrapper")
    }

    func testSendOrEmlWithoutEmailIsAUsageError() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders)
        let send = try runReview("--send")
        assertExit(send, 2)
        XCTAssertEqual(send.stderrLines.first, "kpireview: error: --send needs an 'email' block in kpireview.yml (from, to): see docs/config.md#email")
        let format = try kpireview("run", "--as-of", "2026-11-15", "--out", "out", "--format", "md,eml")
        assertExit(format, 2)
        XCTAssertEqual(format.stderrLines.first, "kpireview: error: --format eml needs an 'email' block in kpireview.yml (from, to): see docs/config.md#email")
        assertNothingWritten()
    }

    func testAttachingAFormatTheRunDoesNotWriteIsAUsageError() throws {
        try write("kpireview.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nattach: [xlsx, md]"))
        try write("orders.csv", goodOrders)
        let r = try runReview()  // --format md,json
        assertExit(r, 2)
        // `attach:` is on line 14 of the config; xlsx is its first item, at column 12.
        XCTAssertEqual(r.stderrLines, ["kpireview: error: kpireview.yml:14:12: email attaches xlsx, which this run does not write (--format: md,json)",
                                       "hint: add xlsx to --format, or remove it from email.attach"])
        assertNothingWritten()
    }

    // MARK: A real mail path

    func testRunSendDeliversTheEmlWithADateThroughSMTP() throws {
        let server = try SMTPSink(test: self, folder: dir.appendingPathComponent("inbox"))
        let sendmail = try msmtpWrapper(port: server.port)
        try write("kpireview.yml", emailConfig("""
        from: "KPI Review <kpi@acme.example>"
        to: [pm@acme.example, "\\"Lee, Ann\\" <ann@acme.example>"]
        cc: Zoë Müller <zoe@acme.example>
        attach: [xlsx, md]
        sendmail: \(sendmail)
        """))
        try write("orders.csv", goodOrders)
        let before = Date()
        let r = try runEmail("--send")
        assertExit(r, 0)
        XCTAssertEqual(r.stdoutLines, ["out/weekly/2026-W46/ weekly 2026-W46 (2026-11-09..2026-11-15) green 0, amber 0, red 0, sent"])
        let received = try server.waitForMessages(1)
        let written = try read(eml)
        // What the server received is the file plus one `Date:` line in front.
        let got = [UInt8](received[0].message)
        let dateEnd = try XCTUnwrap(got.firstIndex(of: 10))
        let dateLine = String(decoding: got[0..<dateEnd], as: UTF8.self)
        XCTAssertNotNil(dateLine.range(of: "^Date: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} 20[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}\r$",
                                       options: .regularExpression), dateLine)
        XCTAssertTrue(Array(got[(dateEnd + 1)...]) == [UInt8](written), "the received message differs from the .eml beyond its Date line")
        XCTAssertLessThan(abs(before.timeIntervalSinceNow), 120)
        XCTAssertEqual(received[0].envelope["mail_from"] as? String, "kpi@acme.example")
        XCTAssertEqual(received[0].envelope["rcpt_tos"] as? [String], ["pm@acme.example", "ann@acme.example", "zoe@acme.example"])
        // Python's email parser finds no defect in the message as received, and its attachment is the workbook.
        let check = try pythonEmailCheck(server.folder.appendingPathComponent("1.eml"))
        XCTAssertEqual(check["defects"] as? [String], [])
        let leaves = try XCTUnwrap(check["leaves"] as? [[String: Any]])
        // Both KPIs' charts (charts defaults to 4) sit between the body and the attachments.
        XCTAssertEqual(leaves.map { $0["type"] as? String }, ["text/plain", "text/html", "image/png", "image/png",
                                                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/markdown"])
        XCTAssertEqual(leaves[4]["sha256"] as? String, sha256(try read(w46 + "e2e-weekly-2026-W46.xlsx")))
        XCTAssertEqual(leaves[0]["text"] as? String, try readText(w46 + "e2e-weekly-2026-W46.md").replacingOccurrences(of: "\n", with: "\r\n"))
    }

    // MARK: Failing sendmail

    func testFailingSendmailExits4AndLeavesTheReportsWritten() throws {
        try write("orders.csv", goodOrders)
        for (program, reason) in [("/bin/false", "exited with status 1"), ("/no/such/sendmail", "was not found")] {
            for folder in ["out", "plain"] { try? FileManager.default.removeItem(at: dir.appendingPathComponent(folder)) }
            try write("kpireview.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nsendmail: \(program)"))
            assertExit(try kpireview("run", "--as-of", "2026-11-15", "--out", "plain"), 0)
            let r = try runEmail("--send")
            assertExit(r, 4)
            XCTAssertEqual(r.stdoutLines, ["out/weekly/2026-W46/ weekly 2026-W46 (2026-11-09..2026-11-15) green 0, amber 0, red 0, NOT SENT (\(program) failed)"])
            XCTAssertEqual(r.stderrLines, ["kpireview: error: \(eml): not sent: \(program) \(reason)",
                                           "hint: the report is written; once the mail program works: kpireview send \(eml)"])
            // Every report file is there, the same as a run that did not send.
            XCTAssertEqual(files(under: w46), files(under: "plain/weekly/2026-W46"))
            for f in files(under: w46) {
                XCTAssertEqual(try read(w46 + f), try read("plain/weekly/2026-W46/" + f), f)
            }
        }
    }

    func testSendmailsStderrIsShownAndExit4WinsOver3() throws {
        try write("fail.sh", "#!/bin/sh\ncat >/dev/null\necho 'msmtp: cannot connect to smtp.example.com, port 587' >&2\nexit 69\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.appendingPathComponent("fail.sh").path)
        try write("kpireview.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nsendmail: ./fail.sh"))
        try write("orders.csv", goodOrders + "2026-11-13,cloud,12x,ok\n")
        let r = try runEmail("--send")
        assertExit(r, 4)
        XCTAssertTrue(r.stderrLines.contains("kpireview: error: \(eml): not sent: ./fail.sh exited with status 69: msmtp: cannot connect to smtp.example.com, port 587"),
                      r.stderr)
        XCTAssertTrue(r.stderrLines.contains { $0.hasPrefix("kpireview: warning: 1 row of source 'orders' rejected, listed in out/rejects/orders.csv; the first: orders.csv:9:3: not a number") },
                      "the exit-3 reason is still said: \(r.stderr)")
    }

    // MARK: send_if

    func testSendIfAlertSendsOnlyAnAlert() throws {
        let sendmail = try recordingSendmail()
        try write("kpireview.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nsend_if: alert\nsendmail: \(sendmail)"))
        try write("orders.csv", goodOrders)
        let calm = try runEmail("--send")
        assertExit(calm, 0)
        XCTAssertEqual(calm.stdoutLines, ["out/weekly/2026-W46/ weekly 2026-W46 (2026-11-09..2026-11-15) green 0, amber 0, red 0, not sent (send_if: alert; no red status, rejected row, stale source or restatement)"])
        XCTAssertEqual(recorded, [], "nothing red, nothing rejected, nothing stale: nothing sent")
        XCTAssertTrue(exists(eml), "the message is still written")

        try write("orders.csv", goodOrders + "2026-11-13,cloud,12x,ok\n")
        let alert = try runEmail("--send")
        assertExit(alert, 3)
        XCTAssertEqual(alert.stdoutLines, ["out/weekly/2026-W46/ weekly 2026-W46 (2026-11-09..2026-11-15) green 0, amber 0, red 0, sent (alert: 1 rejected row)"])
        XCTAssertEqual(recorded, ["1.eml"])
    }

    /// A restatement (SPEC 6.6) is an alert: the complete W46 rerun after a late row restates itself.
    func testSendIfAlertCountsRestatements() throws {
        let sendmail = try recordingSendmail()
        try write("kpireview.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nsend_if: alert\nsendmail: \(sendmail)"))
        try write("orders.csv", goodOrders)
        assertExit(try runEmail("--send"), 0)
        XCTAssertEqual(recorded, [])
        try write("orders.csv", goodOrders + "2026-11-11,cloud,5,ok\n")
        let alert = try runEmail("--send")
        assertExit(alert, 0)
        XCTAssertEqual(alert.stdoutLines, ["out/weekly/2026-W46/ weekly 2026-W46 (2026-11-09..2026-11-15) green 0, amber 0, red 0, sent (alert: 4 restatements)"])
        XCTAssertEqual(recorded, ["1.eml"])
    }

    func testSendIfChangedSkipsAnIdenticalRerun() throws {
        let sendmail = try recordingSendmail()
        try write("kpireview.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nsend_if: changed\nsendmail: \(sendmail)"))
        try write("orders.csv", goodOrders)
        XCTAssertEqual(try runEmail("--send").stdoutLines.first?.hasSuffix(", sent (changed)"), true)
        let again = try runEmail("--send")
        assertExit(again, 0)
        XCTAssertEqual(again.stdoutLines.first?.hasSuffix(", not sent (send_if: changed; same files as before)"), true, again.stdout)
        try write("orders.csv", goodOrders + "2026-11-15,data,1,ok\n")
        XCTAssertEqual(try runEmail("--send").stdoutLines.first?.hasSuffix(", sent (changed)"), true)
        XCTAssertEqual(recorded, ["1.eml", "2.eml"])
        // The message piped is the file in LF form with a Date in front.
        let piped = try readText("calls/2.eml")
        XCTAssertTrue(piped.hasPrefix("Date: "))
        XCTAssertEqual(piped.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).last.map(String.init),
                       try readText(eml).replacingOccurrences(of: "\r\n", with: "\n"))
    }

    func testQuietSendPrintsNothingAndStillSends() throws {
        let sendmail = try recordingSendmail()
        try write("kpireview.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nsendmail: \(sendmail)"))
        try write("orders.csv", goodOrders)
        let r = try runEmail("--send", "--quiet", "--format", "md,json")
        assertExit(r, 2)  // attach xlsx (the default) but --format leaves it out
        let ok = try runEmail("--send", "--quiet", "--format", "xlsx")
        assertExit(ok, 0)
        XCTAssertEqual(ok.stdout, "")
        XCTAssertEqual(recorded, ["1.eml"])
        XCTAssertEqual(files(under: w46), ["e2e-weekly-2026-W46.eml", "e2e-weekly-2026-W46.xlsx", "manifest.json"], "--send adds eml")
    }

    // MARK: kpireview send

    func testSendCommandSendsEveryFileItIsGiven() throws {
        let sendmail = try recordingSendmail()
        try write("kpireview.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nsend_if: alert\nsendmail: \(sendmail)"))
        try write("orders.csv", goodOrders)
        assertExit(try runEmail(), 0)
        let r = try kpireview("send", eml)
        assertExit(r, 0)
        XCTAssertEqual(r.stdoutLines, ["\(eml) sent"], "unconditionally: send_if is for run --send")
        XCTAssertEqual(recorded, ["1.eml"])
        XCTAssertTrue(try readText("calls/1.eml").hasPrefix("Date: "))

        let missing = try kpireview("send", eml, "nope.eml")
        assertExit(missing, 1)
        XCTAssertEqual(missing.stderrLines, ["kpireview: error: nope.eml: cannot read the file", "kpireview: error: nothing sent"])
        XCTAssertEqual(recorded, ["1.eml"])

        try write("bad.yml", emailConfig("from: kpi@acme.example\nto: pm@acme.example\nsendmail: /bin/false"))
        let failed = try kpireview("send", "--config", "bad.yml", eml)
        assertExit(failed, 4)
        XCTAssertEqual(failed.stderrLines, ["kpireview: error: \(eml): not sent: /bin/false exited with status 1"])
    }

    // MARK: Helpers

    /// msmtp, configured for the test's server, behind a sendmail-like wrapper (`-t -i` pass through).
    func msmtpWrapper(port: Int) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp") else { throw XCTSkip("msmtp is not installed (make deps)") }
        let rc = dir.appendingPathComponent("msmtprc")
        try write("msmtprc", "account default\nhost 127.0.0.1\nport \(port)\nfrom kpi@acme.example\nauth off\ntls off\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: rc.path)
        try write("msmtp-sendmail", "#!/bin/sh\nexec /usr/bin/msmtp -C \(rc.path) \"$@\"\n")
        let wrapper = dir.appendingPathComponent("msmtp-sendmail").path
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
        return wrapper
    }

    func pythonEmailCheck(_ file: URL) throws -> [String: Any] {
        let script = packageRoot.appendingPathComponent("Tests/KPIMailTests/Scripts/check_eml.py").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, file.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let r = finish(p, out, err)
        XCTAssertEqual(r.exitCode, 0, r.stderr)
        let list = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
        return try XCTUnwrap(list?.first)
    }

    func sha256(_ data: Data) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let inPipe = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = inPipe
        p.standardOutput = out
        p.standardError = err
        try? p.run()
        inPipe.fileHandleForWriting.write(data)
        try? inPipe.fileHandleForWriting.close()
        return String(finish(p, out, err).stdout.prefix(64))
    }
}

/// `Scripts/smtp_sink.py`: a real SMTP server (aiosmtpd) on 127.0.0.1 and a port the system chose.
/// It stops when its stdin closes: on teardown, and by itself if the test process dies.
final class SMTPSink {
    let folder: URL
    let port: Int
    private let process = Process()
    private let stdin = Pipe()

    init(test: XCTestCase, folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard (try? Self.python(["-c", "import aiosmtpd"])) == 0 else { throw XCTSkip("Python's aiosmtpd is not installed (make deps)") }
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot.appendingPathComponent("Tests/KPIReviewCLITests/Scripts/smtp_sink.py").path, folder.path]
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let process = self.process, stdin = self.stdin
        test.addTeardownBlock {
            try? stdin.fileHandleForWriting.close()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([10]) { break }
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            throw ScriptError(message: "smtp_sink.py did not print its port (got \(String(decoding: line, as: UTF8.self)))")
        }
        self.port = port
    }

    static func python(_ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// The first `count` messages (bytes as received, envelope), waiting up to 10 s for them.
    func waitForMessages(_ count: Int) throws -> [(message: Data, envelope: [String: Any])] {
        let deadline = Date().addingTimeInterval(10)
        var out: [(Data, [String: Any])] = []
        while Date() < deadline {
            out = (1...count).compactMap { n in
                guard let m = FileManager.default.contents(atPath: folder.appendingPathComponent("\(n).eml").path),
                      let e = FileManager.default.contents(atPath: folder.appendingPathComponent("\(n).json").path),
                      let env = try? JSONSerialization.jsonObject(with: e) as? [String: Any] else { return nil }
                return (m, env)
            }
            if out.count == count { return out }
            usleep(50_000)
        }
        throw ScriptError(message: "the SMTP server received \(out.count) of \(count) messages")
    }
}

struct ScriptError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
