// swift-tools-version: 6.0
import PackageDescription

// The folders follow the data flow: Ingest → Clean → Analyse → Code → Output.
// SitrepCore has no dependencies so it builds and tests in seconds; the CLI and
// evaluation sit on top of it.
let package = Package(
    name: "Sitrep",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "SitrepCore", targets: ["SitrepCore"]),
        .executable(name: "sitrep", targets: ["sitrep"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already in the graph through Hummingbird; named for the server's connection handlers.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "SitrepCore",
            resources: [.copy("Resources")]
        ),
        .target(name: "SitrepEval", dependencies: ["SitrepCore"]),
        // The event store: merging, revisions and queries over SQLite (GRDB); SitrepCore stays dependency-free.
        .target(name: "SitrepStore", dependencies: ["SitrepCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // `sitrep serve`: the HTTP API and the dashboard (Hummingbird 2) over the event store.
        .target(
            name: "SitrepServer",
            dependencies: [
                "SitrepCore", "SitrepStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Dashboard"), .copy("openapi.json")]
        ),
        .executableTarget(
            name: "sitrep",
            dependencies: [
                "SitrepCore", "SitrepEval", "SitrepStore", "SitrepServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SitrepCoreTests",
            dependencies: ["SitrepCore", "SitrepEval"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SitrepStoreTests",
            dependencies: ["SitrepStore", "SitrepCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SitrepServerTests",
            dependencies: [
                "SitrepServer", "SitrepStore", "SitrepCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
