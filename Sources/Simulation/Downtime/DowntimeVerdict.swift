/// What a downtime recorder is told after an event (`World.downtimeVerdicts`).
enum DowntimeVerdict {
    case holds
    /// By `mechanism` (nil: none shown, the open stretch keeps its own),
    /// with `causes` in force (empty unless a stretch may take them).
    case fails(DowntimeMechanism?, causes: [DowntimeCause])
}
