import Dispatch
import Foundation
import ScenarioFile
import Simulation

/// Runs a sweep's pending (point, seed) pairs, `jobs` at a time, handing
/// each result to `finished` as soon as it is simulated (so it is stored as
/// it finishes, and an interruption loses only the runs in flight). Workers
/// take the next pending run in order; `finished` is called one run at a
/// time. Nothing here decides a result: each run is a pure function of its
/// scenario and seed.
final class SweepRunner: @unchecked Sendable {
    struct Work: Sendable {
        var point: SweepPoint
        var seed: UInt64
        /// The bounds this run is held to (`RunBudget.limits`).
        var limits: RunLimits = .unlimited
    }

    private let lock = NSLock()
    private let delivery = NSLock()
    private var next = 0
    private var stopping = false

    /// Asks the workers to take no new run; those in flight finish and are delivered.
    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
    }

    var stopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    private func take(_ count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopping, next < count else { return nil }
        next += 1
        return next - 1
    }

    func run(_ work: [Work], jobs: Int, finished: @escaping @Sendable (Work, RunResult, Double) throws -> Void) throws {
        let failure = FirstError()
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, work.count))) { _ in
            let clock = ContinuousClock()
            while let index = take(work.count) {
                let started = clock.now
                let result: RunResult
                do {
                    result = try simulate(work[index].point.scenario, seed: work[index].seed, limits: work[index].limits)
                } catch {
                    failure.set(error)
                    stop()
                    continue
                }
                let wall = (clock.now - started).wallSeconds
                delivery.lock()
                do {
                    try finished(work[index], result, wall)
                } catch {
                    failure.set(error)
                    stop()
                }
                delivery.unlock()
            }
        }
        if let error = failure.error { throw error }
    }

    private final class FirstError: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var error: Error?

        func set(_ error: Error) {
            lock.lock()
            if self.error == nil { self.error = error }
            lock.unlock()
        }
    }
}
