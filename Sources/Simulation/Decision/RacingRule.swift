/// The racing rule of `hasim advise` (docs/DECIDING.md): which points of a
/// sweep to drop after each round of seeds, and when the race is over.
///
/// A racing algorithm spends runs only where they can still change the
/// answer: candidates are evaluated on a growing set of common instances
/// (here seeds, common random numbers: every point sees the same faults),
/// and after each round every candidate the evidence already rules out is
/// eliminated. The design follows F-Race (M. Birattari, T. Stützle,
/// L. Paquete, K. Varrentrapp, "A Racing Algorithm for Configuring
/// Metaheuristics", GECCO 2002) and the Hoeffding races before it
/// (O. Maron, A. W. Moore, "Hoeffding Races", NIPS 1993): sequential
/// elimination on blocked samples. Where F-Race ranks by a mean cost with a
/// Friedman test, the question here is a constraint and a cost: a point
/// must meet its SLOs, and among those that do the cheapest wins. So the
/// test is the 95 % Wilson interval of the fraction of SLO windows met
/// (`ServiceLevelSummary`), and a point is eliminated when
///
/// - its interval lies wholly below the target for some SLO: it **fails**;
/// - a point shown to meet every SLO costs less: it is **dominated** (as is
///   a point still racing that costs the same, since it cannot do better).
///
/// A point is **shown to meet** when the lower end of its interval is at
/// least the target for every SLO; it then runs no more seeds, and stays
/// the incumbent until a cheaper point is shown to meet. The race is over
/// when no point is still racing: every point cheaper than the cheapest
/// one shown to meet has been dropped. When the seeds run out first, the
/// points still racing are **undecided**.
///
/// Each round looks at the intervals afresh, with no correction for the
/// looks before it (as in F-Race): a point that the whole of the seeds
/// would show to meet can, rarely, be dropped early, and the reverse.
public struct RacingRule: Sendable {
    public enum Status: String, Hashable, Sendable {
        /// Still running seeds.
        case racing
        /// Shown to meet every SLO; runs no more seeds.
        case meets
        /// Shown to fail an SLO; dropped.
        case fails
        /// Costs at least as much as a point shown to meet; dropped.
        case dominated
    }

    /// What one point's runs so far show.
    public struct Evidence: Hashable, Sendable {
        /// Its cost a year.
        public var cost: Double
        /// Per SLO, the 95 % interval of the fraction of windows met.
        public var intervals: [ClosedRange<Double>]
        /// The mean downtime of the SLOs' conditions (in any one unit), to
        /// choose between points shown to meet at the same cost.
        public var downtime: Double

        public init(cost: Double, intervals: [ClosedRange<Double>], downtime: Double = 0) {
            self.cost = cost
            self.intervals = intervals
            self.downtime = downtime
        }
    }

    public struct Entry: Hashable, Sendable {
        public var status: Status = .racing
        /// The round (from 1) the point was shown to meet or dropped in.
        public var round: Int?
        /// The evidence of the last round the point ran.
        public var evidence: Evidence?
        /// For a dominated point: the point shown to meet that dominates it.
        public var dominatedBy: Int?
    }

    /// The fraction of windows a point must meet (`advise.target`).
    public var target: Double
    public private(set) var entries: [Entry]

    public init(target: Double, points: Int) {
        self.target = target
        entries = Array(repeating: Entry(), count: points)
    }

    /// The points still racing: the ones the next round runs.
    public var racing: [Int] { entries.indices.filter { entries[$0].status == .racing } }

    /// Costs compare as printed, to the cent: a few bytes more traffic do not make a point dearer.
    public static func cents(_ cost: Double) -> Int64 { Int64((cost * 100).rounded()) }

    /// Judges round `round` (from 1): `evidence` holds every racing point's
    /// runs over the round's seeds.
    public mutating func judge(round: Int, evidence: [Int: Evidence]) {
        for point in racing {
            guard let shown = evidence[point] else { continue }
            entries[point].evidence = shown
            if shown.intervals.allSatisfy({ $0.lowerBound >= target }) {
                entries[point].status = .meets
                entries[point].round = round
            } else if shown.intervals.contains(where: { $0.upperBound < target }) {
                entries[point].status = .fails
                entries[point].round = round
            }
        }
        guard let incumbent = cheapestMeeting else { return }
        let cost = Self.cents(entries[incumbent].evidence!.cost)
        for point in entries.indices {
            guard let shown = entries[point].evidence, entries[point].status == .racing || entries[point].status == .meets else { continue }
            let other = Self.cents(shown.cost)
            if other > cost || (other == cost && entries[point].status == .racing) {
                entries[point].status = .dominated
                entries[point].round = round
                entries[point].dominatedBy = incumbent
            }
        }
    }

    /// The point shown to meet at the lowest cost; of equal costs, the one
    /// whose worst SLO's interval starts highest, then the one with less
    /// downtime, then the first.
    public var cheapestMeeting: Int? {
        entries.indices.filter { entries[$0].status == .meets }.min { a, b in
            let (x, y) = (entries[a].evidence!, entries[b].evidence!)
            let (cx, cy) = (Self.cents(x.cost), Self.cents(y.cost))
            if cx != cy { return cx < cy }
            let (lx, ly) = (x.intervals.map(\.lowerBound).min() ?? 0, y.intervals.map(\.lowerBound).min() ?? 0)
            if lx != ly { return lx > ly }
            return x.downtime != y.downtime ? x.downtime < y.downtime : a < b
        }
    }

    /// Over when no point is racing.
    public var isOver: Bool { racing.isEmpty }
}
