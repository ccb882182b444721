import Foundation
import Testing
@testable import RevenueCore

@Suite("PhoneNumber parsing")
struct PhoneNumberTests {
    @Test("NANP formats people type", arguments: [
        "(305) 555-0100", "305.555.0100", "305-555-0100", "3055550100", "13055550100",
        "+1 305 555 0100", "+1 (305) 555-0100", "1-305-555-0100", "  305 555 0100\n", "011 1 305 555 0100",
    ])
    func nanpFormats(raw: String) throws {
        let phone = try PhoneNumber(parsing: raw)
        #expect(phone.e164 == "+13055550100")
        #expect(phone.country == .nanp)
        #expect(phone.areaCode == "305")
    }

    @Test("Mexican formats, including the legacy +52 1 mobile marker", arguments: [
        ("+52 1 55 1234 5678", PhoneCountry.nanp),
        ("+52 55 1234 5678", .nanp),
        ("+5215512345678", .nanp),
        ("011 52 55 1234 5678", .nanp),
        ("00 52 55 1234 5678", .nanp),
        ("55 1234 5678", .mexico),
        ("1 55 1234 5678", .mexico),
        ("52 55 1234 5678", .mexico),
        ("521 55 1234 5678", .mexico),
    ])
    func mexicoFormats(raw: String, defaultCountry: PhoneCountry) throws {
        let phone = try PhoneNumber(parsing: raw, defaultCountry: defaultCountry)
        #expect(phone.e164 == "+525512345678")
        #expect(phone.country == .mexico)
        #expect(phone.areaCode == nil)
        #expect(phone.nationalNumber == "5512345678")
    }

    @Test("Invalid input reports the exact error", arguments: [
        ("", PhoneNumberError.empty),
        ("   \t ", .empty),
        ("305-555-CALL", .invalidCharacters),
        ("305 555 0100 x123", .invalidCharacters),
        ("305#555#0100", .invalidCharacters),
        ("305+5550100", .invalidCharacters),
        ("()- .", .invalidCharacters),
        ("555-0100", .wrongLength(digits: 7)),
        ("305 555 01000", .wrongLength(digits: 11)),
        ("23055550100", .wrongLength(digits: 11)),
        ("+1 305 555 010", .wrongLength(digits: 10)),
        ("+52 55 1234 567", .wrongLength(digits: 11)),
        ("055 555 0100", .invalidAreaCode),
        ("155 555 0100", .invalidAreaCode),
        ("305 055 0100", .invalidAreaCode),
        ("305 155 0100", .invalidAreaCode),
        ("911 555 0100", .invalidAreaCode),
        ("+1 411 555 0100", .invalidAreaCode),
        ("+52 05 1234 5678", .invalidAreaCode),
        ("+44 20 7946 0958", .unsupportedCountry),
        ("+34 612 345 678", .unsupportedCountry),
    ])
    func invalid(raw: String, expected: PhoneNumberError) {
        #expect(throws: expected) { try PhoneNumber(parsing: raw) }
    }

    @Test("description is masked and never contains the full number", arguments: [
        ("+13055550100", "+1305•••0100"),
        ("+525512345678", "+5255••••5678"),
    ])
    func masked(raw: String, expected: String) throws {
        let phone = try PhoneNumber(parsing: raw)
        #expect(phone.description == expected)
        #expect(!phone.description.contains(phone.nationalNumber))
        #expect(!"\(phone)".contains(phone.e164))
        #expect(!String(describing: phone).filter(\.isNumber).contains(phone.nationalNumber))
    }

    @Test("error descriptions never echo the number", arguments: [
        "305-555-CALL", "30555501000", "+44 20 7946 0958", "911 555 0100",
    ])
    func errorDescriptionsAreSafe(raw: String) {
        do {
            _ = try PhoneNumber(parsing: raw)
            Issue.record("expected an error")
        } catch {
            let digits = raw.filter(\.isNumber)
            #expect(!error.description.contains(digits))
            #expect(!error.description.contains("305"))
        }
    }

    @Test func codableRoundTripsAsE164String() throws {
        let phone = try PhoneNumber(parsing: "(787) 555-0123")
        let data = try JSONEncoder().encode([phone])
        #expect(String(decoding: data, as: UTF8.self) == #"["+17875550123"]"#)
        #expect(try JSONDecoder().decode([PhoneNumber].self, from: data) == [phone])
    }

    @Test func decodingRejectsInvalidNumberWithoutEchoingIt() {
        let data = Data(#"["+1 911 555 0100"]"#.utf8)
        do {
            _ = try JSONDecoder().decode([PhoneNumber].self, from: data)
            Issue.record("expected a decoding error")
        } catch {
            #expect(!"\(error)".contains("5550100"))
        }
    }

    @Test func equalNumbersHashEqual() throws {
        let a = try PhoneNumber(parsing: "305.555.0100")
        let b = try PhoneNumber(parsing: "+1 (305) 555-0100")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }
}
