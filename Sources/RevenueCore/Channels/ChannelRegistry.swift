/// How one adapter target makes adapters: a static member each target provides (`.twilio`, `.sandbox`).
public struct ChannelRegistration: Sendable {
    public var kind: ProviderKind
    /// Builds an adapter from resolved settings and the HTTP transport the executable chose.
    public var make: @Sendable (ProviderSettings, any HTTPTransport) throws(ChannelError) -> any ChannelAdapter

    public init(kind: ProviderKind, make: @escaping @Sendable (ProviderSettings, any HTTPTransport) throws(ChannelError) -> any ChannelAdapter) {
        self.kind = kind
        self.make = make
    }
}

/// The providers the executable wired in, built explicitly: `ChannelRegistry([.twilio, .sandbox])`.
/// No global self-registration.
public struct ChannelRegistry: Sendable {
    private var registrations: [ProviderKind: ChannelRegistration]

    /// Later registrations of the same kind replace earlier ones.
    public init(_ registrations: [ChannelRegistration]) {
        var byKind: [ProviderKind: ChannelRegistration] = [:]
        for registration in registrations { byKind[registration.kind] = registration }
        self.registrations = byKind
    }

    /// Registered provider kinds, sorted.
    public var kinds: [ProviderKind] { registrations.keys.sorted() }

    /// Whether `kind` can be built.
    public func contains(_ kind: ProviderKind) -> Bool { registrations[kind] != nil }

    /// Builds the adapter for `settings`, or `.misconfigured` when its kind was not registered.
    public func makeAdapter(_ settings: ProviderSettings, transport: any HTTPTransport) throws(ChannelError) -> any ChannelAdapter {
        guard let registration = registrations[settings.kind] else {
            throw ChannelError(.misconfigured, provider: settings.kind, detail: "provider not registered in this build")
        }
        return try registration.make(settings, transport)
    }
}
