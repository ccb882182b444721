import Foundation
import RevenueCore

/// The keys of `channels/*.yaml`, shared by the validator and the JSON Schema generator.
enum ChannelSchema {
    static let topLevelKeys = ["version", "webhook_base_url", "adapters", "routes"]
    static let adapterKeys = ["provider", "base_url", "webhook_base_url", "credentials", "options"]
    static let routeKeys = ["client", "channel", "adapter", "sender", "rate_limit"]
    static let senderKeys = ["from", "from_name", "reply_to", "phone_number_id", "messaging_service_sid"]
    static let rateLimitKeys = ["per_second", "burst"]

    /// Channels each built-in provider serves.
    static let channels: [ProviderKind: [Channel]] = [
        .twilio: [.voice, .sms, .whatsapp],
        .whatsAppCloud: [.whatsapp],
        .elasticEmail: [.email],
        .smtp: [.email],
        .sandbox: Channel.allCases,
    ]

    /// Credentials each built-in provider needs.
    static let requiredCredentials: [ProviderKind: [String]] = [
        .twilio: ["account_sid", "auth_token"],
        .whatsAppCloud: ["access_token", "app_secret", "verify_token"],
        .elasticEmail: ["api_key"],
        .smtp: [],
        .sandbox: [],
    ]

    /// Options each built-in provider needs.
    static let requiredOptions: [ProviderKind: [String]] = [
        .smtp: ["host"],
    ]

    /// An environment variable name: what a credential value must be.
    static let environmentNamePattern = "^[A-Z_][A-Z0-9_]*$"

    static func isEnvironmentName(_ text: String) -> Bool {
        text.range(of: environmentNamePattern, options: .regularExpression) != nil
    }

    /// The draft-07 JSON Schema, pretty-printed with sorted keys and a trailing newline.
    static func jsonSchema() -> String {
        let url: [String: Any] = ["type": "string", "pattern": "^https?://"]
        let scalarOption: [String: Any] = ["type": ["string", "number", "boolean"]]
        let adapter: [String: Any] = [
            "type": "object",
            "description": "One provider instance.",
            "additionalProperties": false,
            "required": ["provider"],
            "properties": [
                "provider": ["type": "string", "enum": ProviderKind.builtIn.map(\.rawValue), "description": "Which provider this adapter talks to."],
                "base_url": url.merging(["description": "API base URL override (regional endpoint, fake server)."]) { $1 },
                "webhook_base_url": url.merging(["description": "Public base URL of our webhooks for this adapter."]) { $1 },
                "credentials": [
                    "type": "object",
                    "description": "Credential name -> environment variable NAME. Never a secret inline.",
                    "additionalProperties": ["type": "string", "pattern": environmentNamePattern],
                ] as [String: Any],
                "options": ["type": "object", "description": "Provider options (non-secret).", "additionalProperties": scalarOption] as [String: Any],
            ] as [String: Any],
        ]
        let sender: [String: Any] = [
            "type": "object",
            "additionalProperties": false,
            "properties": [
                "from": ["type": "string", "description": "E.164 number or e-mail address."],
                "from_name": ["type": "string"],
                "reply_to": ["type": "string", "format": "email"],
                "phone_number_id": ["type": "string", "pattern": "^[0-9]+$", "description": "Meta WhatsApp Cloud phone number id."],
                "messaging_service_sid": ["type": "string", "pattern": "^MG[0-9a-fA-F]{32}$"],
            ] as [String: Any],
        ]
        let route: [String: Any] = [
            "type": "object",
            "additionalProperties": false,
            "required": ["client", "channel", "adapter"],
            "properties": [
                "client": ["type": "string", "description": "A client id, or * for every client without its own route."],
                "channel": ["type": "string", "enum": Channel.allCases.map(\.rawValue)],
                "adapter": ["type": "string", "description": "The name of an adapter under `adapters`."],
                "sender": sender,
                "rate_limit": [
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["per_second"],
                    "properties": [
                        "per_second": ["type": "number", "exclusiveMinimum": 0],
                        "burst": ["type": "integer", "minimum": 1],
                    ] as [String: Any],
                ] as [String: Any],
            ] as [String: Any],
        ]
        let schema: [String: Any] = [
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": "https://revenue-asi.local/schemas/channels.schema.json",
            "title": "Revenue ASI channel configuration",
            "description": "channels/*.yaml: which adapter serves which channel for which client. Generated by ChannelConfigValidator.jsonSchema().",
            "type": "object",
            "additionalProperties": false,
            "required": ["version", "adapters", "routes"],
            "properties": [
                "version": ["type": "integer", "enum": [1]],
                "webhook_base_url": url,
                "adapters": ["type": "object", "minProperties": 1, "additionalProperties": adapter] as [String: Any],
                "routes": ["type": "array", "items": route] as [String: Any],
            ] as [String: Any],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: schema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
