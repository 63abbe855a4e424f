import Dispatch
import Foundation
import Simulation

/// Runs one scenario under many seeds on several threads. Runs are
/// independent pure functions (DESIGN.md §1: parallelism only between
/// runs), and results come back in seed order, so the output does not depend
/// on the number of threads.
enum ParallelRuns {
    struct Run: Sendable {
        var seed: UInt64
        var result: RunResult
        var wallSeconds: Double
    }

    static func simulate(_ scenario: Scenario, seeds: [UInt64], jobs: Int) -> [Run] {
        let slots = Slots(count: seeds.count)
        let workers = max(1, min(jobs, seeds.count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let clock = ContinuousClock()
            // Worker w takes seeds w, w + workers, w + 2 x workers, ...
            for index in stride(from: worker, to: seeds.count, by: workers) {
                let started = clock.now
                let result = Simulation.simulate(scenario, seed: seeds[index])
                slots.set(index, Run(seed: seeds[index], result: result, wallSeconds: (clock.now - started).wallSeconds))
            }
        }
        return slots.all()
    }

    /// Results by index, filled from several threads.
    private final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var runs: [Run?]

        init(count: Int) { runs = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ run: Run) {
            lock.lock()
            runs[index] = run
            lock.unlock()
        }

        func all() -> [Run] {
            lock.lock()
            defer { lock.unlock() }
            return runs.map { $0! }
        }
    }
}
