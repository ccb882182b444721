import Foundation
import ProviderHTTP
import RevenueCore
import RevenueTesting
import Server
import Testing
import TwilioChannel
import WhatsAppCloudChannel

/// Issue 10 through the real path: the `revasi` executable sets up an org, clients (one from a client file,
/// one without a profile), campaigns on the shipped playbooks, an API token and a CSV import; then
/// `revasi serve` runs against fake Twilio, WhatsApp Cloud and Elastic Email (or SMTP) servers on loopback,
/// on a rehearsal clock. Every assertion is on what reached a fake provider or what the daemon's HTTP API says.
@Suite(.serialized) struct ServeProductionPathTests {
    static let enabled = RevasiCLI.binary != nil
    static let postgres = ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"]

    @Test(.enabled(if: enabled, "needs the revasi executable built beside the tests"))
    func sqliteWithElasticEmail() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.scenario(database: "sqlite:" + folder.appendingPathComponent("clinic.sqlite").path, folder: folder, email: .elastic)
    }

    @Test(.enabled(if: enabled && postgres != nil, "needs the revasi executable and REVASI_TEST_POSTGRES_URL"))
    func postgresWithElasticEmail() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = "e2e_" + UUID().uuidString.prefix(8).lowercased().filter { $0.isLetter || $0.isNumber }
        let base = Self.postgres ?? ""
        let url = base + (base.contains("?") ? "&" : "?") + "search_path=" + schema
        try await Self.scenario(database: url, folder: folder, email: .elastic)
    }

    @Test(.enabled(if: enabled, "needs the revasi executable built beside the tests"))
    func sqliteWithSMTP() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Self.scenario(database: "sqlite:" + folder.appendingPathComponent("clinic.sqlite").path, folder: folder, email: .smtp)
    }

    /// Which e-mail provider the channels file routes to.
    enum EmailProvider { case elastic, smtp }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("revasi-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    // MARK: The scenario

    /// Tuesday 1 December 2026, 10:00 in Miami: inside every playbook's window.
    static let clockStart = Date(timeIntervalSince1970: 1_796_137_200)
    /// Simulated seconds per wall second: a ten-minute wait takes five seconds.
    static let speed = 120.0
    static let twilio = FakeTwilio.Behavior()
    static let meta = FakeWhatsAppCloud.Behavior()
    static let appSecret = "meta-app-secret"
    static let ana = "+13055550111", carla = "+13055550133", dora = "+13055550144", eva = "+13055550155"

    static func scenario(database: String, folder: URL, email: EmailProvider) async throws {
        try await FakeTwilio.run(twilio) { twilioFake in
            try await FakeWhatsAppCloud.run(meta) { metaFake in
                try await FakeElasticEmail.run { elasticFake in
                    try await FakeSMTPServer.run(FakeSMTPServer.Behavior(tls: .none)) { smtpPort, mail in
                        let fakes = Fakes(twilio: twilioFake, meta: metaFake, elastic: elasticFake, smtpPort: smtpPort, mail: mail)
                        try await run(database: database, folder: folder, email: email, fakes: fakes)
                    }
                }
            }
        }
    }

    /// The fake providers of one run.
    struct Fakes: Sendable {
        var twilio: FakeProviderServer
        var meta: FakeProviderServer
        var elastic: FakeProviderServer
        var smtpPort: Int
        var mail: MailLog
    }

    static func run(database: String, folder: URL, email: EmailProvider, fakes: Fakes) async throws {
        let port = try freeLoopbackPort()
        let base = "http://127.0.0.1:\(port)"
        let cli = RevasiCLI(database: database, environment: [
            "E2E_TWILIO_SID": twilio.accountSID, "E2E_TWILIO_TOKEN": twilio.authToken,
            "E2E_META_TOKEN": meta.accessToken, "E2E_META_SECRET": appSecret, "E2E_META_VERIFY": "verify-me",
            "E2E_ELASTIC_KEY": "test-api-key",
        ], folder: folder)

        // 1. Set-up, as docs/cli.md tells a new operator.
        try cli.must(["migrate"])
        try cli.must(["org", "create", "Clínica Sonrisa", "--id", "clinic"])
        let clientFile = folder.appendingPathComponent("client.yaml")
        try """
            id: clinica-sonrisa
            name: Clínica Dental Sonrisa
            time_zone: America/New_York
            agent_name: Sofía
            phone: "+13055550100"
            address: 100 Calle Ocho, Miami, FL 33130
            website: https://sonrisa.example
            booking_link: https://sonrisa.example/citas
            reschedule_link: https://sonrisa.example/cambiar
            brand_name: Sonrisa
            business_hours: {days: [mon, tue, wed, thu, fri, sat], start: "09:00", end: "19:00"}

            """.write(to: clientFile, atomically: true, encoding: .utf8)
        try cli.must(["client", "create", "clinica-sonrisa", "--org", "clinic", "--file", clientFile.path])
        try cli.must(["campaign", "create", "dent", "--org", "clinic", "--client", "clinica-sonrisa", "--playbook", "playbooks/dentists.yaml",
                      "--offer", "limpieza y radiografías gratis"])
        try cli.must(["campaign", "create", "autos", "--org", "clinic", "--client", "clinica-sonrisa", "--playbook", "playbooks/auto-dealers.yaml",
                      "--offer", "prueba de manejo con regalo"])
        // A second client with no profile at all: its messages would have holes.
        try cli.must(["campaign", "create", "bare", "--org", "clinic", "--client", "Sin Perfil", "--playbook", "playbooks/dentists.yaml",
                      "--offer", "una cita"])
        let header = "Nombre,Apellido,Celular,Correo electrónico,Estado,Idioma\n"
        for (campaign, rows) in [
            ("dent", "Ana,Pérez,(305) 555-0111,ana.perez@example.com,FL,Español\nBeto,Gómez,,beto.gomez@example.com,FL,Español\nCarla,Ruiz,(305) 555-0133,,FL,Español\n"),
            ("autos", "Eva,Soto,(305) 555-0155,,FL,Español\n"),
            ("bare", "Dora,Luna,(305) 555-0144,,FL,Español\n"),
        ] {
            let file = folder.appendingPathComponent("\(campaign).csv")
            try (header + rows).write(to: file, atomically: true, encoding: .utf8)
            try cli.must(["import", file.path, "--org", "clinic", "--campaign", campaign])
        }
        let token = try cli.must(["token", "create", "--org", "clinic"]).split(separator: "\n").last.map(String.init) ?? ""

        let channels = folder.appendingPathComponent("channels.yaml")
        try channelsFile(base: base, fakes: fakes, email: email).write(to: channels, atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("revasi.yaml")
        try "daemon_id: e2e\npoll_interval_seconds: 0.1\nlease_seconds: 86400\npublic_base_url: \(base)\n".write(to: config, atomically: true, encoding: .utf8)

        // 2. The daemon. Its clock starts at `clockStart` when it launches and runs `speed` times faster.
        let launched = Date()
        func simulatedNow() -> Date { clockStart.addingTimeInterval(Date().timeIntervalSince(launched) * speed) }
        let serve = try await cli.serve(port: port, channels: channels.path, config: config.path, clockStart: clockStart, speed: speed)
        defer { serve.stop() }
        let api = DaemonAPI(base: base, token: token)
        let ids = try await eventually(30, "five leads listed") { () -> [String: LeadID]? in
            let leads = try await api.leads()
            return leads.count == 5 ? Dictionary(uniqueKeysWithValues: leads.map { (($0.fullName ?? "").components(separatedBy: " ").first ?? "", $0.id) }) : nil
        }
        func lead(_ name: String) throws -> LeadID { try #require(ids[name]) }

        // 3. Voice: the call carries the voicemail and a <Gather> with every option of the step.
        let anaCall = try await eventually(30, "a call to Ana") { await fakes.twilio.log.requests.first { $0.path.hasSuffix("/Calls.json") && $0.formValue("To") == ana } }
        let twiml = anaCall.formValue("Twiml") ?? ""
        #expect(twiml.contains("<Gather") && twiml.contains("numDigits=\"1\"") && twiml.contains("action=\""))
        for word in ["cita", "dolor", "seguro", "no me llame"] { #expect(twiml.contains(word), "hint \(word) missing from the Gather") }
        #expect(twiml.contains("Sofía") && twiml.contains("+13055550100"), "the voicemail names the agent and the client's phone")
        #expect(!twiml.contains("{{"))
        let callback = try #require(anaCall.formValue("StatusCallback"))
        #expect(try await api.postTwilio(callback, [("CallSid", "CA-ana-1"), ("CallStatus", "completed"), ("AnsweredBy", "human"),
                                                    ("CallDuration", "42"), ("To", ana), ("AccountSid", twilio.accountSID)]).status == 200)

        // 4. WhatsApp outside the 24-hour window: the approved template with its variables, in order.
        let anaWhatsApp = try await eventually(40, "Ana's WhatsApp after the call") {
            await fakes.meta.log.requests.first { ($0.json?["to"] as? String).map { ana.hasSuffix($0.filter(\.isNumber)) || $0 == ana } == true }
        }
        let body = try #require(anaWhatsApp.json)
        #expect(body["type"] as? String == "template")
        let template = body["template"] as? [String: Any]
        #expect((template?["name"] as? String)?.isEmpty == false)
        let parameters = ((template?["components"] as? [[String: Any]])?.first?["parameters"] as? [[String: Any]])?.compactMap { $0["text"] as? String } ?? []
        #expect(parameters.first == "Ana", "the template's first variable is the lead's first name: \(parameters)")
        #expect(parameters.allSatisfy { !$0.isEmpty })

        // 5. E-mail: List-Unsubscribe carries a signed URL that unsubscribes with one POST.
        let beto = try lead("Beto")
        let unsubscribe: String
        switch email {
        case .elastic:
            let mail = try await eventually(30, "Beto's e-mail") { await fakes.elastic.log.requests.first { $0.path.hasSuffix("/emails/transactional") } }
            let content = mail.json?["Content"] as? [String: Any]
            let headers = content?["Headers"] as? [String: String] ?? [:]
            #expect(headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
            unsubscribe = String((headers["List-Unsubscribe"] ?? "").drop { $0 == "<" }.prefix { $0 != ">" })
            let text = ((content?["Body"] as? [[String: Any]])?.first?["Content"] as? String) ?? ""
            #expect(text.contains("https://sonrisa.example/citas") && !text.contains("{{"))
        case .smtp:
            let message = try await eventually(30, "Beto's e-mail over SMTP") { await fakes.mail.messages.first }
            #expect(message.data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
            let line = message.data.components(separatedBy: "\r\n").first { $0.hasPrefix("List-Unsubscribe:") } ?? ""
            unsubscribe = String(line.drop { $0 != "<" }.dropFirst().prefix { $0 != ">" })
        }
        #expect(unsubscribe.hasPrefix(base + "/u/"), "unsubscribe URL: \(unsubscribe)")
        #expect(!unsubscribe.contains("beto"), "the token carries no address")
        #expect(try await api.send("GET", unsubscribe).status == 200)
        #expect(try await api.timeline(beto).state != .doNotContact, "GET never unsubscribes")
        let posted = try await api.send("POST", unsubscribe, body: "List-Unsubscribe=One-Click", contentType: "application/x-www-form-urlencoded")
        #expect(posted.status == 200)
        #expect(try await api.timeline(beto).state == .doNotContact)

        // 6. Keypad 9 on the call: opted out everywhere; one confirmation text, nothing else ever again.
        let carlaCall = try await eventually(30, "a call to Carla") { await fakes.twilio.log.requests.first { $0.path.hasSuffix("/Calls.json") && $0.formValue("To") == carla } }
        let gatherURL = try #require(Self.attribute("action", in: carlaCall.formValue("Twiml") ?? ""))
        let answer = try await api.postTwilio(gatherURL, [("CallSid", "CA-carla-1"), ("Digits", "9"), ("To", carla), ("AccountSid", twilio.accountSID)])
        #expect(answer.status == 200 && String(decoding: answer.body, as: UTF8.self).contains("<Response"))
        let carlaID = try lead("Carla")
        #expect(try await api.timeline(carlaID).state == .doNotContact)
        let confirmation = try await eventually(20, "Carla's opt-out confirmation") {
            await fakes.twilio.log.requests.first { $0.path.hasSuffix("/Messages.json") && $0.formValue("To") == carla }
        }
        #expect(confirmation.formValue("Body")?.isEmpty == false)

        // 7. WhatsApp inside the window: Eva writes, is booked through the API; her reminder goes as free text.
        let evaID = try lead("Eva")
        let inbound = #"{"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"13055550100","phone_number_id":"\#(meta.phoneNumberID)"},"contacts":[{"profile":{"name":"Eva"},"wa_id":"13055550155"}],"messages":[{"from":"13055550155","id":"wamid.IN-eva-1","timestamp":"\#(Int(simulatedNow().timeIntervalSince1970))","type":"text","text":{"body":"Hola, me interesa la prueba de manejo"}}]}}]}]}"#
        let signer = WhatsAppCloudAdapter(phoneNumberID: meta.phoneNumberID, accessToken: meta.accessToken, appSecret: appSecret,
                                          verifyToken: "verify-me", transport: URLSessionTransport())
        let signed = try await api.send("POST", base + "/webhooks/whatsapp", body: inbound, contentType: "application/json",
                                        headers: [HeaderField("X-Hub-Signature-256", signer.signature(for: Array(inbound.utf8)))])
        #expect(signed.status == 200)
        let starts = simulatedNow().addingTimeInterval(75 * 60)
        let booking = #"{"lead_id":"\#(evaID.rawValue)","starts_at":"\#(starts.ISO8601Format())","zone":"America/New_York"}"#
        #expect(try await api.send("POST", base + "/api/appointments", body: booking, contentType: "application/json").status == 201)
        let reminder = try await eventually(60, "Eva's reminder on WhatsApp") {
            await fakes.meta.log.requests.first { ($0.json?["to"] as? String).map { eva.hasSuffix($0.filter(\.isNumber)) } == true && $0.json?["type"] as? String == "text" }
        }
        let reminderText = (reminder.json?["text"] as? [String: Any])?["body"] as? String ?? ""
        #expect(!reminderText.isEmpty && !reminderText.contains("{{"))

        // 8. The client without a profile: its first touch waits with the variable named, never sent with a hole.
        let doraID = try lead("Dora")
        let waiting = try await eventually(30, "Dora's first touch deferred") {
            try await api.timeline(doraID).entries.first { $0.kind == "touch" && $0.error?.contains("missing_variable: ") == true }
        }
        #expect(waiting.status == "queued", "the touch waits for the profile: \(waiting.status ?? "?")")
        #expect(waiting.error?.contains("missing_variable: client.phone") == true, "reason: \(waiting.error ?? "none")")
        #expect(await fakes.twilio.log.requests.allSatisfy { $0.formValue("To") != dora })

        // After "9", only the confirmation: a few more simulated hours bring nothing else to Carla.
        try await Task.sleep(for: .seconds(3))
        let toCarla = await fakes.twilio.log.requests.filter { $0.formValue("To") == carla }
        #expect(toCarla.count == 2, "the call and the confirmation only: \(toCarla.map(\.path))")
    }

    static func attribute(_ name: String, in xml: String) -> String? {
        guard let range = xml.range(of: " \(name)=\"") else { return nil }
        let value = xml[range.upperBound...].prefix { $0 != "\"" }
        return String(value).replacingOccurrences(of: "&amp;", with: "&")
    }

    static func channelsFile(base: String, fakes: Fakes, email: EmailProvider) -> String {
        let emailAdapter = switch email {
        case .elastic: """
              mail:
                provider: elastic-email
                base_url: \(fakes.elastic.baseURL)
                credentials:
                  api_key: E2E_ELASTIC_KEY
                options:
                  from: citas@sonrisa.example
            """
        case .smtp: """
              mail:
                provider: smtp
                options:
                  host: 127.0.0.1
                  port: "\(fakes.smtpPort)"
                  tls: none
                  from: citas@sonrisa.example
            """
        }
        return """
            version: 1
            webhook_base_url: \(base)
            adapters:
              twilio:
                provider: twilio
                base_url: \(fakes.twilio.baseURL)
                credentials:
                  account_sid: E2E_TWILIO_SID
                  auth_token: E2E_TWILIO_TOKEN
                options:
                  from: "+13055550100"
              meta:
                provider: whatsapp-cloud
                base_url: \(fakes.meta.baseURL)
                credentials:
                  access_token: E2E_META_TOKEN
                  app_secret: E2E_META_SECRET
                  verify_token: E2E_META_VERIFY
                options:
                  phone_number_id: "\(meta.phoneNumberID)"
            \(emailAdapter)
            routes:
              - {client: "*", channel: voice, adapter: twilio, sender: {from: "+13055550100"}}
              - {client: "*", channel: sms, adapter: twilio, sender: {from: "+13055550100"}}
              - {client: "*", channel: whatsapp, adapter: meta, sender: {phone_number_id: "\(meta.phoneNumberID)"}}
              - {client: "*", channel: email, adapter: mail, sender: {from: citas@sonrisa.example, from_name: Sonrisa}}

            """
    }
}

/// The daemon's HTTP API and webhooks, as the cockpit and the providers call them.
struct DaemonAPI: Sendable {
    let base: String
    let token: String
    let http = URLSessionTransport()

    func send(_ method: String, _ url: String, body: String = "", contentType: String? = nil, headers: [HeaderField] = []) async throws -> TransportResponse {
        var all = headers + [HeaderField("Authorization", "Bearer \(token)")]
        if let contentType { all.append(HeaderField("Content-Type", contentType)) }
        return try await http.send(TransportRequest(method: method, url: url, headers: all, body: Array(body.utf8), timeoutSeconds: 10))
    }

    /// A Twilio form webhook to `url`, signed with the fake account's token.
    func postTwilio(_ url: String, _ form: [(String, String)]) async throws -> TransportResponse {
        let signature = TwilioSignature(authToken: ServeProductionPathTests.twilio.authToken).compute(url: url, parameters: form)
        return try await http.send(TransportRequest(
            method: "POST", url: url,
            headers: [HeaderField("Content-Type", "application/x-www-form-urlencoded"), HeaderField("X-Twilio-Signature", signature)],
            body: FormEncoding.encode(form), timeoutSeconds: 10))
    }

    func leads() async throws -> [LeadEnriched] { try await decode("/api/leads?limit=100", as: LeadPageDocument.self).leads }

    func timeline(_ lead: LeadID) async throws -> TimelineDocument { try await decode("/api/leads/\(lead.rawValue)/timeline", as: TimelineDocument.self) }

    func decode<T: Decodable>(_ path: String, as type: T.Type) async throws -> T {
        let response = try await send("GET", base + path)
        guard response.status == 200 else { throw LiveDaemonError("GET \(path) answered \(response.status)") }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(response.body))
    }
}
