import Foundation
import Hummingbird
import RevenueCore

/// The cockpit's JSON API. Every request is scoped to the one org its bearer token belongs to.
struct APIRoutes: Sendable {
    let configuration: ServerConfiguration
    let services: ServerServices
    let metrics: ServerMetrics

    func register(on router: Router<BasicRequestContext>) {
        router.get("/api/ping") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "pong\n"))) }
        let api = router.group("/api")
        api.get("/leads") { request, _ in try await guarded { try await leads(request) } }
        api.get("/leads/:id/timeline") { request, context in
            try await guarded { try await timeline(request, lead: context.parameters.require("id")) }
        }
        api.post("/appointments") { request, _ in try await guarded { try await book(request) } }
        api.post("/appointments/:id/outcome") { request, context in
            try await guarded { try await outcome(request, appointment: context.parameters.require("id")) }
        }
        api.get("/health") { request, _ in try await guarded { try await health(request) } }
        registerClients(on: api)
        registerCampaigns(on: api)
    }

    /// Turns store and unexpected errors into the JSON error format without leaking their text.
    func guarded(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as APIError {
            if error.status.code >= 500 { metrics.error("api") }
            throw error
        } catch let error as StoreError where error.code == "not_found" {
            throw APIError.notFound("resource")
        } catch {
            metrics.error("api")
            services.logger.error("api request failed", metadata: ["error.type": "\(type(of: error))"])
            throw APIError.internalError
        }
    }

    /// The org of the request's bearer token, or 401.
    func org(of request: Request) async throws -> OrgID {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw APIError.unauthorized }
        let secret = header.dropFirst("Bearer ".count).trimmingCharacters(in: .whitespaces)
        guard !secret.isEmpty, let token = try await services.store.apiToken(hash: APITokenSecret.hash(secret)) else {
            throw APIError.unauthorized
        }
        return token.orgID
    }

    // MARK: Leads

    /// One page of `lead_enriched` rows.
    struct LeadPage: Encodable {
        var leads: [LeadEnriched]
        var limit: Int
        var offset: Int
        var nextOffset: Int?
    }

    func leads(_ request: Request) async throws -> Response {
        try APIQuery.check(request, accepts: ["state", "campaign", "channel", "limit", "offset"])
        let org = try await org(of: request)
        let query = request.uri.queryParameters
        let state = try query.get("state").map { raw in
            guard let value = LeadState(rawValue: raw) else { throw APIError.badRequest("state: unknown value; use one of \(LeadState.allCases.map(\.rawValue).joined(separator: ", "))") }
            return value
        }
        let channel = try query.get("channel").map { raw in
            guard let value = Channel(rawValue: raw) else { throw APIError.badRequest("channel: unknown value; use voice, sms, whatsapp or email") }
            return value
        }
        let campaign = query.get("campaign").map(CampaignID.init(rawValue:))
        let limit = try Self.int(query.get("limit"), name: "limit", default: 100, range: 1...configuration.maxPageSize)
        let offset = try Self.int(query.get("offset"), name: "offset", default: 0, range: 0...1_000_000)
        let filtered = channel != nil || campaign != nil
        // The view filters by state; campaign and channel are filtered here over a bounded window.
        let window = filtered ? max(10_000, offset + limit + 1) : offset + limit + 1
        var rows = try await services.store.enrichedLeads(org: org, state: state, limit: window)
        if let campaign { rows = rows.filter { $0.campaignID == campaign } }
        if let channel { rows = rows.filter { $0.channelLast == channel } }
        let page = Array(rows.dropFirst(offset).prefix(limit))
        let more = rows.count > offset + limit
        return try APIJSON.response(LeadPage(leads: page, limit: limit, offset: offset, nextOffset: more ? offset + limit : nil))
    }

    static func int(_ raw: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let raw else { return value }
        guard let n = Int(raw), range.contains(n) else {
            throw APIError.badRequest("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)")
        }
        return n
    }

    // MARK: Timeline

    struct TimelineBody: Encodable {
        var leadId: String
        var state: LeadState
        var entries: [TimelineEntry]
    }

    func timeline(_ request: Request, lead id: String) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        let store = services.store
        guard let lead = try await store.lead(LeadID(id), org: org) else { throw APIError.notFound("lead") }
        let touches = try await store.touches(lead: lead.id, org: org)
        let states = try await store.leadStateEvents(lead: lead.id, org: org)
        var messages: [Message] = []
        for conversation in try await store.conversations(lead: lead.id, org: org) {
            messages += try await store.messages(conversation: conversation.id, org: org)
        }
        let appointments = try await store.appointments(org: org, from: .distantPast, to: .distantFuture)
            .filter { $0.leadID == lead.id }
        let events = try await store.coreEvents(org: org, engine: nil, limit: 1000).filter { $0.leadID == lead.id }
        let entries = Timeline.entries(touches: touches, messages: messages, states: states, appointments: appointments, events: events)
        return try APIJSON.response(TimelineBody(leadId: lead.id.rawValue, state: lead.state, entries: entries))
    }

    // MARK: Health

    struct HealthBody: Encodable {
        var status: String
        var startedAt: Date
        var loops: [LoopHealth]
        var queueDepth: Int
        var touchesByChannel: [String: [String: Int]]
        var failuresByChannel: [String: Int]
    }

    func health(_ request: Request) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        let snapshot = await services.health.snapshot()
        let counts = try await services.store.queueCounts(org: org)
        var byChannel: [String: [String: Int]] = [:]
        var failures: [String: Int] = [:]
        var depth = 0
        for count in counts {
            byChannel[count.channel.rawValue, default: [:]][count.status.rawValue] = count.count
            if count.status == .queued || count.status == .sending { depth += count.count }
            if count.status == .failed { failures[count.channel.rawValue, default: 0] += count.count }
        }
        let status = snapshot.loops.contains { $0.lastError != nil } ? "degraded" : "ok"
        return try APIJSON.response(HealthBody(
            status: status, startedAt: snapshot.startedAt, loops: snapshot.loops, queueDepth: depth,
            touchesByChannel: byChannel, failuresByChannel: failures))
    }
}
