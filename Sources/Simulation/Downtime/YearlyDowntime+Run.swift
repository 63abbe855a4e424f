import SimKernel

extension YearlyDowntime {
    /// What one run contributes to the figures of many runs (yearly and
    /// per-occurrence downtime, SLO windows), summarised from its intervals
    /// when it is made, so that a sweep holds a few numbers a run instead of
    /// every interval: a simulated year of kubectl behind an unchecked
    /// target pool has about 15,000 short failing stretches, and the year
    /// sweep's 2,000 runs held 30.7 million of them.
    ///
    /// The sums are `DowntimeBreakdown`'s, taken in its order, so the figures
    /// come out bit for bit as they did from the intervals.
    public struct Run: Hashable, Sendable {
        /// One condition that failed in the run: its seconds, and each
        /// mechanism's seconds in the order the breakdown first names it.
        public struct Condition: Hashable, Sendable {
            public var condition: DowntimeCondition
            public var seconds: Double
            public var mechanisms: [MechanismSeconds]
            /// The part of `seconds` in stretches that began while maintenance
            /// (`maintenance[]`) was in force: the planned share of the downtime.
            public var maintenanceSeconds: Double
        }

        public struct MechanismSeconds: Hashable, Sendable {
            public var name: String
            public var seconds: Double
        }

        public var duration: SimDuration
        /// Every condition that failed at all, in `DowntimeCondition` order.
        public private(set) var conditions: [Condition]
        /// The whole windows of each objective the run was judged against
        /// (`ServiceLevelObjective.windows(of:duration:)`).
        public private(set) var windows: [ServiceLevelObjective: [ServiceLevelObjective.Window]]

        /// `objectives`: the SLOs whose windows the figures will need; a
        /// summary of an SLO the run was not judged against has no runs to
        /// go on (`ServiceLevelSummary` is nil).
        public init(duration: SimDuration, downtime: [DowntimeInterval], objectives: [ServiceLevelObjective]) {
            self.duration = duration
            conditions = DowntimeBreakdown.of(downtime).map { breakdown in
                var mechanisms: [MechanismSeconds] = []
                var maintenance = 0.0
                for part in breakdown.parts {
                    if part.causes.contains(where: { $0.origin.isMaintenance }) { maintenance += part.seconds }
                    if let index = mechanisms.firstIndex(where: { $0.name == part.mechanism }) {
                        mechanisms[index].seconds += part.seconds
                    } else {
                        mechanisms.append(MechanismSeconds(name: part.mechanism, seconds: part.seconds))
                    }
                }
                return Condition(condition: breakdown.condition, seconds: breakdown.seconds, mechanisms: mechanisms, maintenanceSeconds: maintenance)
            }
            var windows: [ServiceLevelObjective: [ServiceLevelObjective.Window]] = [:]
            for objective in objectives { windows[objective] = objective.windows(of: downtime, duration: duration) }
            self.windows = windows
        }

        /// The seconds `condition` failed, and by mechanism; nil when it did not fail.
        public func failing(_ condition: DowntimeCondition) -> Condition? {
            conditions.first { $0.condition == condition }
        }
    }
}
