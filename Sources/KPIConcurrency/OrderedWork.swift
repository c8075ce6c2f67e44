import Dispatch
import Foundation

/// Runs `count` jobs on worker threads and hands their results to the calling thread strictly in
/// job order, so a backfill builds periods on every core while it publishes and prints them in
/// order, exactly as one thread would.
///
/// Workers stay at most `window` jobs ahead of the consumer, so memory holds a few periods'
/// files, not the whole run's. The first failure in job order (a job's or the consumer's) stops
/// the run: no later job is consumed, workers finish the job in hand and take no other, and the
/// error is rethrown once every worker has returned.
public enum OrderedWork {
    public static func run<T: Sendable>(
        count: Int, workers: Int, window: Int,
        /// Called once per worker, on that worker's thread: its per-thread state (memo caches) lives in the closure.
        makeWorker: @escaping @Sendable () -> (Int) throws -> T,
        consume: (Int, T) throws -> Void
    ) throws {
        guard count > 0 else { return }
        let slots = Slots<T>(count: count, window: max(window, 1))
        let group = DispatchGroup()
        for _ in 0..<max(1, min(workers, count)) {
            DispatchQueue.global().async(group: group) {
                let job = makeWorker()
                while let i = slots.take() {
                    let r: Result<T, any Error>
                    do { r = .success(try job(i)) } catch { r = .failure(error) }
                    slots.put(i, r)
                }
            }
        }
        defer { slots.stop(); group.wait() }
        for i in 0..<count {
            try consume(i, try slots.result(i).get())
        }
    }

    /// The shared state: which job is next, which results wait for the consumer.
    private final class Slots<T: Sendable>: @unchecked Sendable {
        private let cond = NSCondition()
        private let count: Int, window: Int
        private var next = 0
        private var consumed = 0
        private var stopped = false
        private var ready: [Int: Result<T, any Error>] = [:]

        init(count: Int, window: Int) { self.count = count; self.window = window }

        /// The next job for a worker, waiting while it would run too far ahead; nil when none is left.
        func take() -> Int? {
            cond.lock(); defer { cond.unlock() }
            while !stopped && next < count && next >= consumed + window { cond.wait() }
            guard !stopped, next < count else { return nil }
            next += 1
            return next - 1
        }

        func put(_ i: Int, _ r: Result<T, any Error>) {
            cond.lock(); ready[i] = r; cond.broadcast(); cond.unlock()
        }

        /// Job `i`'s result, waiting until a worker has put it.
        func result(_ i: Int) -> Result<T, any Error> {
            cond.lock(); defer { cond.unlock() }
            while true {
                if let r = ready.removeValue(forKey: i) {
                    consumed = i + 1
                    cond.broadcast()
                    return r
                }
                cond.wait()
            }
        }

        func stop() { cond.lock(); stopped = true; cond.broadcast(); cond.unlock() }
    }
}
