import Foundation
import PlaybookDSL
import RevenueCore

/// Compiles playbook files and stores them as versions of an org (same hash = same version).
enum PlaybookLoader {
    /// Compiles each file and saves it; returns the compiled playbooks. Any compile error stops (exit 1).
    static func load(_ files: [String], into store: any Store, org: OrgID, now: Date) async throws -> [CompiledPlaybook] {
        var loaded: [CompiledPlaybook] = []
        for file in files {
            let result = PlaybookCompiler().compile(fileAt: file)
            guard let playbook = result.playbook else {
                let first = result.diagnostics.first.map { "\($0.file):\($0.line): \($0.message)" } ?? file
                throw CLIError(message: "playbook does not compile: \(first)", exitCode: CLIError.invalidExitCode)
            }
            let json = String(decoding: try CanonicalJSON.encoder.encode(playbook), as: UTF8.self)
            let source = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            // Two publishes at once may pick the same next number: the store refuses the second, which
            // reads the versions again and takes the number after (a version is never overwritten).
            var attempt = 0
            while true {
                let existing = try await store.playbookVersions(playbook: playbook.id, org: org)
                if existing.contains(where: { $0.contentHash == playbook.contentHash }) { break }
                do {
                    try await store.savePlaybookVersion(PlaybookVersion(
                        orgID: org, playbookID: playbook.id, version: (existing.map(\.version).max() ?? 0) + 1,
                        contentHash: playbook.contentHash, sourceYAML: source, compiledJSON: json, createdAt: now), org: org)
                    break
                } catch let taken as StoreError where taken == .playbookVersionTaken && attempt < 4 {
                    attempt += 1
                }
            }
            loaded.append(playbook)
        }
        return loaded
    }
}
