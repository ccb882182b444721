import Foundation
import Testing
@testable import RevenueCore

@Suite("Area codes, states and zone inference")
struct GeographyTests {
    @Test("area code lookups", arguments: [
        ("305", "FL", "America/New_York", false),
        ("787", "PR", "America/Puerto_Rico", false),
        ("939", "PR", "America/Puerto_Rico", false),
        ("602", "AZ", "America/Phoenix", false),
        ("480", "AZ", "America/Phoenix", false),
        ("808", "HI", "Pacific/Honolulu", false),
        ("907", "AK", "America/Anchorage", true),
        ("915", "TX", "America/Denver", false),
        ("850", "FL", "America/Chicago", true),
        ("270", "KY", "America/Chicago", true),
        ("423", "TN", "America/New_York", true),
        ("901", "TN", "America/Chicago", false),
        ("906", "MI", "America/Detroit", true),
        ("208", "ID", "America/Boise", true),
        ("340", "VI", "America/St_Thomas", false),
        ("671", "GU", "Pacific/Guam", false),
        ("416", "ON", "America/Toronto", false),
    ])
    func lookup(code: String, region: String, zone: String, splits: Bool) throws {
        let info = try #require(NANPAreaCodes.lookup(code))
        #expect(info == AreaCodeInfo(region: region, timeZone: zone, splitsZones: splits))
    }

    @Test func unknownAndNonGeographicCodesAreAbsent() {
        #expect(NANPAreaCodes.lookup("800") == nil)
        #expect(NANPAreaCodes.lookup("555") == nil)
        #expect(NANPAreaCodes.lookup("30") == nil)
    }

    @Test func tableHasNoDuplicateOrMalformedCodes() {
        var seen: [String: String] = [:]
        for row in NANPAreaCodes.rows {
            for code in row.codes.split(separator: " ").map(String.init) {
                #expect(code.count == 3 && code.allSatisfy(\.isNumber), "malformed \(code)")
                #expect(seen[code] == nil, "\(code) listed for \(row.region) and \(seen[code] ?? "")")
                seen[code] = row.region
                #expect(!["0", "1"].contains(code.first!), "\(code) cannot be an area code")
            }
        }
        #expect(seen.count == NANPAreaCodes.all.count)
        #expect(seen.count > 380)
    }

    @Test func everyZoneInEveryTableIsAValidIANAIdentifier() {
        let zones = Set(NANPAreaCodes.all.values.map(\.timeZone))
            .union(MexicoZones.all.values)
            .union([MexicoZones.defaultZone])
            .union(USStates.allCodes.compactMap(USStates.timeZone(forState:)))
        for zone in zones {
            #expect(TimeZone(identifier: zone) != nil, "\(zone)")
        }
    }

    @Test func everyUSRegionInTheAreaCodeTableIsAKnownState() {
        let canadaAndOthers: Set = ["AB", "BC", "MB", "NB", "NL", "NS", "ON", "QC", "SK", "NT", "DO"]
        for info in NANPAreaCodes.all.values where !canadaAndOthers.contains(info.region) {
            #expect(USStates.normalize(info.region) == info.region, "\(info.region)")
        }
        #expect(Set(NANPAreaCodes.all.values.map(\.region)).isSuperset(of: USStates.allCodes))
    }

    @Test("state zones", arguments: [
        ("FL", "America/New_York"), ("AZ", "America/Phoenix"), ("PR", "America/Puerto_Rico"),
        ("HI", "Pacific/Honolulu"), ("AK", "America/Anchorage"), ("tx", "America/Chicago"),
        ("California", "America/Los_Angeles"),
    ])
    func stateZone(state: String, zone: String) {
        #expect(USStates.timeZone(forState: state) == zone)
    }

    @Test("state normalization", arguments: [
        ("Florida", "FL"), ("fl", "FL"), (" FL ", "FL"), ("Puerto Rico", "PR"), ("puerto  rico", "PR"),
        ("P.R.", "PR"), ("New York", "NY"), ("District of Columbia", "DC"), ("Washington, D.C.", "DC"),
        ("Nuevo México", "NM"), ("Texas", "TX"), ("us virgin islands", "VI"),
    ])
    func normalize(input: String, code: String) {
        #expect(USStates.normalize(input) == code)
    }

    @Test("unknown states", arguments: ["", "ZZ", "Ontario", "Jalisco", "F", "Floridaa"])
    func unknownState(input: String) {
        #expect(USStates.normalize(input) == nil)
        #expect(USStates.timeZone(forState: input) == nil)
    }

    @Test("Mexican zones by area code", arguments: [
        ("+52 55 1234 5678", "America/Mexico_City"),
        ("+52 33 1234 5678", "America/Mexico_City"),
        ("+52 664 123 4567", "America/Tijuana"),
        ("+52 686 123 4567", "America/Tijuana"),
        ("+52 998 123 4567", "America/Cancun"),
        ("+52 983 123 4567", "America/Cancun"),
        ("+52 662 123 4567", "America/Hermosillo"),
        ("+52 614 123 4567", "America/Chihuahua"),
        ("+52 669 123 4567", "America/Mazatlan"),
        ("+52 667 123 4567", "America/Mazatlan"),
        ("+52 612 123 4567", "America/Mazatlan"),
    ])
    func mexicoZone(raw: String, zone: String) throws {
        let phone = try PhoneNumber(parsing: raw)
        let inferred = TimeZoneInference.infer(explicitTimeZone: nil, usState: nil, phone: phone, fallback: "UTC")
        #expect(inferred == ZoneInference(timeZone: zone, usState: nil, source: .phone))
    }
}

@Suite("TimeZoneInference precedence")
struct TimeZoneInferenceTests {
    static let fallback = "America/Los_Angeles"

    @Test func explicitValidZoneWins() throws {
        let phone = try PhoneNumber(parsing: "305 555 0100")
        let result = TimeZoneInference.infer(explicitTimeZone: " America/Denver ", usState: "AZ", phone: phone, fallback: Self.fallback)
        #expect(result == ZoneInference(timeZone: "America/Denver", usState: "AZ", source: .explicit))
    }

    @Test("invalid explicit zones are ignored", arguments: ["", "Mars/Olympus", "EST", "eastern", "America/New York"])
    func invalidExplicitFallsThroughToPhone(explicit: String) throws {
        let phone = try PhoneNumber(parsing: "602-555-0100")
        let result = TimeZoneInference.infer(explicitTimeZone: explicit, usState: nil, phone: phone, fallback: Self.fallback)
        #expect(result == ZoneInference(timeZone: "America/Phoenix", usState: "AZ", source: .phone))
    }

    @Test func phoneBeatsState() throws {
        let phone = try PhoneNumber(parsing: "(787) 555-0100")
        let result = TimeZoneInference.infer(explicitTimeZone: nil, usState: "Florida", phone: phone, fallback: Self.fallback)
        #expect(result == ZoneInference(timeZone: "America/Puerto_Rico", usState: "FL", source: .phone))
    }

    @Test func nonGeographicPhoneFallsToState() throws {
        let phone = try PhoneNumber(parsing: "1-800-555-0100")
        let result = TimeZoneInference.infer(explicitTimeZone: nil, usState: "hi", phone: phone, fallback: Self.fallback)
        #expect(result == ZoneInference(timeZone: "Pacific/Honolulu", usState: "HI", source: .state))
    }

    @Test func stateWithoutPhone() {
        let result = TimeZoneInference.infer(explicitTimeZone: nil, usState: "Texas", phone: nil, fallback: Self.fallback)
        #expect(result == ZoneInference(timeZone: "America/Chicago", usState: "TX", source: .state))
    }

    @Test func nothingKnownUsesFallback() throws {
        let tollFree = try PhoneNumber(parsing: "888 555 0100")
        let result = TimeZoneInference.infer(explicitTimeZone: "nope", usState: "Narnia", phone: tollFree, fallback: Self.fallback)
        #expect(result == ZoneInference(timeZone: Self.fallback, usState: nil, source: .fallback))
    }

    @Test func canadianPhoneReportsNoUSState() throws {
        let phone = try PhoneNumber(parsing: "+1 416 555 0100")
        let result = TimeZoneInference.infer(explicitTimeZone: nil, usState: nil, phone: phone, fallback: Self.fallback)
        #expect(result == ZoneInference(timeZone: "America/Toronto", usState: nil, source: .phone))
    }
}
