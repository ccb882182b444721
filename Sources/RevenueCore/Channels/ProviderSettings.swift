/// Resolved settings for one adapter instance: what the registry's factories receive.
///
/// Built by the ChannelConfig target from `channels/*.yaml` plus the environment; secrets are
/// resolved values here and never printed (`description` lists names only).
public struct ProviderSettings: Sendable, Hashable, CustomStringConvertible {
    /// The adapter's name in the config (`twilio-main`).
    public var name: String
    public var kind: ProviderKind
    /// API base URL override (regional endpoint, fake server in tests).
    public var baseURL: String?
    /// Secret values by credential name (`auth_token`), resolved from environment variables.
    public var credentials: [String: String]
    /// Non-secret options (`voice: Polly.Mia`, `seed: 42`, `api_version: v21.0`).
    public var options: [String: String]
    /// Public base URL our webhooks are reachable at (status callbacks, signature checks).
    public var webhookBaseURL: String?

    public init(name: String, kind: ProviderKind, baseURL: String? = nil, credentials: [String: String] = [:], options: [String: String] = [:], webhookBaseURL: String? = nil) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.credentials = credentials
        self.options = options
        self.webhookBaseURL = webhookBaseURL
    }

    /// A credential, or `.misconfigured` naming the missing key (never its value).
    public func credential(_ key: String) throws(ChannelError) -> String {
        guard let value = credentials[key], !value.isEmpty else {
            throw ChannelError(.misconfigured, provider: kind, detail: "missing credential \(key)")
        }
        return value
    }

    /// A required option, or `.misconfigured`.
    public func option(_ key: String) throws(ChannelError) -> String {
        guard let value = options[key], !value.isEmpty else {
            throw ChannelError(.misconfigured, provider: kind, detail: "missing option \(key)")
        }
        return value
    }

    public var description: String {
        "\(name) (\(kind)) credentials: \(credentials.keys.sorted().joined(separator: ", "))"
    }
}
