import Testing

@testable import Simulation

/// The SLO's texts are printed without Foundation (the model stays pure),
/// and read as `%.10g`, `%.6g` and `%.1f` did for the values they meet.
@Suite struct DecimalTextTests {
    @Test(
        arguments: [
            (0.9995 * 100, 8, true, "99.95"), (60.0, 4, true, "60"), (66.666_666_7, 4, true, "66.6667"),
            (99.953_71, 4, true, "99.9537"), (24.0, 1, false, "24.0"), (0.04, 1, false, "0.0"),
            (-0.25, 1, true, "-0.3"), (100.0, 8, true, "100"), (0.000_5, 4, true, "0.0005"),
        ] as [(Double, Int, Bool, String)])
    func roundsAndTrimsLikeTheFormatsItReplaces(value: Double, decimals: Int, trim: Bool, text: String) {
        #expect(DecimalText.rounded(value, decimals: decimals, trim: trim) == text)
    }

    @Test func undefinedIsNotANumber() {
        #expect(DecimalText.rounded(.nan, decimals: 2) == "n/a")
    }
}
