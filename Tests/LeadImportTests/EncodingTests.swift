import Foundation
import LeadImport
import RevenueCore
import Testing

@Suite("Encodings")
struct EncodingTests {
    @Test("Plain UTF-8 keeps accents")
    func utf8() throws {
        let batch = try Fixture.read("basic_utf8.csv")
        #expect(batch.encoding == .utf8)
        #expect(batch.accepted.count == 3)
        #expect(batch.lead(at: 2)?.firstName == "María")
        #expect(batch.lead(at: 2)?.lastName == "Guzmán")
        #expect(batch.lead(at: 4)?.lastName == "Peña")
    }

    @Test("UTF-8 with a BOM: the BOM does not end up in the first header")
    func bom() throws {
        let batch = try Fixture.read("bom_utf8.csv")
        #expect(batch.encoding == .utf8BOM)
        #expect(batch.columns.first?.header == "Name")
        #expect(batch.columns.first?.field == .name)
        #expect(batch.lead(at: 2)?.name == "José Núñez")
        #expect(batch.lead(at: 2)?.phone == "+17875550123")
        #expect(batch.lead(at: 3)?.name == "Ana Peña")
    }

    @Test("Windows-1252 from Excel: accents survive, `;` delimiter and CRLF detected")
    func windows1252() throws {
        let batch = try Fixture.read("excel_windows1252_semicolon.csv")
        #expect(batch.encoding == .windows1252)
        #expect(batch.delimiter == ";")
        #expect(batch.columns.map(\.field) == [.firstName, .lastName, .phone, .email, .state, .language])
        let jose = try #require(batch.lead(at: 2))
        #expect(jose.firstName == "José")
        #expect(jose.lastName == "Núñez")
        #expect(jose.usState == "FL")
        #expect(jose.language == .es)
        let lucia = try #require(batch.lead(at: 3))
        #expect(lucia.firstName == "Lucía")
        #expect(lucia.lastName == "Peña")
        #expect(lucia.usState == "PR")
        #expect(lucia.language == .en)
        #expect(batch.lead(at: 4)?.lastName == "Guzmán")
    }

    @Test("Windows-1252 bytes 0x80–0x9F use the code page, not Latin-1")
    func windows1252HighBytes() throws {
        // "phone,name\n3055550100,Café “Ñandú” – 5€\n" in Windows-1252.
        var bytes = Array("phone,name\n3055550100,Caf".utf8)
        bytes += [0xE9, 0x20, 0x93, 0xD1, 0x61, 0x6E, 0x64, 0xFA, 0x94, 0x20, 0x96, 0x20, 0x35, 0x80, 0x0A]
        let batch = try LeadCSVReader().read(Data(bytes), path: "cp1252.csv", org: Fixture.org, now: Fixture.now)
        #expect(batch.encoding == .windows1252)
        #expect(batch.lead(at: 2)?.name == "Café “Ñandú” – 5€")
    }

    @Test("A UTF-8 file with a pasted Windows-1252 cell keeps both halves readable")
    func mixed() throws {
        let bytes = Array("name,phone\nJosé Núñez,305-555-0100\nLuc".utf8) + [0xED, 0x61, 0x20, 0x50, 0x65, 0xF1, 0x61] + Array(",305-555-0101\n".utf8)
        let batch = try LeadCSVReader().read(Data(bytes), path: "mixed.csv", org: Fixture.org, now: Fixture.now)
        #expect(batch.encoding == .utf8WithWindows1252)
        #expect(batch.lead(at: 2)?.name == "José Núñez")
        #expect(batch.lead(at: 3)?.name == "Lucía Peña")
    }

    @Test("UTF-16LE with a BOM (Excel's \"Unicode text\") is read, tab-delimited")
    func utf16() throws {
        let text = "Name\tPhone\r\nJosé Peña\t305 555 0100\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let batch = try LeadCSVReader().read(Data(bytes), path: "unicode.txt", org: Fixture.org, now: Fixture.now)
        #expect(batch.encoding == .utf16LE)
        #expect(batch.delimiter == "\t")
        #expect(batch.lead(at: 2)?.name == "José Peña")
        #expect(batch.lead(at: 2)?.phone == "+13055550100")
    }

    @Test("A spreadsheet or binary file is refused with the file named")
    func notText() {
        let xlsx = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00])
        let error = Fixture.fileError { try LeadCSVReader().read(xlsx, path: "leads.xlsx", org: Fixture.org, now: Fixture.now) }
        #expect(error == .notCSV(path: "leads.xlsx", detected: "an Excel workbook or other ZIP archive (.xlsx)"))
        #expect(error?.description.hasPrefix("leads.xlsx: ") == true)

        let binary = Data(Array("phone\n305".utf8) + [0x00, 0x01])
        let nul = Fixture.fileError { try LeadCSVReader().read(binary, path: "blob.csv", org: Fixture.org, now: Fixture.now) }
        guard case .unreadableEncoding(let path, let line, _) = nul else {
            Issue.record("expected unreadableEncoding, got \(String(describing: nul))")
            return
        }
        #expect(path == "blob.csv")
        #expect(line == 2)
    }
}
