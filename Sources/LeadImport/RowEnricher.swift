import Foundation
import RevenueCore

/// Turns a raw row into an enriched lead: E.164 phone, checked e-mail, language, US state, time zone
/// (explicit, else from the phone, else the state, else the default) and a deterministic id.
struct RowEnricher {
    /// What became of a row.
    enum Outcome {
        case accepted(ImportedLead, warnings: [RejectedRow])
        case rejected(RejectedRow)
    }

    let org: OrgID
    let now: Date
    let defaultTimeZone: String
    private let ids: LeadIdentity
    /// Per-file caches: the same few state, zone and language spellings repeat on every row, and
    /// the zone inference depends only on (explicit zone, state, area code or Mexican prefix).
    private var states: [String: String?] = [:]
    private var zones: [String: String?] = [:]
    private var languages: [String: Language?] = [:]
    private var inferences: [ZoneKey: ZoneInference] = [:]

    init(org: OrgID, now: Date, defaultTimeZone: String) {
        self.org = org
        self.now = now
        self.defaultTimeZone = defaultTimeZone
        self.ids = LeadIdentity(org: org)
    }

    mutating func enrich(_ row: RawRow) -> Outcome {
        var warnings: [RejectedRow] = []
        let phone = Self.firstValid(row.phones, Self.parsePhone)
        let email = Self.firstValid(row.emails, Self.parseEmail)

        guard phone.value != nil || email.value != nil else {
            return .rejected(Self.noContact(line: row.line, phoneProblem: phone.problem, emailProblem: email.problem))
        }
        if let note = phone.value?.note {
            warnings.append(RejectedRow(line: row.line, field: "phone", reason: note))
        }
        if let problem = phone.problem, phone.value == nil {
            warnings.append(RejectedRow(line: row.line, field: "phone", reason: problem + "; kept the lead with its e-mail only"))
        }
        if let problem = email.problem, email.value == nil {
            warnings.append(RejectedRow(line: row.line, field: "email", reason: problem + "; kept the lead with its phone only"))
        }

        var language: Language?
        if let raw = row.language {
            language = parsedLanguage(raw)
            if language == nil {
                warnings.append(RejectedRow(line: row.line, field: "language", reason: "unknown language (expected es/en, Spanish/English, Español/Inglés); left unset"))
            }
        }
        var usState: String?
        if let raw = row.state {
            usState = normalizedState(raw)
            if usState == nil, phone.value?.number.country != .mexico {
                warnings.append(RejectedRow(line: row.line, field: "state", reason: "not a US state or territory name or code; ignored"))
            }
        }
        var explicitZone: String?
        if let raw = row.timezone {
            explicitZone = ianaZone(raw)
            if explicitZone == nil {
                warnings.append(RejectedRow(line: row.line, field: "timezone", reason: "unknown time zone (expected e.g. America/Chicago or Central); inferred instead"))
            }
        }
        let number = phone.value?.number
        let zone = inferZone(explicit: explicitZone, usState: usState, phone: number)

        let lead = Lead(
            id: ids.id(externalID: row.id, phone: number?.e164, email: email.value),
            orgID: org, firstName: row.firstName, lastName: row.lastName, name: row.name,
            contactName: row.contactName, companyName: row.companyName, phone: number?.e164,
            email: email.value, usState: zone.usState, timeZone: zone.timeZone, timeZoneSource: zone.source,
            language: language, state: .enriched, createdAt: now
        )
        return .accepted(ImportedLead(line: row.line, externalID: row.id, lead: lead), warnings: warnings)
    }

    // MARK: - Fields

    /// The first candidate that parses; else the first candidate's problem.
    private static func firstValid<Value>(_ candidates: [String], _ parse: (String) -> Result<Value, FieldProblem>) -> (value: Value?, problem: String?) {
        var firstProblem: String?
        for candidate in candidates {
            switch parse(candidate) {
            case .success(let value): return (value, firstProblem)
            case .failure(let problem): firstProblem = firstProblem ?? problem.reason
            }
        }
        return (nil, firstProblem)
    }

    private static func parsePhone(_ raw: String) -> Result<PhoneCell.Parsed, FieldProblem> {
        if looksLikeScientificNotation(raw) {
            return .failure(FieldProblem(reason: "phone number was turned into scientific notation by Excel (format the column as Text and export again)"))
        }
        do {
            return .success(try PhoneCell.parse(raw))
        } catch {
            return .failure(FieldProblem(reason: error.description))
        }
    }

    private static func parseEmail(_ raw: String) -> Result<String, FieldProblem> {
        if !raw.utf8.contains(where: { $0 == 0x3B || $0 == 0x2C }) {
            do {
                return .success(try EmailAddress.normalize(raw))
            } catch {
                return .failure(FieldProblem(reason: error.rawValue))
            }
        }
        // Some exports put several addresses in one cell: take the first that is valid.
        let parts = raw.split(whereSeparator: { $0 == ";" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }
        var firstProblem: EmailAddress.Problem?
        for part in parts where !part.isEmpty {
            do {
                return .success(try EmailAddress.normalize(part))
            } catch {
                firstProblem = firstProblem ?? error
            }
        }
        return .failure(FieldProblem(reason: (firstProblem ?? .missingAt).rawValue))
    }

    /// `3.05555E+09`: what Excel shows (and saves) for a long number in a General-format cell.
    private static func looksLikeScientificNotation(_ raw: String) -> Bool {
        guard raw.utf8.contains(where: { $0 == 0x45 || $0 == 0x65 }) else { return false }
        let upper = raw.uppercased()
        guard let e = upper.firstIndex(of: "E"), upper[upper.index(after: e)...].hasPrefix("+") else { return false }
        return upper[..<e].allSatisfy { $0.isNumber || $0 == "." || $0 == "," } && upper[upper.index(e, offsetBy: 2)...].allSatisfy(\.isNumber)
    }

    private static func noContact(line: Int, phoneProblem: String?, emailProblem: String?) -> RejectedRow {
        switch (phoneProblem, emailProblem) {
        case (let phone?, let email?):
            return RejectedRow(line: line, field: "phone", reason: "\(phone); and \(email): no usable contact")
        case (let phone?, nil):
            return RejectedRow(line: line, field: "phone", reason: "\(phone); no e-mail address either: no usable contact")
        case (nil, let email?):
            return RejectedRow(line: line, field: "email", reason: "\(email); no phone number either: no usable contact")
        case (nil, nil):
            return RejectedRow(line: line, field: "phone", reason: "no phone number or e-mail address")
        }
    }

    private mutating func normalizedState(_ raw: String) -> String? {
        if let cached = states[raw] { return cached }
        let code = USStates.normalize(raw)
        states[raw] = code
        return code
    }

    private mutating func parsedLanguage(_ raw: String) -> Language? {
        if let cached = languages[raw] { return cached }
        let language = LanguageName.parse(raw)
        languages[raw] = language
        return language
    }

    /// `TimeZoneInference.infer`, memoised: it reads only the area code (NANP) or the first three
    /// national digits (Mexico) of the phone, so `+1305…` / `+52551…` prefixes key the cache.
    private mutating func inferZone(explicit: String?, usState: String?, phone: PhoneNumber?) -> ZoneInference {
        let key = ZoneKey(explicit: explicit, usState: usState, phonePrefix: phone.map { String($0.e164.prefix($0.country == .mexico ? 6 : 5)) })
        if let cached = inferences[key] { return cached }
        let zone = TimeZoneInference.infer(explicitTimeZone: explicit, usState: usState, phone: phone, fallback: defaultTimeZone)
        inferences[key] = zone
        return zone
    }

    private struct ZoneKey: Hashable {
        var explicit: String?
        var usState: String?
        var phonePrefix: String?
    }

    private mutating func ianaZone(_ raw: String) -> String? {
        if let cached = zones[raw] { return cached }
        let zone = TimeZoneName.ianaName(raw)
        zones[raw] = zone
        return zone
    }
}

/// Why a field's value was not usable, without the value.
struct FieldProblem: Error {
    var reason: String
}
