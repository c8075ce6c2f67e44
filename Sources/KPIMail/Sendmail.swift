import Dispatch
import Foundation

/// Hands messages to the local mail program the way cron jobs do: `PROGRAM -t -i` with the message on
/// standard input (`-t`: recipients from the To/Cc headers; `-i`: a lone `.` line does not end it).
/// Works with Postfix's and Exim's sendmail, msmtp, and anything with that interface.
public enum Sendmail {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var program: String
        /// `exited with status 1`, `was not found`, …
        public var reason: String
        /// What the program printed on stderr (trimmed), when it ran.
        public var stderr: String
        public var description: String {
            "\(program) \(reason)" + (stderr.isEmpty ? "" : ": " + stderr)
        }
    }

    /// `Date: Mon, 16 Nov 2026 06:00:03 +0100` (RFC 5322 3.3) for `now`, local time.
    public static func dateHeader(now: time_t = time(nil)) -> String {
        var t = now
        var tmv = tm()
        localtime_r(&t, &tmv)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let offset = Int(tmv.tm_gmtoff) / 60
        let zone = (offset < 0 ? "-" : "+") + two(abs(offset) / 60) + two(abs(offset) % 60)
        return "Date: \(days[Int(tmv.tm_wday) % 7]), \(two(Int(tmv.tm_mday))) \(months[Int(tmv.tm_mon) % 12]) \(Int(tmv.tm_year) + 1900) "
            + "\(two(Int(tmv.tm_hour))):\(two(Int(tmv.tm_min))):\(two(Int(tmv.tm_sec))) \(zone)"
    }

    /// The message with `date` (a whole `Date: …` line, no line end) as its first header, unless it
    /// has a Date header already (a message sent before and saved again).
    public static func dated(_ message: [UInt8], date: String) -> [UInt8] {
        let header = headerBlock(message)
        let hasDate = header.split(separator: "\n").contains { $0.lowercased().hasPrefix("date:") }
        return hasDate ? message : Array((date + "\r\n").utf8) + message
    }

    /// The header block as text (up to the first empty line), for checks.
    static func headerBlock(_ message: [UInt8]) -> String {
        var end = message.count
        for i in 0..<max(0, message.count - 3) where message[i] == 13 && message[i + 1] == 10 && message[i + 2] == 13 && message[i + 3] == 10 {
            end = i
            break
        }
        return String(decoding: message[0..<end], as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// True when `bytes` look like a message this program wrote or could send: a header block with
    /// From and To, then an empty line.
    public static func looksLikeMessage(_ bytes: [UInt8]) -> Bool {
        let header = headerBlock(bytes).lowercased()
        guard header.utf8.count < bytes.count else { return false }
        let names = header.split(separator: "\n").map { $0.prefix { $0 != ":" } }
        return names.contains("from") && names.contains("to")
    }

    /// Runs `program -t -i` with the message on stdin and waits for it. The message goes as a file
    /// (not a pipe): a program that exits without reading cannot block or SIGPIPE this process.
    /// Line ends are LF, the local form that sendmail programs read; they send CRLF on the wire.
    public static func send(_ message: [UInt8], program: String) throws(Failure) {
        guard let path = resolve(program) else {
            throw Failure(program: program, reason: program.contains("/") ? "was not found" : "was not found on PATH", stderr: "")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(program: program, reason: "is not an executable file", stderr: "")
        }
        let input: FileHandle
        do { input = try temporaryFile(with: lf(message)) } catch {
            throw Failure(program: program, reason: "could not be given the message: \(error)", stderr: "")
        }
        defer { try? input.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-i"]
        process.standardInput = input
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw Failure(program: program, reason: "could not be started: \(error.localizedDescription)", stderr: "")
        }
        // Both streams are read while it runs, so neither pipe can fill up and stall it.
        let box = OutputBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            box.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let printed = (String(decoding: box.get(), as: UTF8.self) + String(decoding: stdout, as: UTF8.self))
            .split(whereSeparator: \.isNewline).joined(separator: " / ")
        switch (process.terminationReason, process.terminationStatus) {
        case (.exit, 0): return
        case (.exit, let code): throw Failure(program: program, reason: "exited with status \(code)", stderr: printed)
        case (_, let signal): throw Failure(program: program, reason: "was killed by signal \(signal)", stderr: printed)
        }
    }

    /// An absolute or relative path as it is; a bare name looked up on PATH.
    static func resolve(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.fileExists(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// CRLF → LF (the message has no lone CR or LF: its text parts are quoted-printable).
    static func lf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (i, b) in bytes.enumerated() where !(b == 13 && i + 1 < bytes.count && bytes[i + 1] == 10) { out.append(b) }
        return out
    }

    /// A file holding `bytes`, opened for reading and already unlinked (nothing left behind).
    static func temporaryFile(with bytes: [UInt8]) throws -> FileHandle {
        var template = Array((NSTemporaryDirectory() + "/kpireview-mail-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { p -> Int32 in
            // Invariant: `p` is the NUL-terminated template, alive for this call.
            guard let base = p.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        template.withUnsafeBufferPointer { p in
            if let base = p.baseAddress { unlink(base) }
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        try handle.write(contentsOf: Data(bytes))
        try handle.seek(toOffset: 0)
        return handle
    }
}

/// The stderr bytes read on another thread.
final class OutputBox: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
