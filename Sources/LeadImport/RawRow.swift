/// One data row's text per field, before any checking (phones and e-mails keep every candidate column).
struct RawRow: Sendable, Hashable {
    var line: Int
    var id: String?
    var firstName: String?
    var lastName: String?
    var name: String?
    var contactName: String?
    var companyName: String?
    var phones: [String] = []
    var emails: [String] = []
    var state: String?
    var timezone: String?
    var language: String?

    init(line: Int) {
        self.line = line
    }

    /// Stores a non-empty value; returns true when the field needs no further candidate column.
    mutating func set(_ field: LeadField, _ value: String) -> Bool {
        switch field {
        case .id: id = value
        case .firstName: firstName = value
        case .lastName: lastName = value
        case .name: name = value
        case .contactName: contactName = value
        case .companyName: companyName = value
        case .phone: phones.append(value); return false
        case .email: emails.append(value); return false
        case .state: state = value
        case .timezone: timezone = value
        case .language: language = value
        }
        return true
    }
}
