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
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "LeadImport", targets: ["LeadImport"]),
        .plugin(name: "ValidatePlaybooks", targets: ["ValidatePlaybooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
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
        // Pure decision logic: state machine, orchestrator, compliance scheduler, appointments,
        // scoring, templates and the dry-run simulator. No I/O; time is passed in.
        .target(
            name: "Engine",
            dependencies: ["RevenueCore"],
            swiftSettings: strict
        ),
        // Lead CSV files (HubSpot, Google Sheets, Excel) -> enriched leads; its own RFC 4180 byte parser.
        .target(
            name: "LeadImport",
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
                "Engine",
                "LeadImport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
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
        .testTarget(name: "EngineTests", dependencies: ["Engine", "RevenueCore"], swiftSettings: strict),
        .testTarget(
            name: "LeadImportTests",
            dependencies: ["LeadImport", "RevenueCore"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
