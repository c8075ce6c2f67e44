import Foundation
import KPIConfig
import KPIMail
import KPIModel

/// `run --send` and `kpireview send` (SPEC 11): messages go to `email.sendmail -t -i` with a `Date:`
/// added, only after every report is published; a message that cannot be sent makes the run exit 4
/// and leaves the reports as written.
enum EmailDelivery {
    /// One published report's message, and what `send_if` needs to know about it.
    struct Pending {
        /// The .eml's path, as the summary line names the folder.
        var path: String
        var message: [UInt8]
        /// The folder is new, or replaced by one whose files differ.
        var changed: Bool
        /// Why the report is an alert (empty when it is not).
        var alertReasons: [String]
        /// Index of the report's summary line in the run's stdout (nil with --quiet).
        var line: Int?
    }

    /// Whether `send_if` holds, and the note the summary line gets.
    static func decision(_ p: Pending, condition: SendCondition) -> (send: Bool, note: String) {
        switch condition {
        case .always: return (true, "sent")
        case .changed:
            return p.changed ? (true, "sent (changed)") : (false, "not sent (send_if: changed; same files as before)")
        case .alert:
            return p.alertReasons.isEmpty ? (false, "not sent (send_if: alert; no red status, rejected row, stale source or restatement)")
                : (true, "sent (alert: \(p.alertReasons.joined(separator: "; ")))")
        }
    }

    /// Sends what `send_if` lets through; appends each note to its summary line and an error per
    /// failed message. Returns true when every message that should go went.
    static func sendAll(_ pending: [Pending], email: EmailConfig, out: inout RunOutcome) -> Bool {
        var ok = true
        let date = Sendmail.dateHeader()
        for p in pending {
            var (send, note) = decision(p, condition: email.sendIf)
            if send {
                do { try Sendmail.send(Sendmail.dated(p.message, date: date), program: email.sendmail) } catch {
                    ok = false
                    note = "NOT SENT (\(error.program) failed)"
                    out.messages.append(Message(.error, "\(p.path): not sent: \(error.description)"))
                    out.messages.append(Message(.detail, "hint: the report is written; once the mail program works: kpireview send \(p.path)"))
                }
            }
            if let i = p.line, i < out.stdout.count { out.stdout[i] += ", " + note }
        }
        return ok
    }

    /// `kpireview send [--config FILE] FILE.eml…`: every file, unconditionally, with `email.sendmail`.
    static func send(files: [String], configPath: String) -> RunOutcome {
        var out = RunOutcome(exitCode: 0)
        let config: Config
        do { config = try ConfigLoader.load(path: configPath) } catch {
            out.exitCode = ExitStatus.usageError
            out.messages = error.errors.map { Message(.error, $0.description) }
            return out
        }
        guard let email = config.email else {
            out.exitCode = ExitStatus.usageError
            out.messages = [Message(.error, "\(configPath): send needs an 'email' block (its sendmail program): see docs/config.md#email")]
            return out
        }
        // Every file is read and checked before anything is sent.
        var messages: [(String, [UInt8])] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                out.messages.append(Message(.error, "\(path): cannot read the file"))
                continue
            }
            let bytes = [UInt8](data)
            guard Sendmail.looksLikeMessage(bytes) else {
                out.messages.append(Message(.error, "\(path): not an email message (no From and To header)"))
                continue
            }
            messages.append((path, bytes))
        }
        if !out.messages.isEmpty {
            out.exitCode = ExitStatus.inputError
            out.messages.append(Message(.error, "nothing sent"))
            return out
        }
        let date = Sendmail.dateHeader()
        for (path, bytes) in messages {
            do {
                try Sendmail.send(Sendmail.dated(bytes, date: date), program: email.sendmail)
                out.stdout.append("\(path) sent")
            } catch {
                out.exitCode = ExitStatus.emailNotSent
                out.messages.append(Message(.error, "\(path): not sent: \(error.description)"))
            }
        }
        return out
    }
}

/// `kpireview send`, for the command line.
public enum SendCommand {
    public static func execute(files: [String], configPath: String) -> RunOutcome {
        EmailDelivery.send(files: files, configPath: configPath)
    }
}
