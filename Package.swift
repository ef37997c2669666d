// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ProxyClash",
    products: [
        .executable(name: "proxyclash", targets: ["proxyclash"]),
        .library(name: "ProxyClashCore", targets: ["ProxyClashCore"]),
        .library(name: "ProxyClashReport", targets: ["ProxyClashReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CZlibInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .target(name: "CStringSearch"),
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        .target(
            name: "ProxyClashCore",
            dependencies: [
                "PCRE2", "CZlibInflate", "CArchive", "CStringSearch",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The weekly summary's model: built by the history store, rendered by the report module,
        // which so never links SQLite.
        .target(name: "ProxyClashSummary", dependencies: ["ProxyClashCore"]),
        .target(
            name: "ProxyClashHistory",
            dependencies: ["ProxyClashCore", "ProxyClashSummary", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "ProxyClashReport",
            dependencies: [
                "ProxyClashCore", "ProxyClashSummary", "CStringSearch",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "proxyclash",
            dependencies: [
                "ProxyClashCore", "ProxyClashReport", "ProxyClashHistory", "ProxyClashSummary",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        .testTarget(
            name: "ProxyClashCoreTests",
            dependencies: ["ProxyClashCore", "CStringSearch"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ProxyClashReportTests",
            dependencies: ["ProxyClashReport", "ProxyClashCore", "ProxyClashHistory", "ProxyClashSummary"],
            resources: [.copy("Golden")]
        ),
        // Shared by the history and CLI tests: a second connection holding the store's lock, as
        // another run does.
        .target(name: "HistoryTestSupport", dependencies: [.product(name: "GRDB", package: "GRDB.swift")], path: "Tests/HistoryTestSupport"),
        .testTarget(name: "ProxyClashHistoryTests", dependencies: ["ProxyClashHistory", "ProxyClashCore", "ProxyClashSummary", "HistoryTestSupport"]),
        .testTarget(
            name: "ProxyClashCLITests",
            dependencies: ["proxyclash", "HistoryTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
