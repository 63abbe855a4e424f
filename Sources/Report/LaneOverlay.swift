/// Combines two step functions over time: the pieces between every change
/// point of either, each with the state `pick` gives for the two (nil: a gap),
/// equal neighbours merged. The lanes derived from several rows (a backend
/// seen with its host, a client with its connection) are built with it.
enum LaneOverlay {
    struct Step: Equatable {
        var start: Int64
        var end: Int64
        var state: String
    }

    /// The state of `steps` (sorted, not overlapping) at each piece.
    static func combine(
        _ first: [Step], _ second: [Step], from start: Int64, to end: Int64, pick: (String?, String?) -> (state: String, colour: String)?
    ) -> [TimelineLanes.Segment] {
        var points = Set<Int64>([start, end])
        for step in first + second {
            points.insert(min(max(step.start, start), end))
            points.insert(min(max(step.end, start), end))
        }
        let sorted = points.sorted()
        var segments: [TimelineLanes.Segment] = []
        for (left, right) in zip(sorted, sorted.dropFirst()) where right > left {
            guard let picked = pick(state(of: first, at: left), state(of: second, at: left)) else { continue }
            if var last = segments.last, last.end == left, last.state == picked.state, last.colourState == picked.colour {
                last.end = right
                segments[segments.count - 1] = last
            } else {
                segments.append(TimelineLanes.Segment(start: left, end: right, state: picked.state, colourState: picked.colour))
            }
        }
        return segments
    }

    /// The state holding at `time` (start inclusive, end exclusive).
    static func state(of steps: [Step], at time: Int64) -> String? {
        steps.last { $0.start <= time && time < $0.end }?.state
    }

    static func steps(_ segments: [TimelineLanes.Segment]) -> [Step] {
        segments.map { Step(start: $0.start, end: $0.end, state: $0.state) }
    }
}
