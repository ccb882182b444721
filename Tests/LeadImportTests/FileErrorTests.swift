import Foundation
import LeadImport
import RevenueCore
import Testing

@Suite("Whole-file errors")
struct FileErrorTests {
    @Test("Empty files: no bytes, only a BOM, only blank lines")
    func empty() {
        for bytes in [[], [0xEF, 0xBB, 0xBF], Array("\r\n\n  \n".utf8)] as [[UInt8]] {
            let error = Fixture.fileError { try LeadCSVReader().read(Data(bytes), path: "e.csv", org: Fixture.org, now: Fixture.now) }
            #expect(error == .empty(path: "e.csv"))
        }
    }

    @Test("A header only is not an error: zero rows")
    func headerOnly() throws {
        let batch = try Fixture.read(text: "name,phone\n")
        #expect(batch.rowCount == 0)
        #expect(batch.accepted.isEmpty)
    }

    @Test("No phone or e-mail column: the error lists the headers and names file and line")
    func noContactColumn() throws {
        let error = Fixture.fileError { try Fixture.read("no_contact_column.csv") }
        #expect(error == .noContactColumn(path: "no_contact_column.csv", line: 1, headers: ["first_name", "last_name", "company"], mapping: "auto"))
        #expect(error?.description.hasPrefix("no_contact_column.csv:1: ") == true)
    }

    @Test("A file whose first line is data is reported as missing its header, without quoting the data")
    func noHeader() throws {
        let error = Fixture.fileError { try Fixture.read("no_header.csv") }
        #expect(error == .noHeader(path: "no_header.csv", line: 1))
        #expect(error?.description.contains("305") == false)
        #expect(error?.description.contains("@") == false)
    }

    @Test("An unclosed quote names the line where the record starts")
    func unterminatedQuote() throws {
        let error = Fixture.fileError { try Fixture.read("unterminated_quote.csv") }
        #expect(error == .unterminatedQuote(path: "unterminated_quote.csv", line: 3))
    }

    @Test("A missing file is a clear error")
    func missingFile() {
        let error = Fixture.fileError { try LeadCSVReader().read(fileAt: "/nonexistent/leads.csv", org: Fixture.org, now: Fixture.now) }
        #expect(error == .unreadable(path: "/nonexistent/leads.csv", reason: "no such file"))
    }

    @Test("Mapping files: bad field names and YAML errors name the line", arguments: [
        ("columns:\n  Phone: phone\n  Nombre: nombre\n", 3, "unknown field"),
        ("columns:\n  Name: name\n", 1, "no column is mapped to `phone` or `email`"),
        ("colums:\n  Phone: phone\n", 1, "unknown key `colums`"),
        ("columns:\n  Phone: phone\n  phone: email\n", 3, "already mapped on line 2"),
        ("columns: [\n", 2, "not valid YAML"),
    ])
    func badMapping(yaml: String, line: Int, message: String) {
        do {
            _ = try ColumnMapping.load(yaml: yaml, path: "map.yaml")
            Issue.record("expected an error")
        } catch let error as ImportFileError {
            guard case .invalidMapping(let path, let errorLine, let text) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "map.yaml")
            #expect(errorLine == line)
            #expect(text.contains(message))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("Presets by name")
    func presets() {
        #expect(ColumnMapping(preset: "HubSpot") == .hubspot)
        #expect(ColumnMapping(preset: "sheets") == .sheets)
        #expect(ColumnMapping(preset: "auto") == .auto)
        #expect(ColumnMapping(preset: "leads.yaml") == nil)
    }
}

@Suite("Title lines above the header")
struct TitleLineTests {
    @Test("A report title above the header is skipped with a warning; line numbers stay physical")
    func titleLines() throws {
        let batch = try Fixture.read(text: "Leads report – March\r\n\r\nNombre;Teléfono;Correo\r\nAna;305 555 0100;ana@example.com\r\n")
        #expect(batch.delimiter == ";")
        #expect(batch.columns.map(\.field) == [.name, .phone, .email])
        #expect(batch.accepted.map(\.line) == [4])
        #expect(batch.warnings == [RejectedRow(line: 1, field: nil, reason: "lines 1–2 above the header on line 3 skipped (a title?)")])
    }

    @Test("Without any header that has a contact column, the error names the first line")
    func noHeaderBelow() {
        let error = Fixture.fileError { try Fixture.read(text: "Report\nfirst,last\nAna,Ruiz\n") }
        #expect(error == .noContactColumn(path: "inline.csv", line: 1, headers: ["Report"], mapping: "auto"))
    }
}
