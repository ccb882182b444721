import Foundation
import LeadImport
import RevenueCore
import Testing

@Suite("Import report")
struct ImportReportTests {
    @Test("Text report: summary, columns, then problems in line order like a compiler")
    func text() throws {
        let batch = try Fixture.read("duplicates.csv")
        let report = ImportReport(batch: batch, path: "dups.csv")
        #expect(report.text() == """
            dups.csv: 6 rows (UTF-8, delimiter ','): 3 accepted, 0 rejected, 3 duplicates in file, 0 warnings
            columns: "name" → name, "phone" → phone, "email" → email
            dups.csv:3: duplicate: phone: same phone number as line 2
            dups.csv:4: duplicate: email: same e-mail address as line 2
            dups.csv:6: duplicate: email: same e-mail address as line 5

            """)
    }

    @Test("Text report is capped by the limit and says how many were left out")
    func limit() throws {
        let batch = try Fixture.read("bad_rows.csv")
        let lines = ImportReport(batch: batch, path: "bad.csv").text(limit: 2).split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[2].hasPrefix("bad.csv:3: rejected: phone: "))
        #expect(lines[3].hasPrefix("bad.csv:4: rejected: phone: "))
        #expect(lines[4] == "… and 6 more (raise --max-reported to see them)")
    }

    @Test("JSON report round-trips and carries no phone or e-mail values")
    func json() throws {
        let batch = try Fixture.read("bad_rows.csv")
        let report = ImportReport(batch: batch, path: "bad.csv")
        let data = try JSONEncoder().encode(report)
        #expect(try JSONDecoder().decode(ImportReport.self, from: data) == report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("@example"))
        #expect(!text.contains("555"))
        #expect(report.rejected.map(\.line) == [3, 4, 5, 6, 7, 10])
        #expect(report.warnings.map(\.line) == [8, 9])
        #expect(report.accepted == 3)
    }
}
