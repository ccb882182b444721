import Crypto
import Foundation
import Hummingbird
import Logging
import RevenueCore

/// One-click unsubscribe (RFC 8058) behind the signed `List-Unsubscribe` URL, no login:
/// `GET /u/{token}` shows a confirmation page in the lead's language and changes nothing (mail scanners
/// prefetch links); `POST /u/{token}` (`List-Unsubscribe=One-Click`, or the page's button) hands an
/// unsubscribe event to the runtime's sink, which stops the lead on every channel. Idempotent.
struct UnsubscribeRoutes: Sendable {
    let configuration: ServerConfiguration
    let services: ServerServices
    let metrics: ServerMetrics

    /// The provider kind the sink sees for our own unsubscribe page.
    static let provider = ProviderKind(rawValue: "unsubscribe-link")

    func register(on router: Router<BasicRequestContext>) {
        router.get("/u/:token") { request, context in
            await show(context.parameters.get("token") ?? "")
        }
        router.post("/u/:token") { request, context in
            await unsubscribe(request, token: context.parameters.get("token") ?? "")
        }
    }

    /// The confirmation page (or, for a lead already stopped, the done page). Reads only.
    func show(_ token: String) async -> Response {
        guard let lead = await lead(for: token) else { return Self.page(404, UnsubscribePage.notFound) }
        let business = await businessName(lead)
        if lead.state == .doNotContact { return Self.page(200, UnsubscribePage.done(lead.language, business: business)) }
        return Self.page(200, UnsubscribePage.confirm(lead.language, business: business))
    }

    /// Opts the lead out through the runtime's sink: do_not_contact, queued touches cancelled, one compliance event.
    func unsubscribe(_ request: Request, token: String) async -> Response {
        // RFC 8058 sends `List-Unsubscribe=One-Click`; any POST counts, so the body is read (bounded) and ignored.
        var request = request
        _ = try? await request.collectBody(upTo: 16 * 1024)
        guard let lead = await lead(for: token) else { return Self.page(404, UnsubscribePage.notFound) }
        let now = services.now()
        let event = ChannelEvent.unsubscribe(UnsubscribeEvent(
            provider: Self.provider, providerMessageID: nil, recipient: "", channel: .email, at: now, orgID: lead.orgID, leadID: lead.id))
        // The context names the org only: the token stays out of every log line and event.
        let context = WebhookContext(provider: Self.provider, url: "\(configuration.webhookBaseURL)/u?org=\(lead.orgID.rawValue)", receivedAt: now)
        do {
            try await services.sink.handle([event], context: context)
        } catch {
            metrics.error("sink")
            services.logger.error("unsubscribe not applied", metadata: ["org.id": "\(lead.orgID)", "error.type": "\(type(of: error))"])
            return Self.page(500, UnsubscribePage.failed(lead.language))
        }
        services.logger.info("unsubscribed by link", metadata: ["org.id": "\(lead.orgID)", "lead.id": "\(lead.id)"])
        return Self.page(200, UnsubscribePage.done(lead.language, business: await businessName(lead)))
    }

    /// The lead a valid token names, or nil (bad token, no verifier configured, lead gone).
    private func lead(for token: String) async -> Lead? {
        guard let verify = services.unsubscribeLinks, let named = verify(token) else { return nil }
        return try? await services.store.lead(named.lead, org: named.org)
    }

    /// The client's name, so the lead knows whose messages stop.
    private func businessName(_ lead: Lead) async -> String? {
        guard let campaignID = lead.campaignID, let campaign = try? await services.store.campaign(campaignID, org: lead.orgID) else { return nil }
        return (try? await services.store.client(campaign.clientID, org: lead.orgID))?.name
    }

    /// An HTML answer with the headers every page here carries: no caching, no referrer, a strict CSP.
    static func page(_ status: Int, _ html: String) -> Response {
        Response(
            status: .init(code: status),
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                HTTPFields.Element.Name("Referrer-Policy")!: "no-referrer",
                HTTPFields.Element.Name("Content-Security-Policy")!: UnsubscribePage.contentSecurityPolicy,
                HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff",
                HTTPFields.Element.Name("X-Frame-Options")!: "DENY",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// The unsubscribe pages' HTML in Spanish and English (unknown language: Spanish, then English below).
enum UnsubscribePage {
    /// The one inline style sheet; the CSP allows it by hash and nothing else (no script at all).
    static let style = "body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}"
        + "button{font-size:1.05rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1a1a1a;background:#fff;cursor:pointer}"
        + "hr{margin:2rem 0;border:0;border-top:1px solid #ccc}"

    /// `default-src 'none'`, the style by hash, forms only back to this origin, never framed.
    static let contentSecurityPolicy: String = {
        let digest = Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
        return "default-src 'none'; style-src 'sha256-\(digest)'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }()

    /// The confirmation page: what stops, and one button (a real form post, no script).
    static func confirm(_ language: Language?, business: String?) -> String {
        let es = """
            <h1>Cancelar suscripción</h1>
            <p>¿Desea dejar de recibir mensajes\(from(business, "de"))? No le enviaremos más correos, mensajes de texto, WhatsApp ni llamadas.</p>
            """
        let en = """
            <h1>Unsubscribe</h1>
            <p>Do you want to stop receiving messages\(from(business, "from"))? We will send you no more e-mails, texts, WhatsApp messages or calls.</p>
            """
        let button: String
        let body: String
        switch language {
        case .es: body = es; button = "Sí, cancelar mi suscripción"
        case .en: body = en; button = "Yes, unsubscribe me"
        case nil: body = es + "\n<hr lang=\"en\">\n<div lang=\"en\">" + en + "</div>"; button = "Cancelar suscripción / Unsubscribe"
        }
        // An empty action posts back to this same URL (the token).
        return document(language, title: language == .en ? "Unsubscribe" : "Cancelar suscripción", body + """

            <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">\(button)</button></form>
            """)
    }

    /// The page after the POST (and for a lead already stopped).
    static func done(_ language: Language?, business: String?) -> String {
        let es = "<h1>Listo</h1>\n<p>Ya no recibirá más mensajes\(from(business, "de")). No necesita hacer nada más.</p>"
        let en = "<h1>Done</h1>\n<p>You will not receive any more messages\(from(business, "from")). There is nothing else to do.</p>"
        switch language {
        case .es: return document(.es, title: "Suscripción cancelada", es)
        case .en: return document(.en, title: "Unsubscribed", en)
        case nil: return document(nil, title: "Suscripción cancelada / Unsubscribed", es + "\n<hr>\n<div lang=\"en\">" + en + "</div>")
        }
    }

    /// A bad, tampered or expired link: no detail about why.
    static let notFound = document(nil, title: "Enlace no válido / Invalid link",
        "<h1>Enlace no válido</h1>\n<p>Este enlace no es válido.</p>\n<hr>\n<div lang=\"en\"><h1>Invalid link</h1>\n<p>This link is not valid.</p></div>")

    /// The POST could not be applied: try again.
    static func failed(_ language: Language?) -> String {
        switch language {
        case .en: document(.en, title: "Try again", "<h1>Something went wrong</h1>\n<p>Please try again in a few minutes.</p>")
        default: document(.es, title: "Intente de nuevo", "<h1>Algo salió mal</h1>\n<p>Intente de nuevo en unos minutos. / Please try again in a few minutes.</p>")
        }
    }

    private static func from(_ business: String?, _ preposition: String) -> String {
        guard let business, !business.isEmpty else { return "" }
        return " \(preposition) " + escape(business)
    }

    private static func document(_ language: Language?, title: String, _ body: String) -> String {
        """
        <!doctype html>
        <html lang="\(language?.rawValue ?? "es")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>\(escape(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// HTML text escaping.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
