import RealModule

/// A mean over runs with its 95 % confidence interval by Student's t:
/// mean ± t(0.975, n-1) · s / √n, s the sample standard deviation.
///
/// Why Student's t here, where the sweep table's metrics use the percentile
/// bootstrap (HASimCLI/BootstrapInterval.swift): downtime a year is a sum
/// over independent runs whose mean the central limit theorem makes normal
/// at the seed counts a yearly figure needs (hundreds), the interval has a
/// closed form that tests can check by hand, and it stays defined when
/// every run but one saw no downtime. It can reach below zero for skewed
/// samples; `clampedAtZero` cuts it there, as a downtime cannot be negative.
public struct MeanInterval: Hashable, Sendable {
    public var n: Int
    public var mean: Double
    public var low: Double
    public var high: Double

    public init(n: Int, mean: Double, low: Double, high: Double) {
        self.n = n
        self.mean = mean
        self.low = low
        self.high = high
    }

    /// nil for no samples; one sample has mean but no interval (NaN bounds).
    public init?(samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let n = samples.count
        // Summed in the order given (seed order): the same samples, the same bits.
        let mean = samples.reduce(0, +) / Double(n)
        guard n > 1 else {
            self.init(n: 1, mean: mean, low: .nan, high: .nan)
            return
        }
        let squares = samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let standardError = (squares / Double(n - 1)).squareRoot() / Double(n).squareRoot()
        let half = StudentT.quantile975(degreesOfFreedom: n - 1) * standardError
        self.init(n: n, mean: mean, low: mean - half, high: mean + half)
    }

    public var clampedAtZero: MeanInterval {
        MeanInterval(n: n, mean: mean, low: low.isNaN ? low : Swift.max(0, low), high: high)
    }
}

/// The 0.975 quantile of Student's t distribution.
public enum StudentT {
    /// t(0.975, df) for df = 1...30 (NIST/SEMATECH e-Handbook of
    /// Statistical Methods, 1.3.6.7.2, "Critical values of the Student's t
    /// distribution").
    static let table: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]

    /// From the table up to 30 degrees of freedom; beyond, the Cornish-Fisher
    /// expansion of t around the normal quantile z = 1.959964 (Abramowitz
    /// and Stegun 26.7.5, three terms: within 2e-4 of the exact value at 31
    /// and closer above).
    public static func quantile975(degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "Student's t needs at least one degree of freedom")
        if df <= table.count { return table[df - 1] }
        let z = 1.959963984540054
        let v = Double(df)
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
        let g1 = (z3 + z) / 4
        let g2 = (5 * z5 + 16 * z3 + 3 * z) / 96
        let g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384
        return z + g1 / v + g2 / (v * v) + g3 / (v * v * v)
    }
}

/// "Nines" of an availability: -log10(1 - availability), infinite for no
/// downtime at all (99.9 % is 3 nines).
public func nines(unavailability: Double) -> Double {
    unavailability <= 0 ? .infinity : -Double.log10(unavailability)
}
