import ArgumentParser
import Foundation
import SimKernel

/// `hasim bench`: micro-benchmarks of the engine, for release builds.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks (build with -c release).",
        subcommands: [KernelBench.self])
}

/// `hasim bench kernel`: the kernel's dispatch rate against a bare heap loop.
struct KernelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Dispatch rate of the event kernel with periodic timers, against a bare Heap push/pop loop.")

    @Option(help: "Number of periodic timers (period 100ms, jitter ±10ms).")
    var timers: Int = 1_000

    @Option(help: "Number of timer firings to dispatch.")
    var events: Int = 10_000_000

    @Option(help: "Repetitions of each loop; the fastest is reported.")
    var repeats: Int = 3

    enum Loop: String, ExpressibleByArgument, CaseIterable { case both, kernel, bare }

    @Option(help: "Which loop to run: both, kernel or bare (one loop lets an outside timer compare whole processes).")
    var loop: Loop = .both

    func validate() throws {
        guard timers > 0, events > 0, repeats > 0 else {
            throw ValidationError("--timers, --events and --repeats must be at least 1")
        }
    }

    func run() throws {
        let clock = ContinuousClock()
        var bestBare = Double.infinity, bestKernel = Double.infinity
        var bareCount = 0, kernelCount = 0
        for _ in 0..<repeats {
            if loop != .kernel {
                let start = clock.now
                bareCount = KernelBenchmark.runBareHeap(timers: timers, events: events, seed: 1).dispatched
                bestBare = min(bestBare, (clock.now - start).wallSeconds)
            }
            if loop != .bare {
                let start = clock.now
                kernelCount = KernelBenchmark.runKernel(timers: timers, events: events, seed: 1).dispatched
                bestKernel = min(bestKernel, (clock.now - start).wallSeconds)
            }
        }
        let bareRate = Double(bareCount) / bestBare
        let kernelRate = Double(kernelCount) / bestKernel
        print("timers \(timers), firings \(events), best of \(repeats)")
        if loop != .kernel {
            print(String(format: "bare heap: %d events in %.3f s = %.2f M events/s", bareCount, bestBare, bareRate / 1e6))
        }
        if loop != .bare {
            print(String(format: "kernel:    %d events in %.3f s = %.2f M events/s (incl. stale timer events)", kernelCount, bestKernel, kernelRate / 1e6))
        }
        if loop == .both {
            print(String(format: "kernel time per event / bare time per event = %.2fx", bareRate / kernelRate))
        }
    }
}
