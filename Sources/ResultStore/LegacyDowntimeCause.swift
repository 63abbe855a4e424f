import Simulation

/// The causes of a `downtime` row stored before causes had fields (before
/// the `v5-downtime-causes` migration), read from its `cause` text: the only
/// place a cause text is parsed, so that old databases report as they did.
/// The text is what `DowntimeCause.text(of:)` printed: `none`, or items
/// joined by ", ", each `KIND TARGET`, a failure process's followed by
/// ` (failures[i])`. A target never holds a space (host, zone and component
/// names), so the last space splits kind from target; a scheduled fault's
/// text never named its entry, so its index is unknown (`.fault(nil)`).
/// Every item renders back to its text, so the report shows what was stored.
enum LegacyDowntimeCause {
    static func causes(_ text: String) -> [DowntimeCause] {
        guard text != DowntimeInterval.noCause, !text.isEmpty else { return [] }
        return text.split(separator: ", ", omittingEmptySubsequences: false).map { cause(String($0)) }
    }

    static func cause(_ item: String) -> DowntimeCause {
        var named = Substring(item)
        var origin = DowntimeCause.Origin.fault(nil)
        if let match = item.firstMatch(of: #/ \(failures\[([0-9]+)\]\)$/#), let index = Int(match.1) {
            origin = .failureProcess(index)
            named = item[..<match.range.lowerBound]
        }
        guard let space = named.lastIndex(of: " ") else { return DowntimeCause(fault: String(named), target: "", origin: origin) }
        return DowntimeCause(fault: String(named[..<space]), target: String(named[named.index(after: space)...]), origin: origin)
    }
}
