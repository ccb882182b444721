// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "RevenueASI",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "revasi", targets: ["revasi"]),
        .library(name: "RevenueCore", targets: ["RevenueCore"]),
        .library(name: "PlaybookDSL", targets: ["PlaybookDSL"]),
        .plugin(name: "ValidatePlaybooks", targets: ["ValidatePlaybooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Domain values and protocols only: no provider, driver or web framework.
        .target(
            name: "RevenueCore",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // YAML playbooks -> syntax tree with marks -> diagnostics -> CompiledPlaybook.
        .target(
            name: "PlaybookDSL",
            dependencies: [
                "RevenueCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The executable: the only place that wires concrete types together.
        .executableTarget(
            name: "revasi",
            dependencies: [
                "RevenueCore",
                "PlaybookDSL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "StoreSchema",
                "StoreSQLite",
                "StorePostgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The logical schema and store helpers shared by both Store implementations (no driver).
        .target(name: "StoreSchema", dependencies: ["RevenueCore"], swiftSettings: strict),
        // Store on SQLite (GRDB): the embedded default.
        .target(
            name: "StoreSQLite",
            dependencies: ["RevenueCore", "StoreSchema", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // Store on PostgreSQL (PostgresNIO): several daemons, one database.
        .target(
            name: "StorePostgres",
            dependencies: [
                "RevenueCore",
                "StoreSchema",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .plugin(
            name: "ValidatePlaybooks",
            capability: .command(
                intent: .custom(verb: "validate-playbooks", description: "Validate every playbook under playbooks/ with revasi"),
                permissions: []
            ),
            dependencies: ["revasi"]
        ),
        .testTarget(name: "RevenueCoreTests", dependencies: ["RevenueCore"]),
        .testTarget(
            name: "PlaybookDSLTests",
            dependencies: ["PlaybookDSL", "RevenueCore"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "RevenueCore", "StoreSchema", "StoreSQLite", "StorePostgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
