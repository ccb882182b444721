import Foundation
import PlaybookDSL
import RevenueCore
import Testing

/// A tiny deterministic generator (SplitMix64) so every fuzz run is reproducible from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutations a careless edit (or a confused model) makes to a playbook.
enum Mutation: CaseIterable {
    case deleteLine, duplicateLine, swapLines, retypeValue, nullValue, randomBytes, truncate, reindent, renameKey

    func apply(to text: String, using rng: inout SplitMix64) -> Data {
        var lines = text.components(separatedBy: "\n")
        guard lines.count > 2 else { return Data(text.utf8) }
        let i = Int.random(in: 0..<lines.count, using: &rng)
        let j = Int.random(in: 0..<lines.count, using: &rng)
        switch self {
        case .deleteLine: lines.remove(at: i)
        case .duplicateLine: lines.insert(lines[i], at: j)
        case .swapLines: lines.swapAt(i, j)
        case .retypeValue:
            if let colon = lines[i].firstIndex(of: ":") {
                let replacements = ["[x, y]", "{a: 1}", "42", "-1", "\"\"", "true", "9999999999999999999999", "|\n  block"]
                lines[i] = String(lines[i][...colon]) + " " + replacements.randomElement(using: &rng)!
            }
        case .nullValue:
            if let colon = lines[i].firstIndex(of: ":") { lines[i] = String(lines[i][...colon]) }
        case .randomBytes:
            var data = Data(lines.joined(separator: "\n").utf8)
            let count = Int.random(in: 1...16, using: &rng)
            let at = Int.random(in: 0...data.count, using: &rng)
            data.insert(contentsOf: (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }, at: at)
            return data
        case .truncate:
            let data = Data(text.utf8)
            return data.prefix(Int.random(in: 0...data.count, using: &rng))
        case .reindent:
            lines[i] = String(repeating: " ", count: Int.random(in: 0...7, using: &rng)) + lines[i].trimmingCharacters(in: .whitespaces)
        case .renameKey:
            lines[i] = lines[i].replacingOccurrences(of: "id:", with: "ib:").replacingOccurrences(of: "channel:", with: "chanel:")
                .replacingOccurrences(of: "wait:", with: "wiat:")
        }
        return Data(lines.joined(separator: "\n").utf8)
    }
}

@Suite("Fuzzing the compiler with broken playbooks")
struct FuzzTests {
    static var corpus: [String] {
        var texts = [basePlaybook]
        if let minimal = try? String(contentsOf: packageRoot.appendingPathComponent("Tests/PlaybookDSLTests/Fixtures/minimal.yaml"), encoding: .utf8) {
            texts.append(minimal)
        }
        for name in shippedPlaybooks {
            if let text = try? String(contentsOf: packageRoot.appendingPathComponent("playbooks/\(name)"), encoding: .utf8) {
                texts.append(text)
            }
        }
        return texts
    }

    @Test("mutated playbooks always give a graph or error diagnostics, never a crash", arguments: 0..<8)
    func mutations(_ batch: Int) {
        var rng = SplitMix64(state: UInt64(batch) &* 7919)
        let corpus = Self.corpus
        for _ in 0..<150 {
            var data = Data(corpus.randomElement(using: &rng)!.utf8)
            for _ in 0...Int.random(in: 0...2, using: &rng) {
                let text = String(decoding: data, as: UTF8.self)
                data = Mutation.allCases.randomElement(using: &rng)!.apply(to: text, using: &rng)
            }
            let result = PlaybookCompiler().compile(data, path: "fuzz.yaml")
            let hasErrors = result.diagnostics.contains { $0.severity == .error }
            #expect((result.playbook == nil) == hasErrors, "a graph must come exactly when there is no error")
            #expect(result.diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 && !$0.message.isEmpty && $0.code.hasPrefix("PB") })
            if let playbook = result.playbook {
                #expect(playbook.step(playbook.entry) != nil, "the entry step exists")
                for step in playbook.steps {
                    for target in step.transitions.map(\.target) + [step.otherwise] {
                        if case .step(let id) = target { #expect(playbook.step(id) != nil) }
                    }
                }
            }
        }
    }

    @Test("random bytes never crash the compiler", arguments: 0..<4)
    func randomBytes(_ seed: Int) {
        var rng = SplitMix64(state: UInt64(seed) &+ 99)
        for _ in 0..<200 {
            let data = Data((0..<Int.random(in: 0...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let result = PlaybookCompiler().compile(data, path: "noise.yaml")
            #expect(result.playbook == nil || result.diagnostics.allSatisfy { $0.severity != .error })
        }
    }
}
