import Foundation
import Hummingbird
import Logging
import RevenueCore

/// Provider webhooks: read the body (bounded), build a `WebhookRequest` with the public URL, verify
/// and parse with the route's adapter, hand the events to the sink, answer what the provider expects.
struct WebhookRoutes: Sendable {
    let configuration: ServerConfiguration
    let services: ServerServices
    let metrics: ServerMetrics

    func register(on router: Router<BasicRequestContext>) {
        let twilio = services.webhooks.twilio
        for path in ["/webhooks/twilio", "/webhooks/twilio/status", "/webhooks/twilio/inbound"] {
            router.post(RouterPath(path)) { request, _ in await handle(request, adapter: twilio, route: path) }
        }
        let whatsApp = services.webhooks.whatsApp
        router.get("/webhooks/whatsapp") { request, _ in await handle(request, adapter: whatsApp, route: "/webhooks/whatsapp") }
        router.post("/webhooks/whatsapp") { request, _ in await handle(request, adapter: whatsApp, route: "/webhooks/whatsapp") }
        let email = services.webhooks.email
        router.post("/webhooks/email") { request, _ in await handle(request, adapter: email, route: "/webhooks/email") }
        // Raw MIME from SMTP relays: whole messages, so a larger body limit than notifications.
        let inbound = services.webhooks.emailInbound
        router.post("/webhooks/email/inbound") { request, _ in
            await handle(request, adapter: inbound, route: "/webhooks/email/inbound", limit: max(configuration.maxBodyBytes, Self.maxMailBytes))
        }
    }

    /// The largest raw message `/webhooks/email/inbound` accepts (10 MiB).
    static let maxMailBytes = 10 << 20

    /// One webhook, start to finish. Never throws: every failure is a status the provider understands.
    func handle(_ request: Request, adapter: (any ChannelAdapter)?, route: String, limit: Int? = nil) async -> Response {
        let started = ContinuousClock.now
        let response = await answer(request, adapter: adapter, route: route, limit: limit ?? configuration.maxBodyBytes)
        metrics.webhook(route: route, status: response.status.code, started: started)
        return response
    }

    private func answer(_ request: Request, adapter: (any ChannelAdapter)?, route: String, limit: Int) async -> Response {
        guard let adapter else { return Self.plain(404, "no adapter configured for this webhook") }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            metrics.error("too_large")
            return Self.plain(413, "request body too large")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch {
            metrics.error("too_large")
            return Self.plain(413, "request body too large")
        }
        let url = configuration.webhookBaseURL + request.uri.string
        let webhook = WebhookRequest(
            method: request.method.rawValue, url: url,
            headers: request.headers.map { HeaderField($0.name.canonicalName, $0.value) },
            body: Array(body.readableBytesView))
        let result: WebhookResult
        do {
            result = try adapter.handleWebhook(webhook)
        } catch {
            return await rejected(error, provider: adapter.kind, route: route, url: url)
        }
        let context = WebhookContext(provider: adapter.kind, url: url, receivedAt: services.now())
        let instruction: CallInstruction?
        do {
            instruction = try await services.sink.handle(result.events, context: context)
        } catch {
            // 500 makes the provider redeliver; the sink is idempotent. Only the error's kind is logged.
            metrics.error("sink")
            services.logger.error("webhook events not applied", metadata: [
                "webhook.route": "\(route)", "provider.kind": "\(adapter.kind)", "error.type": "\(type(of: error))",
            ])
            return Self.plain(500, "events not applied; retry")
        }
        // A call webhook the runtime answered (a `<Gather>` result): the adapter writes what the call does next.
        var reply = result.reply
        if let instruction, let renderer = adapter as? any CallInstructionRendering { reply = renderer.reply(for: instruction) }
        return Response(
            status: .init(code: reply.status),
            headers: [.contentType: reply.contentType],
            body: .init(byteBuffer: ByteBuffer(string: reply.body)))
    }

    /// A verification or parse failure: 403 for a bad signature (recorded in `core_memory_events`,
    /// without personal data), 400 for a malformed request, 500 for a misconfigured adapter.
    private func rejected(_ error: ChannelError, provider: ProviderKind, route: String, url: String) async -> Response {
        metrics.error(error.kind.rawValue)
        services.logger.warning("webhook rejected", metadata: [
            "webhook.route": "\(route)", "provider.kind": "\(provider)", "error.kind": "\(error.kind.rawValue)",
        ])
        switch error.kind {
        case .invalidSignature:
            let event = CoreMemoryEvent(
                engine: "server", orgID: await org(named: url), errorCode: error.kind.rawValue,
                message: "webhook rejected: signature did not verify (\(provider) \(route))", at: services.now())
            do {
                try await services.store.recordCoreEvent(event)
            } catch {
                metrics.error("store")
            }
            return Self.plain(403, "signature did not verify")
        case .malformedWebhook:
            return Self.plain(400, "malformed webhook")
        default:
            return Self.plain(500, "webhook adapter misconfigured")
        }
    }

    /// The org the callback URL's `org` query item names, when it exists: a rejected webhook is
    /// charged to that org's log, else recorded process-wide.
    private func org(named url: String) async -> OrgID? {
        let context = WebhookContext(provider: "", url: url, receivedAt: services.now())
        guard let raw = context.queryItem("org"), !raw.isEmpty, raw.count <= 200 else { return nil }
        return (try? await services.store.org(OrgID(raw))).flatMap { $0?.id }
    }

    /// A short text answer.
    static func plain(_ status: Int, _ text: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
