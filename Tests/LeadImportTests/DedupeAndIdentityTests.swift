import Foundation
import LeadImport
import RevenueCore
import Testing

@Suite("In-file dedupe and deterministic ids")
struct DedupeAndIdentityTests {
    @Test("Later rows with the same phone or e-mail are duplicates pointing at the first row")
    func dedupe() throws {
        let batch = try Fixture.read("duplicates.csv")
        #expect(batch.accepted.map(\.line) == [2, 5, 7])
        #expect(batch.duplicatesInFile == [
            RejectedRow(line: 3, field: "phone", reason: "same phone number as line 2", duplicateOf: 2),
            RejectedRow(line: 4, field: "email", reason: "same e-mail address as line 2", duplicateOf: 2),
            RejectedRow(line: 6, field: "email", reason: "same e-mail address as line 5", duplicateOf: 5),
        ])
        #expect(batch.rejected.isEmpty)
    }

    @Test("A repeated external id is a duplicate too")
    func dedupeByExternalID() throws {
        let batch = try Fixture.read(text: "id,phone\nA1,305-555-0100\nA1,305-555-0101\n")
        #expect(batch.accepted.map(\.line) == [2])
        #expect(batch.duplicatesInFile.map(\.field) == ["id"])
        #expect(batch.duplicatesInFile.first?.duplicateOf == 2)
    }

    @Test("Reading the same file twice gives the same ids; ids are opaque and scoped to the org")
    func deterministicIDs() throws {
        let data = try Fixture.data("basic_utf8.csv")
        let first = try LeadCSVReader().read(data, path: "a.csv", org: Fixture.org, now: Fixture.now)
        let second = try LeadCSVReader().read(data, path: "b.csv", org: Fixture.org, now: Fixture.now.addingTimeInterval(86_400))
        #expect(first.accepted.map(\.lead.id) == second.accepted.map(\.lead.id))
        #expect(Set(first.accepted.map(\.lead.id)).count == 3)
        for lead in first.accepted.map(\.lead) {
            #expect(lead.id.rawValue.hasPrefix("lead_"))
            #expect(lead.id.rawValue.count == 29)
            #expect(!lead.id.rawValue.contains("305"))
        }
        let otherOrg = try LeadCSVReader().read(data, path: "a.csv", org: OrgID("org_other"), now: Fixture.now)
        #expect(Set(otherOrg.accepted.map(\.lead.id)).isDisjoint(with: first.accepted.map(\.lead.id)))
    }

    @Test("The id follows the normalized phone, not how it was typed")
    func idFromNormalizedPhone() throws {
        let a = try Fixture.read(text: "phone\n(305) 555-0100\n")
        let b = try Fixture.read(text: "Teléfono,Correo\n+1 305.555.0100,ana@example.com\n")
        #expect(a.accepted.first?.lead.id == b.accepted.first?.lead.id)
    }

    @Test("Rows with an id column use it; rows without fall back to phone, then e-mail")
    func idSources() throws {
        let batch = try Fixture.read(text: "id,phone,email\nH-9,305-555-0100,\n,305-555-0100,\n,,ana@example.com\n")
        #expect(batch.accepted.first?.externalID == "H-9")
        // Line 3 has the same phone as line 2, so it is a duplicate even though its id differs.
        #expect(batch.duplicatesInFile.map(\.line) == [3])
        let byPhone = try Fixture.read(text: "phone\n305-555-0100\n")
        #expect(batch.lead(at: 2)?.id != byPhone.lead(at: 2)?.id)
        let byEmail = try Fixture.read(text: "email\nana@example.com\n")
        #expect(batch.lead(at: 4)?.id == byEmail.lead(at: 2)?.id)
    }
}
