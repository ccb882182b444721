import Foundation
import Logging
import Prometheus
import RevenueCore

/// The store the server reads: the `Store` plus API tokens, queue counts and campaign controls (both stores conform).
public typealias ServerStore = any Store & APITokenStore & QueueStatsStore & CampaignControlStore

/// The adapter behind each webhook route; a route without one answers 404.
public struct WebhookAdapters: Sendable {
    /// `POST /webhooks/twilio`, `/webhooks/twilio/status`, `/webhooks/twilio/inbound`.
    public var twilio: (any ChannelAdapter)?
    /// `GET`/`POST /webhooks/whatsapp` (Meta WhatsApp Cloud).
    public var whatsApp: (any ChannelAdapter)?
    /// `POST /webhooks/email` (Elastic Email notifications).
    public var email: (any ChannelAdapter)?
    /// `POST /webhooks/email/inbound` (one raw MIME message per request, checked by the adapter's `inbound_token`).
    public var emailInbound: (any ChannelAdapter)?

    public init(
        twilio: (any ChannelAdapter)? = nil, whatsApp: (any ChannelAdapter)? = nil, email: (any ChannelAdapter)? = nil,
        emailInbound: (any ChannelAdapter)? = nil
    ) {
        self.twilio = twilio
        self.whatsApp = whatsApp
        self.email = email
        self.emailInbound = emailInbound
    }

    /// Picks the first adapter of each provider kind (twilio, whatsapp-cloud, elastic-email) from a list;
    /// the raw-MIME inbound route goes to the first smtp adapter, else the first elastic-email one.
    public init(_ adapters: [any ChannelAdapter]) {
        self.init(
            twilio: adapters.first { $0.kind == .twilio },
            whatsApp: adapters.first { $0.kind == .whatsAppCloud },
            email: adapters.first { $0.kind == .elasticEmail },
            emailInbound: adapters.first { $0.kind == .smtp } ?? adapters.first { $0.kind == .elasticEmail })
    }
}

/// Everything the server is wired to. The executable (`revasi serve`) builds this; tests use fakes.
public struct ServerServices: Sendable {
    public var store: ServerStore
    public var webhooks: WebhookAdapters
    /// Where verified webhook events go (the runtime's `RuntimeEventSink`).
    public var sink: any ChannelEventSink
    /// Loop health for `GET /api/health`.
    public var health: any HealthSource
    /// Reminders and follow-ups for booked appointments (the runtime fills it with the engine's planner).
    public var appointments: any AppointmentPlanning
    /// Where `/metrics` is read from and server metrics are written to; `nil` disables `/metrics`.
    public var metrics: PrometheusCollectorRegistry?
    public var logger: Logger
    /// The clock: every timestamp the server writes comes from here.
    public var now: @Sendable () -> Date
    /// Verifies a one-click unsubscribe token (`/u/{token}`) and names its org and lead; nil: those pages answer 404.
    /// `revasi serve` passes `LinkSigner.verify(_:purpose: .unsubscribe)`.
    public var unsubscribeLinks: (@Sendable (String) -> (org: OrgID, lead: LeadID)?)?

    public init(
        store: ServerStore, webhooks: WebhookAdapters, sink: any ChannelEventSink, health: any HealthSource,
        appointments: any AppointmentPlanning = NoAppointmentPlanning(), metrics: PrometheusCollectorRegistry? = nil,
        logger: Logger = Logger(label: "revasi.server"), now: @escaping @Sendable () -> Date = { Date() },
        unsubscribeLinks: (@Sendable (String) -> (org: OrgID, lead: LeadID)?)? = nil
    ) {
        self.unsubscribeLinks = unsubscribeLinks
        self.store = store
        self.webhooks = webhooks
        self.sink = sink
        self.health = health
        self.appointments = appointments
        self.metrics = metrics
        self.logger = logger
        self.now = now
    }
}
