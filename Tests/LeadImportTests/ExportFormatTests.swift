import Foundation
import LeadImport
import RevenueCore
import Testing

@Suite("Real exports and header mapping")
struct ExportFormatTests {
    @Test("HubSpot export: Record ID, mobile preferred, State/Region, Preferred language", arguments: [ColumnMapping.auto, .hubspot])
    func hubspot(mapping: ColumnMapping) throws {
        let batch = try Fixture.read("hubspot_export.csv", mapping: mapping)
        #expect(batch.accepted.count == 2)
        let carmen = try #require(batch.accepted.first { $0.line == 2 })
        #expect(carmen.externalID == "101")
        #expect(carmen.lead.firstName == "Carmen")
        #expect(carmen.lead.lastName == "Ruiz")
        #expect(carmen.lead.phone == "+17865550143")  // "Mobile Phone Number" beats "Phone Number"
        #expect(carmen.lead.email == "carmen@example.com")
        #expect(carmen.lead.usState == "FL")
        #expect(carmen.lead.language == .es)
        #expect(carmen.lead.companyName == "Ruiz Auto")
        #expect(carmen.lead.state == .enriched)
        #expect(carmen.lead.createdAt == Fixture.now)
        let pedro = try #require(batch.lead(at: 3))
        #expect(pedro.phone == "+15125550177")  // mobile empty: falls back to "Phone Number"
        #expect(pedro.language == .en)
        #expect(pedro.timeZone == "America/Chicago")
        // "Contact owner" is not the lead's contact name.
        #expect(pedro.contactName == nil)
        #expect(batch.rejected == [RejectedRow(line: 4, field: "phone", reason: "no phone number or e-mail address")])
    }

    @Test("Google Sheets export: full-name column, quoted notes with a newline, Mexico mobile")
    func sheets() throws {
        let batch = try Fixture.read("sheets_export.csv", mapping: .sheets)
        #expect(batch.accepted.map(\.line) == [2, 3, 5])
        #expect(batch.lead(at: 2)?.name == "Rosa Martínez")
        #expect(batch.lead(at: 2)?.companyName == "Martínez Dental")
        let luis = try #require(batch.lead(at: 3))
        #expect(luis.name == "Luis \"Lucho\" Fernández")
        #expect(luis.phone == "+523312345678")
        #expect(luis.timeZoneSource == .phone)
        #expect(luis.timeZone?.hasPrefix("America/") == true)
        #expect(luis.companyName == nil)
        let elena = try #require(batch.lead(at: 5))
        #expect(elena.timeZone == "America/Phoenix")
        #expect(elena.usState == "AZ")
        #expect(elena.timeZoneSource == .phone)
    }

    @Test("Spanish headers in any case and accent: Nombre, Apellido(s), Teléfono, Celular, Correo electrónico …")
    func spanishHeaders() throws {
        let batch = try Fixture.read("spanish_headers.csv")
        #expect(batch.columns.map(\.header) == ["NOMBRE", "Apellido(s)", "Teléfono", "Celular", "Correo Electrónico", "Estado", "Idioma", "Zona Horaria", "Empresa"])
        let lupe = try #require(batch.lead(at: 2))
        #expect(lupe.firstName == "Guadalupe")
        #expect(lupe.lastName == "Hernández")
        #expect(lupe.phone == "+12105550199")  // Celular before Teléfono
        #expect(lupe.email == "lupe@example.com")
        #expect(lupe.usState == "TX")
        #expect(lupe.language == .es)
        #expect(lupe.timeZone == "America/Chicago")
        #expect(lupe.timeZoneSource == .explicit)
        #expect(lupe.companyName == "Clínica Hernández")
        let miguel = try #require(batch.lead(at: 3))
        #expect(miguel.phone == nil)
        #expect(miguel.language == .en)
        #expect(miguel.usState == "CA")
        #expect(miguel.timeZone == "America/Los_Angeles")
        #expect(miguel.timeZoneSource == .state)
    }

    @Test("A lone Spanish `Nombre` column holds the whole name")
    func loneNombre() throws {
        let batch = try Fixture.read(text: "Nombre,Teléfono\nMaría Guzmán,305-555-0100\n")
        #expect(batch.lead(at: 2)?.name == "María Guzmán")
        #expect(batch.lead(at: 2)?.firstName == nil)
        #expect(batch.lead(at: 2)?.fullName == "María Guzmán")
    }

    @Test("Language cells in both languages and as locale tags", arguments: [
        ("es", Language.es), ("Spanish", .es), ("Español", .es), ("ESPANOL", .es), ("es-MX", .es), ("spa", .es),
        ("en", .en), ("English", .en), ("Inglés", .en), ("ingles", .en), ("en_US", .en),
    ])
    func languages(cell: String, expected: Language) throws {
        let batch = try Fixture.read(text: "phone,language\n305-555-0100,\(cell)\n")
        #expect(batch.lead(at: 2)?.language == expected)
        #expect(batch.warnings.isEmpty)
    }

    @Test("An unknown language is left unset with a warning on its line")
    func unknownLanguage() throws {
        let batch = try Fixture.read(text: "phone,language\n305-555-0100,Klingon\n")
        #expect(batch.lead(at: 2)?.language == nil)
        #expect(batch.warnings.map(\.line) == [2])
        #expect(batch.warnings.first?.field == "language")
    }

    @Test("Time-zone cells: IANA names and US names; unknown ones fall back to the phone")
    func timeZones() throws {
        let batch = try Fixture.read(text: """
            phone,timezone
            305-555-0100,America/Chicago
            305-555-0101,Pacific Time
            305-555-0102,EST
            305-555-0103,Hora del Pacífico
            305-555-0104,Mars/Olympus
            305-555-0105,
            """)
        #expect(batch.accepted.map(\.lead.timeZone) == ["America/Chicago", "America/Los_Angeles", "America/New_York", "America/Los_Angeles", "America/New_York", "America/New_York"])
        #expect(batch.accepted.map(\.lead.timeZoneSource) == [.explicit, .explicit, .explicit, .explicit, .phone, .phone])
        #expect(batch.warnings.map(\.line) == [6])
        #expect(batch.warnings.first?.field == "timezone")
    }

    @Test("Nothing known about the zone: the default zone, marked fallback")
    func fallbackZone() throws {
        let batch = try LeadCSVReader().read(Data("email\nana@example.com\n".utf8), path: "x.csv", org: Fixture.org, now: Fixture.now, defaultTimeZone: "America/Denver")
        #expect(batch.lead(at: 2)?.timeZone == "America/Denver")
        #expect(batch.lead(at: 2)?.timeZoneSource == .fallback)
    }

    @Test("Custom mapping from YAML reads only the mapped columns")
    func customMapping() throws {
        let yaml = String(decoding: try Fixture.data("custom_mapping.yaml"), as: UTF8.self)
        let mapping = try ColumnMapping.load(yaml: yaml, path: "custom_mapping.yaml")
        guard case .custom(let table) = mapping else {
            Issue.record("expected a custom mapping")
            return
        }
        #expect(table == ["Nombre del cliente": .name, "Tel. casa": .phone, "Mail": .email, "Idioma preferido": .language])
        let batch = try Fixture.read("custom_mapping.csv", mapping: mapping)
        #expect(batch.columns.map(\.header) == ["Nombre del cliente", "Tel. casa", "Mail", "Idioma preferido"])
        let rosa = try #require(batch.lead(at: 2))
        #expect(rosa.name == "Rosa Díaz")
        #expect(rosa.phone == "+13055550100")
        #expect(rosa.language == .es)
    }

    @Test("Unknown columns are ignored; extra and missing cells are tolerated")
    func ragged() throws {
        let batch = try Fixture.read(text: "phone,favourite colour,email\n305-555-0100,blue,a@example.com,extra,cells\n786-555-0100\n")
        #expect(batch.columns.map(\.field) == [.phone, .email])
        #expect(batch.accepted.count == 2)
        #expect(batch.lead(at: 3)?.email == nil)
    }
}
