import Foundation
import RevenueCore

/// Reads a language cell: codes (`es`, `en-US`, `spa`), English and Spanish names (`Spanish`, `Español`, `Inglés`).
enum LanguageName {
    static func parse(_ raw: String) -> Language? {
        let folded = raw.lowercased().trimmingCharacters(in: .whitespaces)
        if let language = names[folded] { return language }
        // Locale tags: es-MX, es_US, en-US.
        if folded.count > 2, let separator = folded.dropFirst(2).first, separator == "-" || separator == "_" {
            return names[String(folded.prefix(2))]
        }
        let stripped = folded.folding(options: .diacriticInsensitive, locale: nil)
        return names[stripped]
    }

    private static let names: [String: Language] = [
        "es": .es, "sp": .es, "spa": .es, "esp": .es, "spanish": .es, "espanol": .es, "español": .es,
        "castellano": .es, "castilian": .es,
        "en": .en, "eng": .en, "ing": .en, "english": .en, "ingles": .en, "inglés": .en,
    ]
}
