import Foundation
import LeadImport
import RevenueCore
import Testing

@Suite("Random input")
struct ImportFuzzTests {
    /// Pieces that stress the scanner, decoder and enricher: quotes, separators, line ends, stray bytes.
    static let pieces: [[UInt8]] = [
        Array("\"".utf8), Array(",".utf8), Array(";".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8),
        Array("\"\"".utf8), Array(" ".utf8), Array("305-555-0100".utf8), Array("+52 1 55 1234 5678".utf8),
        Array("ana@example.com".utf8), Array("José".utf8), [0xE9], [0x93], [0xC3], [0xEF, 0xBB, 0xBF], Array("x12".utf8),
        Array("es".utf8), Array("Texas".utf8), Array("=\"".utf8), Array("'".utf8), [0xF0, 0x9F, 0x98, 0x80],
    ]

    @Test("Random files never crash; accepted lines increase and stay inside the file", arguments: 0..<300)
    func randomFile(seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        var bytes = Array("name,phone,email,language,state\n".utf8)
        for _ in 0..<next(200) { bytes += Self.pieces[next(Self.pieces.count)] }
        let physicalLines = 1 + bytes.filter { $0 == 0x0A }.count + bytes.filter { $0 == 0x0D }.count
        let result = Result { () throws(ImportFileError) in
            try LeadCSVReader().read(Data(bytes), path: "fuzz.csv", org: Fixture.org, now: Fixture.now)
        }
        switch result {
        case .success(let batch):
            let lines = batch.accepted.map(\.line)
            #expect(lines == lines.sorted())
            #expect(Set(lines).count == lines.count)
            #expect(lines.allSatisfy { $0 >= 2 && $0 <= physicalLines })
            #expect(batch.rejected.allSatisfy { $0.line >= 2 && $0.line <= physicalLines })
            #expect(batch.accepted.count + batch.rejected.count + batch.duplicatesInFile.count == batch.rowCount)
            #expect(batch.accepted.allSatisfy { $0.lead.phone != nil || $0.lead.email != nil })
        case .failure(let error):
            // Only whole-file problems are allowed, and they name the file.
            #expect(error.description.hasPrefix("fuzz.csv"))
        }
    }
}
