import Engine
import Foundation
import RevenueCore
import Testing

@Suite("Dry-run report")
struct DryRunReportTests {
    static func report() -> DryRunReport {
        let leads = [Fixture.lead("L1", state: "FL", zone: "America/New_York"), Fixture.lead("L2", state: "AZ", zone: "America/Phoenix", language: .en)]
        let model = OutcomeModel(channels: [.voice: [.answered: 1]], bookOnAnswer: 1, bookOnReply: 0, optOut: 0, appointments: [.noShow: 1])
        let result = Simulator(.init(playbook: DemoPlaybook.make(), client: Fixture.client, start: Fixture.start, days: 10, seed: 5, model: model)).run(leads: leads)
        return DryRunReport(result: result, leads: leads, playbook: DemoPlaybook.make(), client: Fixture.client, campaignID: "c", labels: ["a", "b"])
    }

    @Test func jsonlHasEveryLineType() throws {
        let lines = String(decoding: try Self.report().jsonl(), as: UTF8.self).split(separator: "\n").map(String.init)
        let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        let types = Set(objects.compactMap { $0["type"] as? String })
        #expect(types == ["touch", "state", "appointment", "deferral", "summary"])
        let reminder = try #require(objects.first { $0["type"] as? String == "touch" && ($0["step"] as? Int) == 200 && $0["lead_id"] as? String == "L1" })
        let payload = try #require(reminder["payload"] as? [String: Any])
        #expect((payload["message"] as? String)?.contains("Recordatorio") == true)
        #expect((reminder["local_time"] as? String)?.hasSuffix("-05:00") == true)
        let followUp = try #require(objects.first { $0["type"] as? String == "touch" && ($0["step"] as? Int) == 210 })
        #expect((followUp["payload"] as? [String: Any])?["kind"] as? String == "follow_up")
        let appointment = try #require(objects.first { $0["type"] as? String == "appointment" })
        #expect((appointment["starts_at"] as? String)?.hasSuffix("Z") == true)
        #expect(objects.last?["type"] as? String == "summary")
    }

    @Test func tableIsAPerLeadTimeline() {
        let table = Self.report().table()
        #expect(table.contains("Lead L1 (a) · Ana López · America/New_York (explicit) · FL · es"))
        #expect(table.contains("Lead L2 (b) · Ana López · America/Phoenix (explicit) · AZ · en"))
        #expect(table.contains("appt     A1 scheduled"))
        #expect(table.contains("Summary: 2 leads"))
    }
}
