// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bptui",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bptui", targets: ["bptui"]),
        .library(name: "BackpropEngine", targets: ["BackpropEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "BackpropEngine"),
        .target(name: "BackpropTUI", dependencies: ["BackpropEngine"]),
        // Links libncursesw through its module map. No pkgConfig: SwiftPM would warn about
        // (and drop) the -D flags ncursesw.pc carries; shim.h defines what they would.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncursesw5-dev"])]),
        .executableTarget(
            name: "bptui",
            dependencies: [
                "BackpropEngine",
                "BackpropTUI",
                "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The C yardstick Playground's recorded speed is scaled by; the bench alone uses it.
        .target(name: "CLimitLoop"),
        .executableTarget(name: "bptui-bench", dependencies: ["BackpropEngine", "BackpropTUI", "CLimitLoop"]),
        // The post written out by hand, as the post writes it: the oracle the tests read the
        // one engine against.
        .target(name: "PostOracle", dependencies: ["BackpropEngine"], path: "Tests/PostOracle"),
        .testTarget(name: "BackpropEngineTests", dependencies: ["BackpropEngine", "PostOracle"]),
        .testTarget(name: "BackpropTUITests", dependencies: ["BackpropTUI", "BackpropEngine", "PostOracle"],
                    exclude: ["Golden"]),
        .testTarget(name: "bptuiTests", dependencies: ["bptui", "BackpropTUI", "BackpropEngine", "PostOracle"]),
    ],
    swiftLanguageModes: [.v6]
)
