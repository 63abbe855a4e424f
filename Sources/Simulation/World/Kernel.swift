import SimKernel

/// The World's kernel: what every subsystem uses and none owns. The event
/// queue with its clock, the named random streams, the changes the current
/// event announced (settled after it, World+Settle), and the fast-forward's
/// skipped time and check windows (FastForward/). The World's other stored
/// properties are the scenario and one value per subsystem.
struct Kernel {
    var queue = EventQueue<WorldEvent>()
    var random: RandomStreams
    var changes = WorldChanges()
    var fastForward: FastForward
}

extension World {
    // The kernel's parts under the names the subsystems use. `_read` and
    // `_modify` yield each in place, so that reading the clock, scheduling
    // an event or drawing a number neither copies nor retains the queue or
    // the streams, as reading a stored property did.
    var queue: EventQueue<WorldEvent> {
        _read { yield kernel.queue }
        _modify { yield &kernel.queue }
    }

    var random: RandomStreams {
        _read { yield kernel.random }
        _modify { yield &kernel.random }
    }

    var changes: WorldChanges {
        _read { yield kernel.changes }
        _modify { yield &kernel.changes }
    }

    var fastForward: FastForward {
        _read { yield kernel.fastForward }
        _modify { yield &kernel.fastForward }
    }

    /// Every host of the run, by id (`HostFleet.hosts`).
    public var hosts: [Host] { fleet.hosts }
}
