import RevenueCore

/// The adapters built for every route of a configuration: what the dispatcher asks "who sends this?".
public struct ChannelRoutes: Sendable {
    /// A route's identity: client (or `*`) and channel.
    public struct Key: Hashable, Sendable {
        public var client: String
        public var channel: Channel
        public init(client: String, channel: Channel) {
            self.client = client
            self.channel = channel
        }
    }

    public let adapters: [Key: any ChannelAdapter]

    public init(adapters: [Key: any ChannelAdapter]) { self.adapters = adapters }

    /// The adapter for `client` on `channel`: the client's own route, else the `*` route.
    public func adapter(client: ClientID, channel: Channel) -> (any ChannelAdapter)? {
        adapters[Key(client: client.rawValue, channel: channel)] ?? adapters[Key(client: RouteConfig.anyClient, channel: channel)]
    }
}

extension ChannelConfiguration {
    /// Builds one adapter per route with `registry`, credentials from `environment`, HTTP through `transport`.
    /// Fails on the first route that cannot be built, naming the adapter (never a secret).
    public func makeRoutes(registry: ChannelRegistry, environment: [String: String], transport: any HTTPTransport) throws(ChannelConfigError) -> ChannelRoutes {
        var adapters: [ChannelRoutes.Key: any ChannelAdapter] = [:]
        for route in routes {
            let settings = try settings(for: route, environment: environment)
            do {
                adapters[ChannelRoutes.Key(client: route.client, channel: route.channel)] = try registry.makeAdapter(settings, transport: transport)
            } catch {
                throw .adapter(route.adapter, error)
            }
        }
        return ChannelRoutes(adapters: adapters)
    }
}
