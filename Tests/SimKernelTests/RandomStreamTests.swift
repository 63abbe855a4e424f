import SimKernel
import Testing

@Suite struct RandomStreamTests {
    /// Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    @Test func splitMix64MatchesTheReferenceOutputs() {
        var generator = SplitMix64(state: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    /// xoshiro256** with a state set by hand, against the reference algorithm
    /// (Blackman and Vigna's xoshiro256starstar.c) computed step by step.
    @Test func xoshiroMatchesTheReferenceAlgorithm() {
        var stream = RandomStream(seed: 0)
        var reference = SplitMix64(state: 0)
        var s = [reference.next(), reference.next(), reference.next(), reference.next()]
        func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
        for _ in 0..<100 {
            let expected = rotl(s[1] &* 5, 7) &* 9
            let t = s[1] << 17
            s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
            #expect(stream.next() == expected)
        }
    }

    /// Pinned: changing these numbers changes every stored result, so it must be deliberate.
    @Test func labelledStreamsArePinned() {
        var stream = RandomStream(rootSeed: 1, label: "faults/0")
        let outputs = (0..<3).map { _ in stream.next() }
        #expect(outputs.map { hex16Text($0) } == PinnedValues.faultsStreamSeed1)
        #expect(FNV1a.hash64("") == 0xCBF2_9CE4_8422_2325)
        #expect(FNV1a.hash64("a") == 0xAF63_DC4C_8601_EC8C)
        #expect(FNV1a.hash64("foobar") == 0x8594_4171_F739_67E8)
    }

    @Test func addingAStreamDoesNotShiftTheOthers() {
        var alone = RandomStreams(rootSeed: 9)
        let a1 = alone.stream("etcd/master-a-1/election")
        var crowded = RandomStreams(rootSeed: 9)
        _ = crowded.stream("net/a->b")
        let a2 = crowded.stream("etcd/master-a-1/election")
        #expect(alone[a1].next() == crowded[a2].next())
    }

    @Test func theUnseedChangesWhenAnyStreamIsDrawnDifferently() {
        var streams = RandomStreams(rootSeed: 5)
        let a = streams.stream("a")
        _ = streams.stream("b")
        let before = streams.unseed()
        #expect(streams.unseed() == before)
        _ = streams[a].next()
        #expect(streams.unseed() != before)
    }

    @Test func boundedIntegersStayInRangeAndCoverIt() {
        var stream = RandomStream(seed: 11)
        var counts = Array(repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[Int(stream.nextInt(below: 7))] += 1 }
        // Each bucket expects 10,000; 5 standard deviations is about ±475.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        for _ in 0..<1_000 {
            let value = stream.nextInt(in: -3...3)
            #expect((-3...3).contains(value))
        }
    }

    @Test func unitIntervalDoublesStayInRange() {
        var stream = RandomStream(seed: 12)
        for _ in 0..<10_000 {
            let closedOpen = stream.nextUnitInterval()
            let openClosed = stream.nextOpenUnitInterval()
            #expect(closedOpen >= 0 && closedOpen < 1)
            #expect(openClosed > 0 && openClosed <= 1)
        }
    }
}

func hex16Text(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

enum PinnedValues {
    static let faultsStreamSeed1 = ["48a28d9acd1c2655", "bad456afd872d3d0", "56acfe78e24758ea"]
}
