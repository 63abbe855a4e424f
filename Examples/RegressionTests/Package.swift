// swift-tools-version:6.0
import PackageDescription

// A package of regression tests for an HA control-plane design, depending on
// hasim by version as any other package would. Replace the URL with the
// place you get hasim from; CI (Examples/test-regression-example) points it
// at a local tag of the repository.
let package = Package(
    name: "RegressionTests",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/YOUR-ORG/hasim.git", from: "0.1.0"),
    ],
    targets: [
        .testTarget(
            name: "RegressionTests",
            dependencies: [.product(name: "HASim", package: "hasim")]),
    ]
)
