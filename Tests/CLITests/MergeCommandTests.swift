import Foundation
import GRDB
import Testing

/// `hasim merge` on inputs it must not merge (issue 21): a determinism
/// failure is reported (exit 1), an input `run --db` would refuse is refused
/// (exit 2), and a failed merge leaves no output file behind.
@Suite struct MergeCommandTests {
    static let quick = HASimProcess.fixtures.appendingPathComponent("quick.yaml").path

    /// A fresh folder of its own, so that no file left behind goes unseen.
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hasim-merge-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A database holding `run quick.yaml --seed` for each seed.
    func stored(_ seeds: [Int], in folder: URL, _ name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        for seed in seeds { #expect(try hasim("run", Self.quick, "--db", path, "--seed", "\(seed)").status == 0) }
        return path
    }

    func alter(_ path: String, _ sql: String) throws {
        try DatabaseQueue(path: path).writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    func files(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func differentDigestsForOneScenarioAndSeedAreADeterminismFailure() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try stored([1, 2], in: folder, "first.sqlite")
        let second = try stored([2, 3], in: folder, "second.sqlite")
        // As if seed 2 had simulated differently on the second machine.
        try alter(second, "UPDATE run SET digest = '00000000deadbeef' WHERE seed = 2")
        let output = folder.appendingPathComponent("merged.sqlite").path
        let outcome = try hasim("merge", output, first, second)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(
            outcome.stderr.hasPrefix(
                "error: determinism failure: the same scenario file and seed were stored with different digests: quick seed 2 {\"seed\":2} is "))
        #expect(outcome.stderr.hasSuffix(" in \(first) but 00000000deadbeef in \(second); nothing was merged\n"))
        // No output, not even an empty file or its temporary.
        #expect(try files(folder) == ["first.sqlite", "second.sqlite"])

        // Into an existing output: reported the same, the output keeps what it had.
        let existing = try stored([2], in: folder, "existing.sqlite")
        let into = try hasim("merge", existing, second)
        #expect(into.status == 1)
        #expect(into.stderr.contains("determinism failure"))
        #expect(try DatabaseQueue(path: existing).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") } == 1)

        // Other tool versions may model differently: their digests are not compared.
        try alter(second, "UPDATE run SET tool_version = '0.0.1' WHERE seed = 2")
        let versions = try hasim("merge", output, first, second)
        #expect(versions.status == 0)
        #expect(versions.stdout.hasSuffix("4 runs copied, 0 already present\n"))
    }

    @Test func anInputOfANewerSchemaIsRefusedAndNoOutputIsLeft() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try stored([1], in: folder, "newer.sqlite")
        try alter(input, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let output = folder.appendingPathComponent("merged.sqlite").path
        let outcome = try hasim("merge", output, input)
        #expect(outcome.status == 2)
        #expect(
            outcome.stderr
                == "error: input cannot use the results database \(input): its schema has migration \"v99-from-the-future\", unknown to this hasim (a newer version?); left unchanged\n"
        )
        #expect(try files(folder) == ["newer.sqlite"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        // `run` says the same of it.
        let run = try hasim("run", Self.quick, "--db", input)
        #expect(
            run.stderr
                == "error: cannot use the results database \(input): its schema has migration \"v99-from-the-future\", unknown to this hasim (a newer version?); left unchanged\n"
        )
    }

    @Test func anInputMissingATableIsRefusedAndNoOutputIsLeft() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try stored([1], in: folder, "dropped.sqlite")
        try alter(input, "DROP TABLE interval")
        let outcome = try hasim("merge", folder.appendingPathComponent("merged.sqlite").path, input)
        #expect(outcome.status == 2)
        #expect(
            outcome.stderr
                == "error: input cannot use the results database \(input): its table \"interval\" is missing although its migrations say it was made (altered by hand, or damaged); left unchanged\n"
        )
        #expect(try files(folder) == ["dropped.sqlite"])
    }

    /// A merge that fails after the output was made (an input that is not a
    /// results database at all) removes what it made.
    @Test func aFailedMergeIntoANewFileLeavesNothing() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try stored([1], in: folder, "good.sqlite")
        let text = folder.appendingPathComponent("notes.txt").path
        try Data("not a database, but long enough to look like a header of one....................................................".utf8)
            .write(to: URL(fileURLWithPath: text))
        let outcome = try hasim("merge", folder.appendingPathComponent("merged.sqlite").path, good, text)
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "error: input cannot use the results database \(text): it is not an SQLite database\n")
        #expect(try files(folder) == ["good.sqlite", "notes.txt"])
        let merged = folder.appendingPathComponent("merged.sqlite").path
        let fine = try hasim("merge", merged, good)
        #expect(fine.status == 0)
        #expect(try files(folder) == ["good.sqlite", "merged.sqlite", "notes.txt"])
    }
}
