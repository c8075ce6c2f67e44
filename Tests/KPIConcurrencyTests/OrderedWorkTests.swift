import Foundation
import XCTest
@testable import KPIConcurrency

/// `OrderedWork`: results come back in job order whatever thread finished first, workers never run
/// more than `window` jobs ahead, and the first failure in order stops the run after every worker returned.
final class OrderedWorkTests: XCTestCase {
    struct Boom: Error, Equatable { var job: Int }

    /// What the jobs and the consumer saw, shared between threads.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var _started: [Int] = [], _running = 0, _consumed = 0, _aheadViolations: [Int] = []
        let window: Int
        init(window: Int) { self.window = window }

        func start(_ i: Int) {
            lock.lock(); defer { lock.unlock() }
            _started.append(i); _running += 1
            // The consumer may have taken job `consumed` already without being called yet: hence + 1.
            if i >= _consumed + window + 1 { _aheadViolations.append(i) }
        }
        func end() { lock.lock(); _running -= 1; lock.unlock() }
        func consumed() { lock.lock(); _consumed += 1; lock.unlock() }
        var started: [Int] { lock.lock(); defer { lock.unlock() }; return _started }
        var running: Int { lock.lock(); defer { lock.unlock() }; return _running }
        var aheadViolations: [Int] { lock.lock(); defer { lock.unlock() }; return _aheadViolations }
    }

    /// A job that takes a different amount of work per index, so workers finish out of order.
    static func work(_ i: Int) -> Int {
        var x = UInt64(i) &+ 1
        for _ in 0..<((i * 7919) % 13) * 2_000 { x = x &* 6_364_136_223_846_793_005 &+ 1 }
        return i * 10 + Int(x % 1)
    }

    func run(count: Int, workers: Int, window: Int, failAt: Int? = nil, consumerFailsAt: Int? = nil) -> (consumed: [Int], error: Error?, log: Log) {
        let log = Log(window: window)
        var consumed: [Int] = []
        var caught: Error?
        do {
            try OrderedWork.run(count: count, workers: workers, window: window, makeWorker: {
                { i in
                    log.start(i); defer { log.end() }
                    if i == failAt { throw Boom(job: i) }
                    return OrderedWorkTests.work(i)
                }
            }, consume: { i, value in
                log.consumed()
                XCTAssertEqual(value, i * 10, "job \(i)'s own result")
                if i == consumerFailsAt { throw Boom(job: -i) }
                consumed.append(i)
            })
        } catch { caught = error }
        return (consumed, caught, log)
    }

    func testEveryJobRunsOnceAndIsConsumedInOrder() {
        for (workers, window) in [(1, 1), (2, 1), (2, 4), (3, 2), (4, 8)] {
            let r = run(count: 200, workers: workers, window: window)
            XCTAssertNil(r.error)
            XCTAssertEqual(r.consumed, Array(0..<200), "workers \(workers), window \(window)")
            XCTAssertEqual(r.log.started.sorted(), Array(0..<200), "each job exactly once")
            XCTAssertEqual(r.log.aheadViolations, [], "never more than the window ahead of the consumer")
            XCTAssertEqual(r.log.running, 0, "every worker returned before run did")
        }
    }

    func testNoJobsCallsNothing() {
        let r = run(count: 0, workers: 2, window: 2)
        XCTAssertNil(r.error)
        XCTAssertEqual(r.consumed, [])
        XCTAssertEqual(r.log.started, [])
    }

    func testAFailedJobStopsTheRunAfterTheJobsBeforeIt() {
        for _ in 0..<20 {
            let r = run(count: 100, workers: 2, window: 3, failAt: 37)
            XCTAssertEqual(r.error as? Boom, Boom(job: 37))
            XCTAssertEqual(r.consumed, Array(0..<37), "the jobs before the failure, in order; none after")
            // Job 37's failure was taken with consumed = 38 at most: no job from 38 + 3 on ever started.
            XCTAssertEqual(r.log.started.filter { $0 >= 41 }, [])
            XCTAssertEqual(r.log.running, 0)
        }
    }

    func testAFailingConsumerStopsTheRun() {
        let r = run(count: 100, workers: 2, window: 2, consumerFailsAt: 5)
        XCTAssertEqual(r.error as? Boom, Boom(job: -5))
        XCTAssertEqual(r.consumed, [0, 1, 2, 3, 4])
        XCTAssertEqual(r.log.started.filter { $0 >= 8 }, [])
        XCTAssertEqual(r.log.running, 0)
    }

    func testAFailureOfTheFirstJobWins() {
        // Job 0 fails; job 1 (possibly finished first on the other worker) is never consumed.
        let r = run(count: 2, workers: 2, window: 2, failAt: 0)
        XCTAssertEqual(r.error as? Boom, Boom(job: 0))
        XCTAssertEqual(r.consumed, [])
    }
}
