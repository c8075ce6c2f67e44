import Dispatch
import Foundation

/// A reading-progress bar on stderr, only when stderr is a terminal and the inputs exceed 50 MB
/// (SPEC 8). Progress is the process's own read count (`rchar` in /proc/self/io), so the importers'
/// hot path carries no bookkeeping for it.
final class ProgressBar: @unchecked Sendable {
    static let threshold = 50 * 1024 * 1024
    private let total: Int
    private let start: Int
    private let timer: DispatchSourceTimer
    private let lock = NSLock()
    private var shown = false

    /// Nil when no bar is wanted: not a terminal, or small inputs.
    init?(paths: [String]) {
        guard isatty(2) == 1 else { return nil }
        let sizes = paths.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 }
        total = sizes.reduce(0, +)
        guard total > ProgressBar.threshold, let now = ProgressBar.bytesRead() else { return nil }
        start = now
        timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + .milliseconds(200), repeating: .milliseconds(200))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    static func bytesRead() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("rchar:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    private func draw() {
        guard let now = ProgressBar.bytesRead() else { return }
        let done = min(max(now - start, 0), total)
        let width = 30
        let filled = done * width / max(total, 1)
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\rkpireview: reading [\(bar)] \(done * 100 / max(total, 1))% of \(total / 1_048_576) MB"
        lock.lock(); shown = true; lock.unlock()
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Stops the bar and clears its line (idempotent).
    func finish() {
        timer.cancel()
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); shown = false }
    }
}
