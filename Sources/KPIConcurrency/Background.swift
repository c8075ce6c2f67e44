import Dispatch

/// A value computed on a thread of its own: a large source's digest or second half, a single
/// period's workbook or costly KPIs. `wait` blocks until it is there, or rethrows the body's error.
public final class Background<T: Sendable, Failure: Error>: @unchecked Sendable {
    private var result: Result<T, Failure>?
    private let done = DispatchSemaphore(value: 0)

    public init(_ body: @escaping @Sendable () throws(Failure) -> T) {
        // A queue of its own always gets a thread, even while the shared pool's are busy.
        DispatchQueue(label: "kpireview.background").async { [self] in
            do throws(Failure) { result = .success(try body()) } catch { result = .failure(error) }
            done.signal()
        }
    }

    public func wait() throws(Failure) -> T {
        done.wait()
        done.signal()  // later waits return at once
        switch result {
        case .success(let v): return v
        case .failure(let e): throw e
        case nil: preconditionFailure("signalled without a result")
        }
    }
}

/// A value handed to another thread whose type is not `Sendable`: the caller guarantees that the
/// two threads never use it at once (a report builder and its caches, an ingest pass).
public struct Unchecked<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
