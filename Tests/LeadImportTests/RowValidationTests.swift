import Foundation
import LeadImport
import RevenueCore
import Testing

@Suite("Row checks: phones, e-mails, contact")
struct RowValidationTests {
    @Test("Bad rows are reported with line, field and reason")
    func badRows() throws {
        let batch = try Fixture.read("bad_rows.csv")
        #expect(batch.accepted.map(\.line) == [2, 8, 9])
        #expect(batch.rejected.map(\.line) == [3, 4, 5, 6, 7, 10])
        #expect(batch.rejected.map(\.field) == ["phone", "phone", "email", "phone", "phone", "phone"])
        let byLine = Dictionary(uniqueKeysWithValues: batch.rejected.map { ($0.line, $0.reason) })
        #expect(byLine[3]?.contains("9 digits") == true)
        #expect(byLine[4]?.contains("only digits") == true)
        #expect(byLine[5]?.contains("no @") == true)
        #expect(byLine[6]?.contains("malformed domain") == true)
        #expect(byLine[7] == "no phone number or e-mail address")
        #expect(byLine[10]?.contains("scientific notation") == true)
    }

    @Test("An invalid e-mail beside a good phone keeps the lead without e-mail, with a warning (and vice versa)")
    func keptWithWarning() throws {
        let batch = try Fixture.read("bad_rows.csv")
        let eight = try #require(batch.lead(at: 8))
        #expect(eight.phone == "+17865550111")
        #expect(eight.email == nil)
        let nine = try #require(batch.lead(at: 9))
        #expect(nine.phone == nil)
        #expect(nine.email == "rita@example.com")
        #expect(nine.timeZoneSource == .fallback)
        #expect(batch.warnings.map(\.line) == [8, 9])
        #expect(batch.warnings.map(\.field) == ["email", "phone"])
    }

    @Test("No reason ever contains the raw phone or e-mail text")
    func reasonsNeverLeakValues() throws {
        let text = String(decoding: try Fixture.data("bad_rows.csv"), as: UTF8.self)
        let cells = text.split(whereSeparator: \.isNewline).dropFirst().flatMap { $0.split(separator: ",").dropFirst() }.map(String.init)
        let batch = try Fixture.read("bad_rows.csv")
        let reports = batch.rejected + batch.warnings + batch.duplicatesInFile
        #expect(!reports.isEmpty)
        for report in reports {
            for cell in cells where cell.count >= 3 {
                #expect(!report.reason.contains(cell), "line \(report.line) reason quotes a cell")
                #expect(!report.description.contains(cell))
            }
            #expect(!report.reason.contains("@example"))
        }
    }

    @Test("Phones typed many ways become E.164", arguments: [
        ("(305) 555-0100", "+13055550100"),
        ("305-555-0100", "+13055550100"),
        ("305.555.0100", "+13055550100"),
        ("305 555 0100", "+13055550100"),
        ("3055550100", "+13055550100"),
        ("13055550100", "+13055550100"),
        ("1-305-555-0100", "+13055550100"),
        ("+1 (305) 555-0100", "+13055550100"),
        ("+13055550100", "+13055550100"),
        ("011 1 305 555 0100", "+13055550100"),
        ("(787) 555-0123", "+17875550123"),
        ("+1 939 555 0123", "+19395550123"),
        ("+52 1 55 1234 5678", "+525512345678"),
        ("+521 55 1234 5678", "+525512345678"),
        ("+52 55 1234 5678", "+525512345678"),
        ("+52 (33) 1234-5678", "+523312345678"),
        ("00 52 81 1234 5678", "+528112345678"),
    ])
    func phoneFormats(typed: String, e164: String) throws {
        let batch = try Fixture.read(text: "phone\n\"\(typed)\"\n")
        #expect(batch.lead(at: 2)?.phone == e164)
        #expect(batch.rejected.isEmpty)
    }

    @Test("Puerto Rico and Mexico numbers give their zones; US area codes give state and zone")
    func zonesFromPhone() throws {
        let batch = try Fixture.read(text: "phone\n787-555-0123\n+52 55 1234 5678\n(213) 555-0100\n")
        #expect(batch.lead(at: 2)?.timeZone == "America/Puerto_Rico")
        #expect(batch.lead(at: 2)?.usState == "PR")
        #expect(batch.lead(at: 3)?.timeZone == "America/Mexico_City")
        #expect(batch.lead(at: 3)?.usState == nil)
        #expect(batch.lead(at: 4)?.timeZone == "America/Los_Angeles")
        #expect(batch.lead(at: 4)?.usState == "CA")
        #expect(batch.accepted.allSatisfy { $0.lead.timeZoneSource == .phone })
    }

    @Test("E-mail syntax", arguments: [
        ("ana@example.com", true), ("Ana.Ruiz+leads@Example.COM", true), ("mailto:ana@example.com", true),
        ("<ana@example.com>", true), ("josé@correo.mx", true), ("ana@example", false), ("ana@@example.com", false),
        ("ana example@x.com", false), (".ana@example.com", false), ("ana..ruiz@example.com", false),
        ("ana@-example.com", false), ("ana@example.c", false), ("@example.com", false), ("ana@", false),
    ])
    func emails(cell: String, valid: Bool) throws {
        let batch = try Fixture.read(text: "email\n\"\(cell)\"\n")
        #expect((batch.accepted.count == 1) == valid)
        if valid { #expect(batch.lead(at: 2)?.email == batch.lead(at: 2)?.email?.lowercased()) }
        if !valid { #expect(batch.rejected.first?.field == "email") }
    }

    @Test("Several addresses in one cell: the first valid one is kept")
    func severalEmails() throws {
        let batch = try Fixture.read(text: "email\n\"not-an-address; ana@example.com, bob@example.com\"\n")
        #expect(batch.lead(at: 2)?.email == "ana@example.com")
    }

    @Test("A state cell that is not a US state is ignored with a warning; the phone's state is used")
    func unknownState() throws {
        let batch = try Fixture.read(text: "phone,state\n305-555-0100,Narnia\n")
        #expect(batch.lead(at: 2)?.usState == "FL")
        #expect(batch.warnings.map(\.field) == ["state"])
    }
}

@Suite("Phone cells as spreadsheets leave them")
struct PhoneCellTests {
    @Test("Excel text markers are unwrapped silently", arguments: ["'3055550100", "=\"3055550100\"", "'+1 305 555 0100"])
    func textMarkers(cell: String) throws {
        let batch = try Fixture.read(text: "phone\n\"\(cell.replacingOccurrences(of: "\"", with: "\"\""))\"\n")
        #expect(batch.lead(at: 2)?.phone == "+13055550100")
        #expect(batch.warnings.isEmpty)
    }

    @Test("An extension is dropped with a warning", arguments: ["305-555-0100 x12", "(305) 555-0100 ext. 7", "305 555 0100 extensión 3", "305.555.0100 #22"])
    func extensions(cell: String) throws {
        let batch = try Fixture.read(text: "phone\n\(cell)\n")
        #expect(batch.lead(at: 2)?.phone == "+13055550100")
        #expect(batch.warnings.map(\.field) == ["phone"])
        #expect(batch.warnings.first?.reason.contains("extension") == true)
    }

    @Test("Several numbers in one cell: the first valid one is kept, with a warning", arguments: [
        "305-555-0100 / 786-555-0101", "305-555-0100; 786-555-0101", "555-0100 o 786-555-0101",
    ])
    func severalNumbers(cell: String) throws {
        let batch = try Fixture.read(text: "phone\n\"\(cell)\"\n")
        let expected = cell.hasPrefix("555") ? "+17865550101" : "+13055550100"
        #expect(batch.lead(at: 2)?.phone == expected)
        #expect(batch.warnings.first?.reason.contains("several numbers") == true)
    }

    @Test("Excel's `sep=;` first line sets the delimiter and is not the header")
    func sepLine() throws {
        let batch = try Fixture.read(text: "sep=;\r\nNombre;Teléfono\r\nAna, la de Peña;305 555 0100\r\n")
        #expect(batch.delimiter == ";")
        #expect(batch.columns.map(\.header) == ["Nombre", "Teléfono"])
        #expect(batch.lead(at: 3)?.name == "Ana, la de Peña")
    }
}
