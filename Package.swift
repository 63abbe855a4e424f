// swift-tools-version:6.0
import PackageDescription

// Layers point downward only (docs/ARCHITECTURE.md):
// {SimKernel, Raft} <- Simulation <- {ScenarioFile, ResultStore} <- Report <- HASimCLI <- hasim.
// SimKernel, Raft and Simulation are pure: no Foundation, no clock, no threads.
// No unsafe flags anywhere: SwiftPM refuses them in a versioned dependency.
// The test suite runs on a release build instead (README, "Run the tests").

let package = Package(
    name: "hasim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hasim", targets: ["hasim"]),
        // `import HASim` re-exports the model and the scenario reader, with the test API.
        .library(name: "HASim", targets: ["HASim", "SimKernel", "Raft", "NodeLifecycle", "Simulation", "ScenarioFile", "ResultStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .target(
            name: "SimKernel",
            dependencies: [
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "RealModule", package: "swift-numerics"),
            ]),
        .target(name: "Raft"),
        .target(name: "NodeLifecycle", dependencies: ["SimKernel"]),
        .target(
            name: "Simulation",
            dependencies: ["SimKernel", "Raft", "NodeLifecycle", .product(name: "RealModule", package: "swift-numerics")]),
        .target(
            name: "ScenarioFile",
            dependencies: ["Simulation", "SimKernel", "NodeLifecycle", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "ResultStore",
            dependencies: ["Simulation", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Report", dependencies: ["ResultStore", "SimKernel"]),
        .target(
            name: "HASimCLI",
            dependencies: [
                "SimKernel", "Simulation", "ScenarioFile", "ResultStore", "Report",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "HASim", dependencies: ["SimKernel", "Simulation", "ScenarioFile"]),
        .executableTarget(name: "hasim", dependencies: ["HASimCLI"]),
        // The scenario reader's fuzz target; Fuzz/run builds it with libFuzzer.
        .executableTarget(
            name: "scenario-fuzz", dependencies: ["ScenarioFile", "Simulation", "SimKernel", .product(name: "Yams", package: "Yams")],
            path: "Sources/ScenarioFuzz"),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "RaftTests", dependencies: ["Raft"]),
        .testTarget(name: "NodeLifecycleTests", dependencies: ["NodeLifecycle"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "SimKernel"]),
        .testTarget(
            name: "ScenarioFileTests", dependencies: ["ScenarioFile", "Simulation", "SimKernel", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "ResultStoreTests",
            dependencies: ["ResultStore", "Simulation", "SimKernel", "ScenarioFile", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "ResultStore", "ScenarioFile", "Simulation"]),
        .testTarget(
            name: "CLITests", dependencies: ["hasim", "HASimCLI", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ArgumentParser", package: "swift-argument-parser")],
            exclude: ["Fixtures"]),
        .testTarget(name: "HASimTests", dependencies: ["HASim"], exclude: ["Fixtures"]),
    ]
)
