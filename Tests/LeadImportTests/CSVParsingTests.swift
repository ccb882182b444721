import Foundation
import LeadImport
import RevenueCore
import Testing

@Suite("CSV syntax and line numbers")
struct CSVParsingTests {
    @Test("Quoted commas, doubled quotes and embedded CRLF newlines; records report their first physical line")
    func quotedMultiline() throws {
        let batch = try Fixture.read("quoted_multiline.csv")
        #expect(batch.rowCount == 6)
        #expect(batch.accepted.map(\.line) == [2, 3, 4, 8])
        #expect(batch.lead(at: 2)?.name == "Reyes, Ana")
        #expect(batch.lead(at: 3)?.name == "Soto \"Chino\", Juan")
        #expect(batch.lead(at: 4)?.name == "Marta Vega")
        #expect(batch.lead(at: 8)?.name == "Pablo Ríos")
        #expect(batch.rejected.map(\.line) == [7, 10])
        #expect(batch.rejected.map(\.field) == ["phone", "phone"])
    }

    @Test("LF, CRLF and lone-CR line ends give the same leads and line numbers", arguments: ["\n", "\r\n", "\r"])
    func lineEnds(end: String) throws {
        let text = ["name,phone,notes", "Ana,305-555-0100,\"two\(end)lines\"", "Bob,305-555-0101,", "", "Carl,305-555-0102,x"].joined(separator: end) + end
        let batch = try Fixture.read(text: text)
        #expect(batch.accepted.map(\.line) == [2, 4, 6])
        #expect(batch.accepted.map(\.lead.name) == ["Ana", "Bob", "Carl"])
    }

    @Test("Blank lines and rows of empty cells are skipped, not rejected")
    func blankRows() throws {
        let batch = try Fixture.read(text: "name,phone\n\n,\n  ,  \nAna,305-555-0100\n,,\n")
        #expect(batch.rowCount == 1)
        #expect(batch.rejected.isEmpty)
        #expect(batch.accepted.map(\.line) == [5])
    }

    @Test("A semicolon file with commas inside cells still splits on `;`")
    func semicolons() throws {
        let batch = try Fixture.read(text: "Nombre;Teléfono;Notas\n\"Peña, Ana\";305 555 0100;uno, dos\n")
        #expect(batch.delimiter == ";")
        #expect(batch.lead(at: 2)?.name == "Peña, Ana")
        #expect(batch.lead(at: 2)?.phone == "+13055550100")
    }

    @Test("Spaces around cells and around quoted cells are trimmed")
    func padding() throws {
        let batch = try Fixture.read(text: "name , phone , email\n  \"Ana Ruiz\" ,  305-555-0100 , ANA@Example.COM \n")
        #expect(batch.columns.map(\.field) == [.name, .phone, .email])
        #expect(batch.lead(at: 2)?.name == "Ana Ruiz")
        #expect(batch.lead(at: 2)?.email == "ana@example.com")
    }

    @Test("A stray quote inside an unquoted cell is kept as text")
    func strayQuote() throws {
        let batch = try Fixture.read(text: "name,phone\nAna 5'7\" tall,305-555-0100\n")
        #expect(batch.lead(at: 2)?.name == "Ana 5'7\" tall")
    }

    @Test("No newline at the end of the file")
    func noFinalNewline() throws {
        let batch = try Fixture.read(text: "name,phone\nAna,305-555-0100")
        #expect(batch.accepted.map(\.line) == [2])
    }
}
