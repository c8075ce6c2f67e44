import Foundation
import XCTest
@testable import KPIMail

final class SendmailTests: XCTestCase {
    let message = Array("From: a@x.example\r\nTo: b@x.example\r\nSubject: hi\r\n\r\nbody\r\n.\r\nend\r\n".utf8)

    /// A stand-in sendmail that saves its arguments and standard input, then exits with `status`.
    func fakeSendmail(in dir: URL, status: Int = 0, stderr: String = "") throws -> URL {
        let script = dir.appendingPathComponent("sendmail")
        try """
        #!/bin/sh
        printf '%s\\n' "$@" > "\(dir.path)/args"
        cat > "\(dir.path)/stdin"
        printf '%s' '\(stderr)' >&2
        exit \(status)

        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script
    }

    func testPipesTheMessageWithLFLineEndsAndDashTDashI() throws {
        let dir = try scratchFolder(self)
        let program = try fakeSendmail(in: dir)
        try Sendmail.send(Sendmail.dated(message, date: "Date: Mon, 16 Nov 2026 06:00:00 +0000"), program: program.path)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("args"), encoding: .utf8), "-t\n-i\n")
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("stdin"), encoding: .utf8),
                       "Date: Mon, 16 Nov 2026 06:00:00 +0000\nFrom: a@x.example\nTo: b@x.example\nSubject: hi\n\nbody\n.\nend\n")
    }

    func testFailureNamesProgramStatusAndStderr() throws {
        let dir = try scratchFolder(self)
        let program = try fakeSendmail(in: dir, status: 75, stderr: "msmtp: cannot connect to relay\nsecond line")
        XCTAssertThrowsError(try Sendmail.send(message, program: program.path)) { error in
            XCTAssertEqual((error as? Sendmail.Failure)?.description,
                           "\(program.path) exited with status 75: msmtp: cannot connect to relay / second line")
        }
        XCTAssertThrowsError(try Sendmail.send(message, program: "/bin/false")) { error in
            XCTAssertEqual((error as? Sendmail.Failure)?.description, "/bin/false exited with status 1")
        }
        XCTAssertThrowsError(try Sendmail.send(message, program: "/no/such/sendmail")) { error in
            XCTAssertEqual((error as? Sendmail.Failure)?.description, "/no/such/sendmail was not found")
        }
        XCTAssertThrowsError(try Sendmail.send(message, program: "no-such-mailer-\(getpid())")) { error in
            XCTAssertEqual((error as? Sendmail.Failure)?.reason, "was not found on PATH")
        }
        XCTAssertThrowsError(try Sendmail.send(message, program: dir.path)) { error in
            XCTAssertEqual((error as? Sendmail.Failure)?.reason, "is not an executable file")
        }
    }

    func testDateIsAddedOnceAndWellFormed() {
        let date = Sendmail.dateHeader(now: 1_794_816_000)  // 2026-11-16 08:00:00 UTC
        XCTAssertNotNil(date.range(of: "^Date: (Mon|Tue|Sun), [0-9]{2} Nov 2026 [0-9]{2}:[0-9]{2}:00 [+-][0-9]{4}$", options: .regularExpression), date)
        let once = Sendmail.dated(message, date: date)
        XCTAssertEqual(Array(once.prefix(date.utf8.count + 2)), Array((date + "\r\n").utf8))
        XCTAssertEqual(Sendmail.dated(once, date: "Date: other"), once, "a message with a Date keeps it")
    }

    func testLooksLikeMessage() {
        XCTAssertTrue(Sendmail.looksLikeMessage(message))
        XCTAssertFalse(Sendmail.looksLikeMessage(Array("just some text\r\n".utf8)))
        XCTAssertFalse(Sendmail.looksLikeMessage(Array("From: a@x\r\nSubject: s\r\n\r\nno To\r\n".utf8)))
    }
}
