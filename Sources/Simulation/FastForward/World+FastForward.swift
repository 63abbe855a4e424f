import SimKernel

/// Fast-forward through quiet time (issue 14, docs/FAST-FORWARD.md): once a
/// window, the World asks every subsystem whether it is quiet; after a
/// whole window with every subsystem quiet and nothing recorded, it skips
/// whole windows up to shortly before the next disturbance, repeating the
/// quiet window's work for each window skipped.
extension World {
    /// Whether `event` is a subsystem's deadline (`QuietSubsystem.isDeadline`).
    /// Asked of every pending event at a check, so only the subsystems that
    /// hold deadlines are asked.
    static func isDeadline(_ event: WorldEvent) -> Bool {
        deadlineChecks.contains { $0(event) }
    }

    private static let deadlineChecks = quietSubsystems.compactMap(\.isDeadline)

    /// The check at the end of each window (`now` is the check's instant):
    /// a frozen control plane thaws when its next disturbance is due within
    /// the window; a cluster quiet for a whole window skips; a control plane
    /// quiet for a whole window while the workers are busy freezes
    /// (World+FrozenControlPlane).
    mutating func checkQuiet() {
        fastForward.nextCheck = now + FastForward.window
        thawControlPlaneIfDue()
        let quiet = Self.quietSubsystems.map { $0.isQuiet(self) }
        if quiet.allSatisfy({ $0 }) {
            if skipQuietWindows() {
                fastForward.lastControlPlaneQuiet = nil
                thawControlPlaneIfDue()
                return
            }
        } else {
            fastForward.lastQuiet = nil
        }
        considerFreezingControlPlane(quiet: quiet)
    }

    /// Skips whole quiet windows when the window just ended was quiet as the
    /// one before it; returns whether it skipped.
    private mutating func skipQuietWindows() -> Bool {
        var snapshots = Self.quietSubsystems.map { $0.snapshot(self) }
        let changes = recording.timeline.changes + recording.events.recorded
        defer { fastForward.lastQuiet = (snapshots, changes) }
        guard let last = fastForward.lastQuiet, last.changes == changes,
            zip(last.snapshots, snapshots).allSatisfy({ $1.isQuiet(since: $0) })
        else { return false }
        // Quiet for the whole window just ended: skip whole windows, up to
        // the window in which the next disturbance falls. Skips are whole
        // windows and every steady loop's period divides a window, so the
        // disturbance, moved by whole windows, meets every loop (and every
        // deadline) in the phase it would have met it without the skip.
        let disturbance = min(queue.earliestTime(where: Self.isDisturbance) ?? end, end)
        var room = disturbance - now
        if let deadline = queue.earliestTime(where: Self.isDeadline) { room = min(room, deadline - now) }
        var windows = room.nanoseconds / FastForward.window.nanoseconds
        // Replayed requests count as work against the run's event limit: a
        // skip replays no more than the limit leaves, plus one window, so
        // that the next check stops the run.
        let replayedPerWindow = zip(last.snapshots, snapshots).reduce(0) { total, pair in
            total + pair.1.rated.indices.reduce(0) { $0 + (pair.1.rated[$1] != pair.0.rated[$1] ? pair.1.steady[$1] - pair.0.steady[$1] : 0) }
        }
        if replayedPerWindow > 0 {
            let left = fastForward.replayBudget - min(queue.dispatchedCount + fastForward.replayedRequests, fastForward.replayBudget)
            windows = min(windows, Int64(left / replayedPerWindow + 1))
        }
        guard windows >= 1 else { return false }
        let span = FastForward.window * windows
        // A skip that ends before a disturbance only the workers meet (a
        // worker's failure or repair) leaves the control plane frozen, so
        // that it need not be quiet for another window first.
        if fastForward.frozen == nil, controlPlaneDue - span - now >= FastForward.window * 2 {
            freezeControlPlane(earlier: zip(Self.quietSubsystems, last.snapshots).filter { $0.0.domain == .controlPlane }.map(\.1))
        }
        for (index, subsystem) in Self.quietSubsystems.enumerated() {
            // A frozen control plane's counters stand still: its work for
            // these windows is repeated when it thaws, but for what runs on.
            if fastForward.frozen != nil, subsystem.domain == .controlPlane {
                subsystem.repeatWhileFrozen(&self, last.snapshots[index], Int(windows))
                continue
            }
            subsystem.repeatWindow(&self, last.snapshots[index], Int(windows))
        }
        fastForward.frozen?.skippedWindows += Int(windows)
        skipRecorders(span)
        for subsystem in Self.quietSubsystems { subsystem.moveDeadlines(&self, span) }
        queue.pullEarlier(by: span) { Self.isDisturbance($0) || Self.isDeadline($0) }
        fastForward.recordSkip(span)
        // The next window is measured from here: the counters just jumped.
        snapshots = Self.quietSubsystems.map { $0.snapshot(self) }
        return true
    }
}
