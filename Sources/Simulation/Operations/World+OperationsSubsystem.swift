import SimKernel

/// The Operations subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: a scenario with master operations (adding or removing
/// masters, creating a load balancer) runs in detail throughout. Their steps
/// chain on absolute times (`at`) and long propagations that the model
/// holds, which a skip would have to move; they are rare and short beside a
/// year of failures.
extension World {
    static let operationsSubsystem = Subsystem(
        id: .operations,
        quiet: QuietSubsystem(
            isQuiet: { $0.scenario.operations.isEmpty },
            snapshot: { _ in QuietSnapshot() },
            repeatWindow: { _, _, _ in }))
}
