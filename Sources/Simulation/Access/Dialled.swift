import SimKernel

/// A new connection's backend, and how long connecting took beyond the
/// network's own delay (HAProxy's retries, `World.haproxyConnects`).
struct Dialled {
    let host: Int
    var after = SimDuration.zero
}
