import Foundation
import RevenueCore

/// A minimal leads CSV reader for dry-run (header row; id, first_name, last_name, phone, email,
/// state, timezone, language; unknown columns ignored). Replaced by LeadImport once it lands.
enum DryRunLeadReader {
    /// A row that was skipped, by line number.
    struct Rejected {
        var line: Int
        var reason: String
    }

    static func read(_ text: String, org: OrgID, now: Date) -> (leads: [Lead], rejected: [Rejected]) {
        let rows = parse(text)
        guard let header = rows.first else { return ([], [Rejected(line: 1, reason: "the file is empty (a header row is required)")]) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ n: String) -> Int? { names.firstIndex(of: n) }
        let cols = (id: column("id"), first: column("first_name"), last: column("last_name"), phone: column("phone"),
                    email: column("email"), state: column("state"), zone: column("timezone"), language: column("language"))
        var leads: [Lead] = []
        var rejected: [Rejected] = []
        var seen = Set<String>()
        for row in rows.dropFirst() {
            func value(_ i: Int?) -> String? {
                guard let i, i < row.fields.count else { return nil }
                let v = row.fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var phone: String?
            if let raw = value(cols.phone) {
                do { phone = try PhoneNumber(parsing: raw).e164 } catch {
                    rejected.append(Rejected(line: row.line, reason: "field phone: \(error.description)"))
                    continue
                }
            }
            let email = value(cols.email)
            if let email, !email.contains("@") {
                rejected.append(Rejected(line: row.line, reason: "field email: not an e-mail address"))
                continue
            }
            guard phone != nil || email != nil else {
                rejected.append(Rejected(line: row.line, reason: "no phone and no email (one contact field is required)"))
                continue
            }
            let id = value(cols.id) ?? "L\(row.line)"
            guard seen.insert(id).inserted else {
                rejected.append(Rejected(line: row.line, reason: "field id: duplicate id"))
                continue
            }
            var language: Language?
            if let raw = value(cols.language) {
                guard let l = Language(rawValue: String(raw.lowercased().prefix(2))) else {
                    rejected.append(Rejected(line: row.line, reason: "field language: expected es or en"))
                    continue
                }
                language = l
            }
            let zone = value(cols.zone)
            if let zone, TimeZone(identifier: zone) == nil {
                rejected.append(Rejected(line: row.line, reason: "field timezone: unknown IANA zone"))
                continue
            }
            leads.append(Lead(
                id: LeadID(id), orgID: org, firstName: value(cols.first), lastName: value(cols.last), phone: phone, email: email,
                usState: value(cols.state)?.uppercased(), timeZone: zone, timeZoneSource: zone == nil ? nil : .explicit,
                language: language, createdAt: now))
        }
        return (leads, rejected)
    }

    /// RFC 4180 rows with their starting line numbers.
    static func parse(_ text: String) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else if c == "\n" {
                fields.append(field)
                rows.append((rowLine, fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append((rowLine, fields))
        }
        return rows
    }
}
