import Foundation

/// A value axis for the sweep charts: a range padded around the data and
/// about five round ticks (1, 2 or 5 times a power of ten).
struct ValueAxis {
    let low: Double
    let high: Double
    let ticks: [Double]

    init(values: [Double]) {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if low == high {
            // A constant metric: a band around it, so its dots sit mid-chart.
            let pad = low == 0 ? 1 : abs(low) * 0.01
            low -= pad
            high += pad
        }
        let raw = (high - low) / 5
        let power = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
        let first = floor(low / step) * step, last = ceil(high / step) * step
        self.low = first
        self.high = last
        ticks = stride(from: first, through: last + step / 2, by: step).map { ($0 / step).rounded() * step }
    }

    /// A tick's label: short, and without binary noise (0.30000000000000004).
    static func label(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.4g", value)
    }
}
