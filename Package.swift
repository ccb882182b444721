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
        .library(name: "ProviderHTTP", targets: ["ProviderHTTP"]),
        .library(name: "TwilioChannel", targets: ["TwilioChannel"]),
        .library(name: "WhatsAppCloudChannel", targets: ["WhatsAppCloudChannel"]),
        .library(name: "EmailChannel", targets: ["EmailChannel"]),
        .library(name: "SandboxChannel", targets: ["SandboxChannel"]),
        .library(name: "ChannelConfig", targets: ["ChannelConfig"]),
        .library(name: "RevenueTesting", targets: ["RevenueTesting"]),
        .library(name: "Server", targets: ["Server"]),
        .library(name: "Runtime", targets: ["Runtime"]),
        .library(name: "ClientConfig", targets: ["ClientConfig"]),
        .library(name: "SignedLinks", targets: ["SignedLinks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
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
        // Inbound messages: opt-out/opt-in/help keywords and reply intents, in Spanish and English.
        .target(name: "Conversations", dependencies: ["RevenueCore"], swiftSettings: strict),
        // The executable: the only place that wires concrete types together.
        .executableTarget(
            name: "revasi",
            dependencies: [
                "RevenueCore",
                "PlaybookDSL",
                "Engine",
                "LeadImport",
                "ChannelConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                "StoreSchema",
                "StoreSQLite",
                "StorePostgres",
                "Server",
                .product(name: "Logging", package: "swift-log"),
                "Runtime",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                "SandboxChannel",
                "TwilioChannel",
                "WhatsAppCloudChannel",
                "EmailChannel",
                "ProviderHTTP",
                "ClientConfig",
                "SignedLinks",
                "BenchTools",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
        // Client files (YAML): the client profile and rules, checked like a playbook, with a JSON Schema.
        .target(
            name: "ClientConfig",
            dependencies: ["RevenueCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .testTarget(name: "ClientConfigTests", dependencies: ["ClientConfig", "RevenueCore"], swiftSettings: strict),
        // Signed per-lead links (one-click unsubscribe, booking): HMAC tokens that carry no address.
        .target(
            name: "SignedLinks",
            dependencies: ["RevenueCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        .testTarget(name: "SignedLinksTests", dependencies: ["SignedLinks", "RevenueCore"], swiftSettings: strict),
        .testTarget(name: "RevenueCoreTests", dependencies: ["RevenueCore"]),
        .testTarget(name: "ConversationsTests", dependencies: ["Conversations"]),
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
        // Provider HTTP plumbing: the URLSession (libcurl) HTTPTransport, form encoding, safe compare.
        .target(name: "ProviderHTTP", dependencies: ["RevenueCore"], swiftSettings: strict),
        // Twilio voice (TwiML), SMS and WhatsApp; X-Twilio-Signature webhooks.
        .target(
            name: "TwilioChannel",
            dependencies: ["RevenueCore", "ProviderHTTP", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // Meta WhatsApp Cloud API: text and template messages; hub verification and signed events.
        .target(
            name: "WhatsAppCloudChannel",
            dependencies: ["RevenueCore", "ProviderHTTP", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // E-mail: Elastic Email v4 transactional API and SMTP submission; bounces, complaints, unsubscribes.
        .target(
            name: "EmailChannel",
            dependencies: [
                "RevenueCore", "ProviderHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // A deterministic simulated provider: seeded outcomes, rates and latency.
        .target(name: "SandboxChannel", dependencies: ["RevenueCore"], swiftSettings: strict),
        // The channels/*.yaml runtime configuration: parse with marks, diagnostics, JSON Schema.
        .target(
            name: "ChannelConfig",
            dependencies: ["RevenueCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Test support: fake provider servers on loopback that record what they receive.
        .target(
            name: "RevenueTesting",
            dependencies: [
                "RevenueCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Benchmark support beside the executable: runs wrk and reads its report (never in a production service).
        .target(name: "BenchTools", swiftSettings: strict),
        .testTarget(name: "BenchToolsTests", dependencies: ["BenchTools"], swiftSettings: strict),
        // Benchmark: webhook verification and parsing, sandbox decisions (docs/performance.md).
        .executableTarget(
            name: "ChannelBench",
            dependencies: [
                "RevenueCore", "ProviderHTTP", "TwilioChannel", "WhatsAppCloudChannel", "SandboxChannel",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "TwilioChannelTests", dependencies: ["TwilioChannel", "ProviderHTTP", "RevenueTesting", "RevenueCore"]),
        .testTarget(name: "WhatsAppCloudChannelTests", dependencies: ["WhatsAppCloudChannel", "ProviderHTTP", "RevenueTesting", "RevenueCore"]),
        .testTarget(name: "EmailChannelTests", dependencies: ["EmailChannel", "ProviderHTTP", "RevenueTesting", "RevenueCore"]),
        .testTarget(name: "SandboxChannelTests", dependencies: ["SandboxChannel", "RevenueCore"]),
        .testTarget(
            name: "ChannelConfigTests",
            dependencies: ["ChannelConfig", "RevenueCore", "SandboxChannel", "TwilioChannel", "WhatsAppCloudChannel", "EmailChannel", "RevenueTesting"]
        ),
        .testTarget(name: "ProviderHTTPTests", dependencies: ["ProviderHTTP", "RevenueTesting", "RevenueCore"]),
        // HTTP server: provider webhooks, the cockpit's JSON API, /metrics; JSON-lines log handler.
        .target(
            name: "Server",
            dependencies: [
                "RevenueCore", "ClientConfig",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "RevenueCore", "TwilioChannel", "WhatsAppCloudChannel", "EmailChannel", "StoreSQLite", "ClientConfig",
                "RevenueTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "RevenueCore", "StoreSchema", "StoreSQLite", "StorePostgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The daemon's loops: dispatch, enrolment, notifications, reconciliation, webhook events.
        // No web framework, database driver or concrete provider.
        .target(
            name: "Runtime",
            dependencies: [
                "RevenueCore", "Engine", "Conversations",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RuntimeTests",
            dependencies: [
                "Runtime", "RevenueCore", "Engine", "StoreSQLite", "StorePostgres", "SandboxChannel", "TwilioChannel", "WhatsAppCloudChannel",
                "RevenueTesting", "PlaybookDSL", "ProviderHTTP",
                .product(name: "Logging", package: "swift-log"),
                // The HTTP end-to-end test wires the server and the CSV import as `revasi serve`/`import` do.
                "Server", "LeadImport",
                // One-click unsubscribe and e-mail replies over loopback (issue 10 items 5 and 6).
                "SignedLinks", "EmailChannel",
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
