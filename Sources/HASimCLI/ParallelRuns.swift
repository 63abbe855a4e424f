import Dispatch
import Foundation
import Simulation

/// Runs one scenario under many seeds on several threads. Runs are
/// independent pure functions (DESIGN.md §1: parallelism only between runs).
/// Each finished run is handed over at once, one at a time, so the caller can
/// store it and let it go: memory holds only the runs in flight, and an
/// interruption loses only those.
enum ParallelRuns {
    struct Run: Sendable {
        var index: Int
        var seed: UInt64
        var result: RunResult
        var wallSeconds: Double
    }

    /// Simulates a run per seed (run i with `seeds[i]`) on up to `jobs`
    /// threads, calling `finished` for each run as it completes, never two
    /// at once. A thread takes the next run only while `control` allows;
    /// the first error `finished` throws stops new runs and is rethrown.
    /// A run stopped by `limits` stops the batch the same way, with `RunStopped`.
    static func simulate(_ scenario: Scenario, seeds: [UInt64], jobs: Int, limits: RunLimits = .unlimited, control: RunControl,
                         finished: @escaping (Run) throws -> Void) throws {
        let count = seeds.count
        let workers = max(1, min(jobs, count))
        // Called only under the control's lock, one run at a time.
        nonisolated(unsafe) let finished = finished
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let clock = ContinuousClock()
            while let index = control.nextRun(below: count) {
                let seed = seeds[index]
                let started = clock.now
                do {
                    let result = try Simulation.simulate(scenario, seed: seed, limits: limits)
                    let run = Run(index: index, seed: seed, result: result, wallSeconds: (clock.now - started).wallSeconds)
                    control.deliver { try finished(run) }
                } catch {
                    control.deliver { throw error }
                }
            }
        }
        if let error = control.failure { throw error }
    }
}

/// What the threads of `ParallelRuns` share: the next run to start, whether
/// to stop, and the lock that serialises handing runs over (an interruption
/// takes it too, so it never lands in the middle of storing a run).
final class RunControl: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var stopped = false
    private(set) var failure: Error?
    /// Runs handed over so far.
    private(set) var delivered = 0

    func nextRun(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped, next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ body: () throws -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        do {
            try body()
            delivered += 1
        } catch {
            failure = error
            stopped = true
        }
    }

    /// Stops handing over runs and returns how many were, with the lock
    /// still held: no run is stored after this, and the caller exits.
    func stopForExit() -> Int {
        lock.lock()
        stopped = true
        return delivered
    }
}
