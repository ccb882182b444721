import PlaybookDSL
import Testing

/// SMS segment estimates (GSM 03.38 vs UCS-2), which PB-level SMS length warnings rely on.
@Suite struct SMSSegmentsTests {
    @Test func gsm7CountsSeptetsAndExtensionCharactersTwice() {
        #expect(SMSSegments.count(String(repeating: "a", count: 160)) == 1)
        #expect(SMSSegments.count(String(repeating: "a", count: 161)) == 2)
        #expect(SMSSegments.count(String(repeating: "a", count: 306)) == 2)
        #expect(SMSSegments.count(String(repeating: "a", count: 307)) == 3)
        // € and [ are escape + septet: 80 of them fill exactly one segment.
        #expect(SMSSegments.count(String(repeating: "€", count: 80)) == 1)
        #expect(SMSSegments.count(String(repeating: "[", count: 81)) == 2)
        // Ñ, ñ, ü, é, ¿ and ¡ are GSM-7; á, í, ó, ú are not.
        #expect(SMSSegments.isGSM7("¿Señor Müller, qué tal? ¡Hola!"))
        #expect(!SMSSegments.isGSM7("Cita mañana a las 3, está confirmada"))
        #expect(SMSSegments.isGSM7("ΔΦΓ"))
        #expect(!SMSSegments.isGSM7("emoji 🙂"))
    }

    @Test func ucs2CountsUTF16Units() {
        #expect(SMSSegments.count(String(repeating: "á", count: 70)) == 1)
        #expect(SMSSegments.count(String(repeating: "á", count: 71)) == 2)
        #expect(SMSSegments.count(String(repeating: "🙂", count: 35)) == 1, "each emoji is two UTF-16 units")
        #expect(SMSSegments.count(String(repeating: "🙂", count: 36)) == 2)
    }

    @Test func templateVariablesCountAsTheirTypicalLength() {
        let length: (String) -> Int = { $0 == "lead.first_name" ? 9 : 20 }
        // 150 plain characters + 9 for the name = 159: one segment; + 2 more characters: two.
        let body = String(repeating: "a", count: 150) + "{{ lead.first_name }}"
        #expect(SMSSegments.count(template: body, length: length) == 1)
        #expect(SMSSegments.count(template: body + "aa", length: length) == 2)
        // A non-GSM character anywhere switches the whole message to UCS-2.
        #expect(SMSSegments.count(template: String(repeating: "a", count: 60) + "{{client.name}}" + "ó", length: length) == 2)
    }
}
