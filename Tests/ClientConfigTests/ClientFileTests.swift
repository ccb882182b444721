import ClientConfig
import Foundation
import RevenueCore
import Testing

@Suite struct ClientFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let base = Client(id: "clinica-sonrisa", orgID: "org", name: "Clínica", createdAt: Date(timeIntervalSince1970: 0))

    func check(_ yaml: String) -> ClientFileCheck { ClientFile.check(Data(yaml.utf8), path: "clients/sonrisa.yaml") }

    @Test func aCompleteFileAppliesEveryKey() throws {
        let result = check("""
            id: clinica-sonrisa
            name: Clínica Dental Sonrisa
            time_zone: America/Chicago
            agent_name: Sofía
            phone: "+13125550100"
            address: 100 Main St, Chicago
            website: https://sonrisa.example.com
            booking_link: https://sonrisa.example.com/citas
            reschedule_link: https://sonrisa.example.com/cambiar
            brand_name: Sonrisa
            business_hours: {days: [mon, tue, wed, thu, fri], start: "09:00", end: "18:00"}
            send_window:
              days: [mon, sat]
              start: 10:00
              end: "19:30"
            allowed_channels: [sms, email]
            tone: formal, usted
            limits:
              touches_per_lead_per_day: 2
              touches_per_hour: 100
              calls_per_day: 40
              per_channel_per_hour: {voice: 30, sms: 200}
            status: paused
            """)
        #expect(result.diagnostics == [])
        let client = try #require(result.patch).applied(to: Self.base)
        #expect(client.name == "Clínica Dental Sonrisa")
        #expect(client.timeZone == "America/Chicago")
        #expect(client.profile.phone == "+13125550100")
        #expect(client.profile.agentName == "Sofía")
        #expect(client.profile.businessHours == SendWindow(days: [.mon, .tue, .wed, .thu, .fri], startMinute: 540, endMinute: 1080))
        #expect(client.schedule == SendWindow(days: [.mon, .sat], startMinute: 600, endMinute: 1170))
        #expect(client.allowedChannels == [.sms, .email])
        #expect(client.limits == ClientLimits(touchesPerLeadPerDay: 2, touchesPerHour: 100, callsPerDay: 40, perChannelPerHour: [.voice: 30, .sms: 200]))
        #expect(client.status == .paused)
        #expect(client.tone == "formal, usted")
    }

    @Test func aValidFileRoundTrips() throws {
        var client = Self.base
        client.name = "Clínica \"Sonrisa\""
        client.profile = ClientProfile(agentName: "Sofía", phone: "+13125550100", address: "100 Main St", website: "https://a.example",
                                       bookingLink: "https://a.example/b", rescheduleLink: "https://a.example/r", brandName: "Sonrisa",
                                       businessHours: SendWindow(days: [.mon], startMinute: 480, endMinute: 1440))
        client.schedule = SendWindow(days: Weekday.allCases, startMinute: 540, endMinute: 1200)
        client.allowedChannels = [.voice, .whatsapp]
        client.limits = ClientLimits(touchesPerLeadPerDay: 3, perChannelPerHour: [.email: 5])
        client.tone = "cálido"
        let yaml = ClientFileWriter.yaml(client)
        let result = check(yaml)
        #expect(result.diagnostics == [])
        let blank = Client(id: "other", orgID: "org", name: "x", allowedChannels: [.sms], createdAt: Self.base.createdAt)
        #expect(try #require(result.patch).applied(to: blank) == client)
        #expect(ClientFile.isClientFile(yaml))
    }

    @Test func wrongKeyIsReportedWithLineColumnFieldAndAHint() {
        let result = check("""
            name: Sonrisa
            phnoe: "+13125550100"
            limits:
              calls_per_dya: 3
            """)
        #expect(result.patch == nil)
        #expect(result.issues.map(\.field) == ["phnoe", "limits.calls_per_dya"])
        let first = result.diagnostics[0]
        #expect((first.file, first.line, first.column, first.code) == ("clients/sonrisa.yaml", 2, 1, "CL003"))
        #expect(first.message == "unknown key `phnoe` at the top level")
        #expect(first.hint == "did you mean `phone`?")
        #expect((result.diagnostics[1].line, result.diagnostics[1].column) == (4, 3))
        #expect(result.diagnostics[1].hint == "did you mean `calls_per_day`?")
    }

    @Test func phoneThatIsNotE164IsRefusedWithoutEchoingIt() {
        for (raw, hint) in [("(312) 555-0100", "write it as `+13125550100`"), ("+44 20 7946 0958", nil), ("12345", nil)] {
            let result = check("name: Sonrisa\nphone: \"\(raw)\"\n")
            #expect(result.patch == nil)
            let d = result.diagnostics.first
            #expect(d?.code == "CL005")
            #expect((d?.line, d?.column) == (2, 8))
            #expect(result.issues.first?.field == "phone")
            #expect(d?.message.contains(raw) == false)
            if let hint { #expect(d?.hint == hint) }
        }
    }

    @Test func unknownZoneIsRefusedWithASuggestion() {
        let result = check("name: Sonrisa\ntime_zone: America/Chicgo\n")
        #expect(result.patch == nil)
        #expect(result.issues.map(\.field) == ["time_zone"])
        let d = result.diagnostics[0]
        #expect((d.line, d.column, d.code) == (2, 12, "CL006"))
        #expect(d.hint == "did you mean `America/Chicago`?")
        #expect(check("time_zone: EST\n").diagnostics.first?.code == "CL006")
    }

    @Test func everyProblemIsCollected() {
        let result = check("""
            name: ""
            website: ftp://x.example
            business_hours: {days: [mon, funday], start: "9am", end: "08:00"}
            send_window: {start: "18:00", end: "09:00"}
            allowed_channels: [sms, fax]
            limits: {touches_per_hour: 0, per_channel_per_hour: {pigeon: 3}}
            status: sleeping
            """)
        #expect(result.patch == nil)
        #expect(result.diagnostics.map(\.code) == ["CL004", "CL007", "CL010", "CL008", "CL008", "CL009", "CL011", "CL009", "CL012"])
        #expect(result.issues.map(\.field).contains("send_window.end"))
    }

    @Test func yamlSyntaxErrorsAndEmptyFilesAreDiagnostics() {
        #expect(check("name: [unclosed\n").diagnostics.first?.code == "CL001")
        #expect(check("").diagnostics.first?.code == "CL002")
        #expect(check("- a\n- b\n").diagnostics.first?.code == "CL004")
        #expect(ClientFile.check(fileAt: "/nonexistent/client.yaml").diagnostics.first?.code == "CL000")
    }

    @Test func nullClearsOptionalValuesAndAbsentKeysStay() throws {
        var client = Self.base
        client.profile.phone = "+13125550100"
        client.profile.address = "Main St"
        client.limits.callsPerDay = 5
        client.schedule = SendWindow(days: [.mon], startMinute: 0, endMinute: 60)
        let result = check("phone: null\nlimits: {calls_per_day: ~}\nsend_window:\n")
        let updated = try #require(result.patch).applied(to: client)
        #expect(updated.profile.phone == nil)
        #expect(updated.profile.address == "Main St")
        #expect(updated.limits.callsPerDay == nil)
        #expect(updated.schedule == nil)
        #expect(check("name: null\n").diagnostics.first?.code == "CL015")
    }

    @Test func jsonBodiesAndFlagValuesShareTheChecks() throws {
        let ok = ClientFile.check(json: Data(#"{"phone": "+13125550100", "limits": {"touches_per_hour": 9}, "tone": null}"#.utf8))
        let client = try #require(ok.patch).applied(to: Self.base)
        #expect(client.profile.phone == "+13125550100")
        #expect(client.limits.touchesPerHour == 9)
        let bad = ClientFile.check(json: Data(#"{"phnoe": "x", "time_zone": "Mars/Base", "limits": {"calls_per_day": "3"}}"#.utf8))
        #expect(Set(bad.issues.map(\.field)) == ["phnoe", "time_zone", "limits.calls_per_day"])
        #expect(ClientFile.check(json: Data("[1]".utf8)).patch == nil)
        let flags = ClientFile.check(values: [("phone", "305 555 0100"), ("booking_link", "https://b.example/x")])
        #expect(flags.issues.map(\.field) == ["phone"])
        #expect(flags.diagnostics.first?.hint == "write it as `+13055550100`")
    }

    @Test func committedSchemaMatchesTheGenerator() throws {
        let url = Self.root.appendingPathComponent("docs/client.schema.json")
        if ProcessInfo.processInfo.environment["REGENERATE_CLIENT_SCHEMA"] == "1" {
            try ClientFile.jsonSchema().write(to: url, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == ClientFile.jsonSchema(), "regenerate: REGENERATE_CLIENT_SCHEMA=1 swift test --filter ClientConfigTests")
        let object = try JSONSerialization.jsonObject(with: Data(committed.utf8)) as? [String: Any]
        let properties = object?["properties"] as? [String: Any]
        #expect(Set(properties?.keys.map { $0 } ?? []) == Set(ClientFile.keys))
    }

    @Test func playbooksAndChannelFilesAreNotTakenForClientFiles() throws {
        for folder in ["playbooks", "channels"] {
            let dir = Self.root.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }
            #expect(!files.isEmpty)
            for file in files {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                #expect(!ClientFile.isClientFile(text), "\(folder)/\(file)")
            }
        }
    }

    @Test func shippedExampleIsValid() throws {
        let url = Self.root.appendingPathComponent("docs/examples/client-sample.yaml")
        let result = ClientFile.check(fileAt: url.path)
        #expect(result.diagnostics == [])
        #expect(ClientFile.isClientFile(try String(contentsOf: url, encoding: .utf8)))
    }
}
