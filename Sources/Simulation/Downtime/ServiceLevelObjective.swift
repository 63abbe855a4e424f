import SimKernel

/// An SLO as a provider's SLA defines it (docs/SLO.md): an availability
/// condition's uptime in every window of `window` length must be at least
/// `availability`, where only whole "downtime periods" count as down.
///
/// The run is split into consecutive windows from time zero; a last window
/// shorter than `window` is dropped (`windows(of:duration:)`). Time is cut
/// into periods of `downtimePeriod` from time zero (the window is a whole
/// number of them); a period counts as down, its whole length, when the
/// condition was down for all of it, as providers count unavailable minutes
/// (or GKE's five consecutive minutes); a shorter failure counts nothing.
/// A window's uptime is 1 - counted downtime / window.
public struct ServiceLevelObjective: Hashable, Sendable {
    /// A provider's published SLA for its Kubernetes control plane. Each
    /// case's figures and their source are in docs/SLO.md.
    public enum Preset: String, CaseIterable, Hashable, Sendable {
        /// GKE regional cluster control plane: 99.95 % monthly uptime;
        /// https://cloud.google.com/archive/kubernetes-engine/sla-20231116 .
        /// Downtime Period: five consecutive minutes of Downtime, as the
        /// GKE SLA of 2017 defines it
        /// (https://cloud.google.com/kubernetes-engine/sla-20170804); the
        /// later texts found do not show theirs (docs/SLO.md).
        case gkeRegional = "gke-regional"
        /// GKE zonal cluster control plane: 99.5 %, the same texts.
        case gkeZonal = "gke-zonal"
        /// EKS: the Kubernetes endpoint available 99.95 % of each monthly
        /// billing cycle, https://aws.amazon.com/eks/sla/ ; service credits of
        /// 10 %, 25 % and 100 % below 99.95 %, 99.0 % and 95.0 %. Its
        /// definition of unavailability was not found: a minute counts as
        /// unavailable when the endpoint is down throughout it (assumed).
        case eks
        /// AKS Uptime SLA with availability zones: 99.95 % of the Kubernetes
        /// API server endpoint, https://docs.azure.cn/en-us/aks/uptime-sla
        /// (announced at https://techcommunity.microsoft.com/t5/apps-on-azure-blog/aks-introduces-uptime-sla/ba-p/1350832);
        /// per minute, assumed as for EKS.
        case aksZones = "aks-zones"
        /// AKS Uptime SLA without availability zones: 99.9 %, the same text.
        case aks

        public var availability: Double {
            switch self {
            case .gkeRegional, .eks, .aksZones: return 0.9995
            case .gkeZonal: return 0.995
            case .aks: return 0.999
            }
        }

        /// The providers judge calendar months (28 to 31 days); a window of
        /// fixed length keeps every window alike, so 30 days.
        public var window: SimDuration { .days(30) }

        public var downtimePeriod: SimDuration {
            switch self {
            case .gkeRegional, .gkeZonal: return .minutes(5)
            case .eks, .aksZones, .aks: return .minutes(1)
            }
        }

        /// The SLA text each figure is from.
        public var source: String {
            switch self {
            case .gkeRegional, .gkeZonal: return "https://cloud.google.com/archive/kubernetes-engine/sla-20231116"
            case .eks: return "https://aws.amazon.com/eks/sla/"
            case .aksZones, .aks: return "https://docs.azure.cn/en-us/aks/uptime-sla"
            }
        }
    }

    public static let defaultWindow = SimDuration.days(30)
    public static let defaultDowntimePeriod = SimDuration.minutes(1)

    public var condition: DowntimeCondition
    /// From 0 (exclusive) to 1.
    public var availability: Double
    public var window: SimDuration
    /// Divides `window` exactly.
    public var downtimePeriod: SimDuration
    /// The preset the figures started from, for the name; nil when none.
    public var preset: Preset?

    public init(
        condition: DowntimeCondition, availability: Double, window: SimDuration = Self.defaultWindow,
        downtimePeriod: SimDuration = Self.defaultDowntimePeriod, preset: Preset? = nil
    ) {
        self.condition = condition
        self.availability = availability
        self.window = window
        self.downtimePeriod = downtimePeriod
        self.preset = preset
    }

    /// The preset's figures, for `condition`.
    public init(condition: DowntimeCondition, preset: Preset) {
        self.init(
            condition: condition, availability: preset.availability, window: preset.window,
            downtimePeriod: preset.downtimePeriod, preset: preset)
    }

    /// `slo api.external 99.95% per 30d, 5m periods (gke-regional)`.
    public var name: String {
        "slo \(condition.rawValue) \(Self.percent(availability)) per \(window), \(downtimePeriod) periods"
            + (preset.map { " (\($0.rawValue))" } ?? "")
    }

    public var boundText: String { "uptime >= \(Self.percent(availability)) in every whole \(window) window" }

    /// 0.9995 as `99.95%`.
    public static func percent(_ fraction: Double) -> String {
        fraction.isNaN ? "n/a" : DecimalText.rounded(fraction * 100, decimals: 8) + "%"
    }

    /// One window of a run.
    public struct Window: Hashable, Sendable {
        /// From 0.
        public var index: Int
        public var start: SimInstant
        public var end: SimInstant
        /// Whole downtime periods during which the condition was down throughout.
        public var counted: SimDuration
        /// Every moment the condition was down, counted or not.
        public var down: SimDuration
        public var uptime: Double
        public var met: Bool
    }

    /// The whole windows of a run of `duration` and their counted downtime,
    /// from the condition's intervals among `intervals` (other conditions'
    /// are ignored). Intervals that touch or overlap are one stretch: a
    /// period down across the boundary between two attributed pieces is
    /// down throughout. A last window shorter than `window` is dropped, so
    /// that every window is alike: a 5-day remainder judged as a month
    /// would weigh as much as a month with a sixth of the exposure.
    public func windows(of intervals: [DowntimeInterval], duration: SimDuration) -> [Window] {
        let count = window > .zero ? Int(duration.nanoseconds / window.nanoseconds) : 0
        guard count > 0, downtimePeriod > .zero, window.nanoseconds % downtimePeriod.nanoseconds == 0 else { return [] }
        let period = downtimePeriod.nanoseconds
        let periodsPerWindow = window.nanoseconds / period
        var counted = [Int64](repeating: 0, count: count)
        var down = [Int64](repeating: 0, count: count)
        for stretch in Self.stretches(intervals.filter { $0.metric == condition.rawValue }) {
            // Raw downtime, clipped to each window it overlaps.
            let first = Int(stretch.start / window.nanoseconds)
            var index = first
            while index < count, Int64(index) * window.nanoseconds < stretch.end {
                let windowStart = Int64(index) * window.nanoseconds
                down[index] += min(stretch.end, windowStart + window.nanoseconds) - max(stretch.start, windowStart)
                index += 1
            }
            // Periods [j*P, (j+1)*P) wholly inside the stretch: j from ceil(start/P) up to floor(end/P).
            let firstPeriod = (stretch.start + period - 1) / period
            let endPeriod = stretch.end / period
            var j = firstPeriod
            while j < endPeriod {
                let index = Int(j / periodsPerWindow)
                guard index < count else { break }
                let last = min(endPeriod, Int64(index + 1) * periodsPerWindow)
                counted[index] += (last - j) * period
                j = last
            }
        }
        return (0..<count).map { index in
            let counted = SimDuration(nanoseconds: counted[index])
            let uptime = 1 - counted.seconds / window.seconds
            let start = SimInstant(window * Int64(index))
            return Window(
                index: index, start: start, end: start + window, counted: counted,
                down: SimDuration(nanoseconds: down[index]), uptime: uptime, met: uptime >= availability)
        }
    }

    /// The intervals as disjoint stretches [start, end) in nanoseconds, in
    /// order, touching ones joined.
    static func stretches(_ intervals: [DowntimeInterval]) -> [(start: Int64, end: Int64)] {
        let pieces: [(start: Int64, end: Int64)] = intervals.compactMap { interval in
            let start = interval.start.nanosecondsSinceStart, end = interval.end.nanosecondsSinceStart
            return end > start ? (start, end) : nil
        }
        let sorted = pieces.sorted { (a: (start: Int64, end: Int64), b: (start: Int64, end: Int64)) -> Bool in
            a.start != b.start ? a.start < b.start : a.end < b.end
        }
        var merged: [(start: Int64, end: Int64)] = []
        for (start, end) in sorted {
            if let last = merged.last, start <= last.end {
                merged[merged.count - 1].end = max(last.end, end)
            } else {
                merged.append((start, end))
            }
        }
        return merged
    }

    /// What `hasim check` prints beside the worst uptime: `worst window 3 of
    /// 12 (60d to 90d): uptime 99.91%, 38.0 min counted of 40.2 min down;
    /// 11 of 12 windows met; the last 5d (not a whole window) not judged`.
    public func detail(_ windows: [Window], worst: Window, duration: SimDuration) -> String {
        let met = windows.count { $0.met }
        var text =
            "worst window \(worst.index + 1) of \(windows.count) (\(worst.start.sinceStart) to \(worst.end.sinceStart)): "
            + "uptime \(Self.uptimePercent(worst.uptime)), \(Self.minutes(worst.counted)) min counted of \(Self.minutes(worst.down)) min down; "
            + "\(met) of \(windows.count) windows met"
        let rest = duration - window * Int64(windows.count)
        if rest > .zero { text += "; the last \(rest) (not a whole window) not judged" }
        return text
    }

    /// Minutes with one decimal.
    public static func minutes(_ duration: SimDuration) -> String {
        DecimalText.rounded(duration.seconds / 60, decimals: 1, trim: false)
    }

    /// An observed uptime to four decimals: `99.9537%`.
    public static func uptimePercent(_ fraction: Double) -> String {
        fraction.isNaN ? "n/a" : DecimalText.rounded(fraction * 100, decimals: 4) + "%"
    }

    /// The window with the lowest uptime (the first of equals), or nil.
    public static func worst(_ windows: [Window]) -> Window? {
        windows.min { $0.uptime < $1.uptime }
    }
}
