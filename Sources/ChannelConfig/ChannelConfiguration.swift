import RevenueCore

/// A validated `channels/*.yaml`: adapters (provider instances) and routes (client × channel → adapter).
public struct ChannelConfiguration: Sendable, Hashable {
    public var version: Int
    /// Public base URL our webhooks are reachable at, for every adapter unless it sets its own.
    public var webhookBaseURL: String?
    /// Adapters by name, sorted by name.
    public var adapters: [AdapterConfig]
    /// Routes in file order.
    public var routes: [RouteConfig]

    public init(version: Int = 1, webhookBaseURL: String? = nil, adapters: [AdapterConfig], routes: [RouteConfig]) {
        self.version = version
        self.webhookBaseURL = webhookBaseURL
        self.adapters = adapters
        self.routes = routes
    }

    /// The adapter named `name`.
    public func adapter(named name: String) -> AdapterConfig? { adapters.first { $0.name == name } }

    /// The route serving `channel` for `client`: the client's own route first, else the `*` route.
    public func route(client: ClientID, channel: Channel) -> RouteConfig? {
        routes.first { $0.client == client.rawValue && $0.channel == channel }
            ?? routes.first { $0.client == RouteConfig.anyClient && $0.channel == channel }
    }

    /// Every environment variable name the configuration reads, sorted.
    public var environmentVariables: [String] {
        Array(Set(adapters.flatMap { $0.credentials.values })).sorted()
    }

    /// The settings an adapter factory receives for `route`, with credentials read from `environment`.
    /// Throws naming the missing variable (never a value).
    public func settings(for route: RouteConfig, environment: [String: String]) throws(ChannelConfigError) -> ProviderSettings {
        guard let adapter = adapter(named: route.adapter) else { throw .unknownAdapter(route.adapter) }
        var credentials: [String: String] = [:]
        for (key, variable) in adapter.credentials.sorted(by: { $0.key < $1.key }) {
            guard let value = environment[variable], !value.isEmpty else { throw .missingEnvironment(variable) }
            credentials[key] = value
        }
        var options = adapter.options
        for (key, value) in route.sender.options { options[key] = value }
        return ProviderSettings(
            name: adapter.name, kind: adapter.provider, baseURL: adapter.baseURL, credentials: credentials,
            options: options, webhookBaseURL: adapter.webhookBaseURL ?? webhookBaseURL)
    }
}

/// One provider instance: `adapters.<name>` in the file.
public struct AdapterConfig: Sendable, Hashable {
    public var name: String
    public var provider: ProviderKind
    public var baseURL: String?
    public var webhookBaseURL: String?
    /// Credential name → environment variable name (never the secret itself).
    public var credentials: [String: String]
    /// Provider options (non-secret), as strings.
    public var options: [String: String]

    public init(name: String, provider: ProviderKind, baseURL: String? = nil, webhookBaseURL: String? = nil, credentials: [String: String] = [:], options: [String: String] = [:]) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.webhookBaseURL = webhookBaseURL
        self.credentials = credentials
        self.options = options
    }
}

/// Which adapter serves a channel for a client, as whom, how fast.
public struct RouteConfig: Sendable, Hashable {
    /// The wildcard client.
    public static let anyClient = "*"
    /// A client id, or `*` for every client without its own route.
    public var client: String
    public var channel: Channel
    public var adapter: String
    public var sender: SenderIdentity
    public var rateLimit: RateLimit?

    public init(client: String, channel: Channel, adapter: String, sender: SenderIdentity = .init(), rateLimit: RateLimit? = nil) {
        self.client = client
        self.channel = channel
        self.adapter = adapter
        self.sender = sender
        self.rateLimit = rateLimit
    }
}

/// Who a message comes from.
public struct SenderIdentity: Sendable, Hashable {
    /// E.164 number (voice, SMS, Twilio WhatsApp) or e-mail address.
    public var from: String?
    /// Display name for e-mail.
    public var fromName: String?
    public var replyTo: String?
    /// Meta WhatsApp Cloud phone number id.
    public var phoneNumberID: String?
    /// Twilio Messaging Service SID (`MG…`).
    public var messagingServiceSID: String?

    public init(from: String? = nil, fromName: String? = nil, replyTo: String? = nil, phoneNumberID: String? = nil, messagingServiceSID: String? = nil) {
        self.from = from
        self.fromName = fromName
        self.replyTo = replyTo
        self.phoneNumberID = phoneNumberID
        self.messagingServiceSID = messagingServiceSID
    }

    /// As adapter options (`from`, `from_name`, `reply_to`, `phone_number_id`, `messaging_service_sid`).
    public var options: [String: String] {
        var options: [String: String] = [:]
        options["from"] = from
        options["from_name"] = fromName
        options["reply_to"] = replyTo
        options["phone_number_id"] = phoneNumberID
        options["messaging_service_sid"] = messagingServiceSID
        return options
    }
}

/// A per-route send rate.
public struct RateLimit: Sendable, Hashable {
    /// Sustained sends per second.
    public var perSecond: Double
    /// Sends allowed at once above the sustained rate.
    public var burst: Int
    public init(perSecond: Double, burst: Int = 1) {
        self.perSecond = perSecond
        self.burst = burst
    }
}

/// Failures resolving a configuration at run time. Names variables, never values.
public enum ChannelConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownAdapter(String)
    case missingEnvironment(String)
    /// The adapter could not be built from its settings (not registered, option missing).
    case adapter(String, ChannelError)

    public var description: String {
        switch self {
        case .adapter(let name, let error): "adapter `\(name)`: \(error)"
        case .unknownAdapter(let name): "no adapter named `\(name)`"
        case .missingEnvironment(let name): "environment variable \(name) is not set"
        }
    }
}
