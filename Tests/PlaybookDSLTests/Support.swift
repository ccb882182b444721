import Foundation
import PlaybookDSL
import RevenueCore

/// A small valid playbook the diagnostic tests mutate.
let basePlaybook = """
id: t
version: 1
vertical: dentists
locales: [es, en]
channels: [voice, sms, email]
fallback: [voice, email, sms]
send_window:
  days: [mon, tue, wed, thu, fri]
  start: "09:00"
  end: "19:00"
steps:
  - id: call
    channel: voice
    on:
      answered: end
  - id: text
    channel: sms
    wait: 1d
templates:
  call:
    voice:
      es: { say: "Hola {{lead.first_name}}" }
      en: { say: "Hi {{lead.first_name}}" }
    email:
      es: { subject: "Hola", body: "Hola" }
      en: { subject: "Hi", body: "Hi" }
    sms:
      es: "Hola"
      en: "Hi"
  text:
    sms:
      es: "Hola de {{client.name}}"
      en: "Hi from {{client.name}}"

"""

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Compiles YAML text under a fixed file name.
func compile(_ yaml: String, path: String = "test.yaml") -> CompilationResult {
    PlaybookCompiler().compile(Data(yaml.utf8), path: path)
}

/// Where `«` sits in `text` (1-based line and column, in characters), and the text without it.
func locateMarker(_ text: String) -> (text: String, line: Int, column: Int)? {
    guard let marker = text.firstIndex(of: "«") else { return nil }
    let before = text[..<marker]
    let line = before.filter { $0 == "\n" }.count + 1
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    let column = text[lineStart..<marker].count + 1
    var stripped = text
    stripped.remove(at: marker)
    return (stripped, line, column)
}

/// Applies a literal replacement to the base playbook; fails loudly when the anchor text is missing.
func mutate(_ replacements: [(String, String)]) -> String {
    var text = basePlaybook
    for (old, new) in replacements {
        precondition(text.contains(old), "fixture anchor not found: \(old)")
        text = text.replacingOccurrences(of: old, with: new)
    }
    return text
}
