import Foundation
import LeadImport
import RevenueCore

/// Shared inputs for the LeadImport tests.
enum Fixture {
    static let org = OrgID("org_test")
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    /// The bytes of `Fixtures/<name>`.
    static func data(_ name: String) throws -> Data {
        let base = (name as NSString).deletingPathExtension
        let ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Fixtures") else {
            throw FixtureMissing(name: name)
        }
        return try Data(contentsOf: url)
    }

    /// Reads fixture `name` with `mapping`.
    static func read(_ name: String, mapping: ColumnMapping = .auto) throws -> ImportBatch {
        try LeadCSVReader(mapping: mapping).read(try data(name), path: name, org: org, now: now)
    }

    /// Reads CSV text given inline.
    static func read(text: String, mapping: ColumnMapping = .auto) throws(ImportFileError) -> ImportBatch {
        try LeadCSVReader(mapping: mapping).read(Data(text.utf8), path: "inline.csv", org: org, now: now)
    }

    /// The file error `body` throws, if any.
    static func fileError(_ body: () throws -> ImportBatch) -> ImportFileError? {
        do {
            _ = try body()
            return nil
        } catch let error as ImportFileError {
            return error
        } catch {
            return nil
        }
    }
}

/// A fixture file that is not in the test bundle.
struct FixtureMissing: Error {
    var name: String
}

extension ImportBatch {
    /// The accepted lead that starts on `line`.
    func lead(at line: Int) -> Lead? { accepted.first { $0.line == line }?.lead }
}
