import Foundation
import Yams

/// How CSV headers become lead fields: by well-known names (`auto`), a CRM's export (`hubspot`,
/// `sheets`), or a user's own table (`custom`, usually loaded from a YAML file).
///
/// Headers match case-, accent- and punctuation-insensitively; unknown columns are ignored.
public enum ColumnMapping: Sendable, Hashable, CustomStringConvertible {
    /// English and Spanish names seen in real files (`Phone`, `Teléfono`, `Celular`, `Correo` …).
    case auto
    /// HubSpot contact exports ("Record ID", "First Name", "Phone Number", "Mobile Phone Number" …).
    case hubspot
    /// Google Sheets and Google Contacts exports ("Given Name", "Phone 1 - Value" …), plus `auto` names.
    case sheets
    /// Header text → field; only these columns are read.
    case custom([String: LeadField])

    public var description: String {
        switch self {
        case .auto: "auto"
        case .hubspot: "hubspot"
        case .sheets: "sheets"
        case .custom: "custom"
        }
    }

    /// A preset by name (`auto`, `hubspot`, `sheets`), or nil.
    public init?(preset: String) {
        switch preset.lowercased() {
        case "auto": self = .auto
        case "hubspot": self = .hubspot
        case "sheets", "google", "google-sheets": self = .sheets
        default: return nil
        }
    }

    /// Parses a mapping file: a `columns:` map from header text to field name (see docs/cli.md).
    public static func load(yaml: String, path: String) throws -> ColumnMapping {
        try MappingFile.parse(yaml, path: path)
    }

    /// Reads and parses a mapping file from disk.
    public static func load(fileAt path: String) throws -> ColumnMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportFileError.unreadable(path: path, reason: "no such file or not readable")
        }
        return try load(yaml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// The columns of `headers` this mapping reads, each with its priority (lower is read first).
    func resolve(headers: [String]) -> [(column: MappedColumn, priority: Int)] {
        var result: [(column: MappedColumn, priority: Int)] = []
        let custom: [String: LeadField]
        if case .custom(let table) = self {
            custom = Dictionary(table.map { (HeaderKey.normalize($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        } else {
            custom = [:]
        }
        for (index, header) in headers.enumerated() {
            let key = HeaderKey.normalize(header)
            guard !key.isEmpty else { continue }
            let match: (LeadField, Int)?
            switch self {
            case .auto: match = HeaderNames.auto[key]
            case .hubspot: match = HeaderNames.hubspot[key]
            case .sheets: match = HeaderNames.sheets[key] ?? HeaderNames.auto[key]
            case .custom: match = custom[key].map { ($0, 0) }
            }
            if let (field, priority) = match {
                result.append((MappedColumn(index: index, header: header, field: field), priority))
            }
        }
        return result
    }
}

/// Known header names, folded with `HeaderKey.normalize`, with a priority (lower is read first).
enum HeaderNames {
    static let auto: [String: (LeadField, Int)] = table([
        (.id, 0, ["id", "leadid", "recordid", "contactid", "externalid", "crmid", "identificador"]),
        (.firstName, 0, ["firstname", "first", "givenname", "nombre", "nombres", "primernombre", "nombrepila"]),
        (.lastName, 0, ["lastname", "last", "surname", "familyname", "apellido", "apellidos", "primerapellido"]),
        (.name, 0, ["name", "fullname", "nombrecompleto", "nombreyapellido", "nombreyapellidos", "cliente"]),
        (.contactName, 0, ["contactname", "contact", "contactperson", "contacto", "nombredecontacto", "personadecontacto"]),
        (.companyName, 0, [
            "company", "companyname", "business", "businessname", "organization", "organisation", "account",
            "accountname", "empresa", "negocio", "compania", "nombredelaempresa", "nombredelnegocio", "razonsocial",
        ]),
        // Mobile columns first: the cadence leans on WhatsApp and SMS.
        (.phone, 0, [
            "mobile", "mobilephone", "mobilephonenumber", "mobilenumber", "cell", "cellphone", "cellnumber",
            "celular", "numerodecelular", "movil", "telefonomovil", "telefonocelular", "whatsapp", "numerodewhatsapp",
        ]),
        (.phone, 1, [
            "phone", "phonenumber", "telephone", "tel", "telefono", "numerodetelefono", "numero", "primaryphone",
            "workphone", "homephone", "businessphone", "telefonofijo", "telefonodecasa",
        ]),
        (.email, 0, ["email", "emailaddress", "mail", "correo", "correoelectronico", "direcciondecorreo", "primaryemail"]),
        (.state, 0, ["state", "stateregion", "region", "province", "stateprovince", "estado", "provincia"]),
        (.timezone, 0, ["timezone", "tz", "zonahoraria", "husohorario", "zona"]),
        (.language, 0, ["language", "preferredlanguage", "lang", "idioma", "lenguaje", "idiomapreferido", "lengua"]),
    ])

    static let hubspot: [String: (LeadField, Int)] = table([
        (.id, 0, ["recordid", "contactid"]),
        (.firstName, 0, ["firstname"]),
        (.lastName, 0, ["lastname"]),
        (.companyName, 0, ["companyname", "associatedcompany"]),
        (.phone, 0, ["mobilephonenumber"]),
        (.phone, 1, ["phonenumber"]),
        (.email, 0, ["email"]),
        (.state, 0, ["stateregion"]),
        (.timezone, 0, ["timezone"]),
        (.language, 0, ["preferredlanguage"]),
    ])

    static let sheets: [String: (LeadField, Int)] = table([
        (.firstName, 0, ["givenname"]),
        (.lastName, 0, ["familyname"]),
        (.companyName, 0, ["organization1name", "organizationname"]),
        (.phone, 0, ["phone1value"]),
        (.phone, 1, ["phone2value"]),
        (.email, 0, ["email1value"]),
        (.email, 1, ["email2value"]),
    ])

    private static func table(_ rows: [(LeadField, Int, [String])]) -> [String: (LeadField, Int)] {
        var out: [String: (LeadField, Int)] = [:]
        for (field, priority, names) in rows {
            for name in names { out[name] = (field, priority) }
        }
        return out
    }
}

/// The mapping YAML file: `columns:` header → field name, errors with the line they are on.
enum MappingFile {
    static func parse(_ yaml: String, path: String) throws(ImportFileError) -> ColumnMapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw .invalidMapping(path: path, line: yamlLine(error), message: "not valid YAML")
        } catch {
            throw .invalidMapping(path: path, line: 1, message: "not valid YAML")
        }
        guard let root, let top = root.mapping else {
            throw .invalidMapping(path: path, line: root?.mark?.line ?? 1, message: "expected a mapping with a `columns:` key")
        }
        var columns: Node.Mapping?
        for (key, value) in top {
            guard key.string == "columns" else {
                throw .invalidMapping(path: path, line: key.mark?.line ?? 1, message: "unknown key `\(key.string ?? "?")` (expected `columns`)")
            }
            guard let mapping = value.mapping else {
                throw .invalidMapping(path: path, line: value.mark?.line ?? 1, message: "`columns` must map header text to a field name")
            }
            columns = mapping
        }
        guard let columns, !columns.isEmpty else {
            throw .invalidMapping(path: path, line: 1, message: "no `columns:` entries")
        }
        var table: [String: LeadField] = [:]
        var seen: [String: Int] = [:]
        for (key, value) in columns {
            let line = key.mark?.line ?? 1
            guard let header = key.string, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidMapping(path: path, line: line, message: "a column header must be non-empty text")
            }
            guard let name = value.string, let field = LeadField(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                let known = LeadField.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidMapping(path: path, line: value.mark?.line ?? line, message: "unknown field for column \"\(header)\" (expected one of: \(known))")
            }
            let normalized = HeaderKey.normalize(header)
            if let first = seen[normalized] {
                throw .invalidMapping(path: path, line: line, message: "column \"\(header)\" is already mapped on line \(first)")
            }
            seen[normalized] = line
            table[header] = field
        }
        guard table.values.contains(where: \.isContact) else {
            throw .invalidMapping(path: path, line: 1, message: "no column is mapped to `phone` or `email`")
        }
        return .custom(table)
    }

    private static func yamlLine(_ error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }
}
