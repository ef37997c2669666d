// swift-tools-version: 6.0
// libFuzzer targets for ProxyClash: built by `make fuzz` with
// `-sanitize=fuzzer,address -parse-as-library -use-ld=lld` (see the Makefile), never by `swift build` of the main package.
import Foundation
import PackageDescription

/// A path dependency's identity is its folder name, whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent
let targets = ["FuzzScan", "FuzzDecoder", "FuzzCompressed", "FuzzArchive", "FuzzTextShapes", "FuzzPatterns", "FuzzTimestamps"]
/// Targets of the report module.
let reportTargets = ["FuzzReportJSON"]

let package = Package(
    name: "ProxyClashFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "ProxyClashCore", package: root)]),
    ] + targets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "ProxyClashCore", package: root)])
    } + reportTargets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "ProxyClashReport", package: root)])
    }
)
