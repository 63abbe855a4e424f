import Dispatch
import Foundation

/// Ctrl-C (SIGINT) during a batch: stop cleanly between two stored runs, say
/// what was stored, and exit 130 (128 + SIGINT, the shell's convention).
/// Every stored run is complete (one transaction each); runs in flight are
/// not stored.
enum Interruption {
    /// Installs the handler; `report` gets the number of runs handed over
    /// and returns the line to print.
    static func handle(_ control: RunControl, report: @escaping @Sendable (Int) -> String) -> DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue.global())
        source.setEventHandler {
            let delivered = control.stopForExit()
            printError(report(delivered))
            exit(130)
        }
        source.resume()
        return source
    }
}
