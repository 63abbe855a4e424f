import SimKernel
import Testing

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("250ms", 250_000_000), ("1.5s", 1_500_000_000), ("20m", 1_200_000_000_000),
        ("1h30m", 5_400_000_000_000), ("7d", 604_800_000_000_000), ("100us", 100_000),
        ("1µs", 1_000), ("42ns", 42), ("0", 0), ("0.000000001s", 1), ("2h0.25s", 7_200_250_000_000),
    ] as [(String, Int64)])
    func parsesHumanDurations(text: String, nanoseconds: Int64) throws {
        #expect(try DurationText.parse(text) == SimDuration(nanoseconds: nanoseconds))
    }

    @Test(arguments: [
        (0, "0s"), (250_000_000, "250ms"), (1_500_000, "1.5ms"), (1_500_000_000, "1.5s"),
        (5_400_000_000_000, "1h30m"), (604_800_000_000_000, "7d"), (90_000_500_000_000, "1d1h0.5s"), (7, "7ns"),
    ] as [(Int64, String)])
    func printsCanonicalText(nanoseconds: Int64, text: String) {
        #expect(DurationText.format(SimDuration(nanoseconds: nanoseconds)) == text)
    }

    @Test func printedDurationsParseBackToTheSameValue() throws {
        var random = RandomStream(seed: 42)
        for _ in 0..<20_000 {
            // Spread over every magnitude from nanoseconds to years.
            let magnitude = random.nextInt(in: 0...56)
            let value = random.nextInt(in: 0...(Int64(1) << magnitude))
            let duration = SimDuration(nanoseconds: value)
            #expect(try DurationText.parse(DurationText.format(duration)) == duration)
        }
    }

    @Test(arguments: [
        ("2hours", "unknown unit \"hours\""),
        ("", "it is empty"),
        ("30m1h", "units must go from largest to smallest, each once"),
        ("-5s", "it is negative"),
        ("5", "a number has no unit"),
        ("1h h", "\" h\" does not start with a number"),
        ("999999999d", "it is too large"),
        // Found by the fuzzer: a trailing dot once read past the end.
        ("1s.", "\".\" has no digits"),
        (".", "\".\" has no digits"),
    ])
    func rejectsBadText(text: String, problem: String) {
        #expect(throws: DurationText.ParseError(text: text, problem: problem)) { try DurationText.parse(text) }
    }

    @Test func errorMessageShowsTheTextAndTheExpectedForm() {
        let error = DurationText.ParseError(text: "2hours", problem: "unknown unit \"hours\"")
        #expect(error.description == "bad duration \"2hours\": unknown unit \"hours\"; expected a number and a unit (ns, us, ms, s, m, h, d), e.g. 250ms, 1.5s, 1h30m")
    }
}
