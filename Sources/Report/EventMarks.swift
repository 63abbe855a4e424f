import ResultStore

/// Events drawn as marks on their lanes. Events of one kind on one lane at
/// the same instant (a zone's hundred workers going down) make one mark
/// with a count, so a large run stays a small file.
struct EventMark {
    var time: Int64
    var laneKey: String?
    var kind: String
    /// The first events' "entity: detail", for the hover text.
    var examples: [String]
    var count: Int

    static let examplesShown = 5

    static func marks(events: [StoredRun.Event], lanes: TimelineLanes) -> [EventMark] {
        var marks: [EventMark] = []
        var laneOfEntity: [String: String?] = [:]
        for event in events where event.recordedKind != .faultStart && event.recordedKind != .faultEnd {
            let lane: String?
            if let known = laneOfEntity[event.entity] {
                lane = known
            } else {
                lane = lanes.laneKey(forEvent: event.entity)
                laneOfEntity[event.entity] = lane
            }
            let example = event.detail.isEmpty ? event.entity : "\(event.entity): \(event.detail)"
            if var last = marks.last, last.time == event.timeNanoseconds, last.laneKey == lane, last.kind == event.kind {
                if last.examples.count < examplesShown { last.examples.append(example) }
                last.count += 1
                marks[marks.count - 1] = last
            } else {
                marks.append(EventMark(time: event.timeNanoseconds, laneKey: lane, kind: event.kind, examples: [example], count: 1))
            }
        }
        return marks
    }

    /// The hover text: when, what, and on what.
    var title: String {
        var text = "\(TimeText.format(time))  \(kind)"
        if count > 1 { text += " ×\(count)" }
        text += "\n" + examples.joined(separator: "\n")
        if count > examples.count { text += "\n… and \(count - examples.count) more" }
        return text
    }
}
