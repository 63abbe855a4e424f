import SimKernel

/// The Operations subsystem's line in `World.subsystems`. Its part in the
/// fast-forward: an operation's start is a disturbance (it falls at the
/// time the scenario gives it, `MasterOperation.at`, which a skip brings
/// closer as it does a failure's), and the subsystem is quiet while no
/// operation runs. A running one chains its steps on the model's own times
/// (a VM's boot, a propagation, kubeadm's polls), so it keeps the run
/// detailed until its last step and the aftermath that downtime is still
/// attributed to it (`Operations.inForce`).
extension World {
    static let operationsSubsystem = Subsystem(
        id: .operations,
        someDisturb: { event in
            if case .operations(.step(_, .begin)) = event { return true }
            return false
        },
        quiet: QuietSubsystem(
            isQuiet: { $0.operations.isIdle(at: $0.now) },
            snapshot: { _ in QuietSnapshot() },
            repeatWindow: { _, _, _ in }))
}
