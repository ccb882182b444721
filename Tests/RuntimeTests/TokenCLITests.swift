import Foundation
import RevenueCore
import Server
import Testing

/// `revasi org list|show` and `revasi token list|revoke`, run as a user runs them, on both stores.
@Suite struct TokenCLITests {
    static let postgres = ProcessInfo.processInfo.environment["REVASI_TEST_POSTGRES_URL"]

    @Test(.enabled(if: RevasiCLI.binary != nil, "needs the revasi executable built beside the tests"))
    func lookAndRevokeOnSQLite() async throws {
        let h = try await RuntimeHarness(leads: 0)
        defer { h.cleanup() }
        try await Self.scenario(h, database: "sqlite:" + h.databasePath)
    }

    @Test(.enabled(if: RevasiCLI.binary != nil && postgres != nil, "needs the revasi executable and REVASI_TEST_POSTGRES_URL"))
    func lookAndRevokeOnPostgreSQL() async throws {
        try await RuntimeHarness.withPostgres("tokcli", leads: 0) { h, url in
            try await Self.scenario(h, database: url)
        }
    }

    static func scenario(_ h: RuntimeHarness, database: String) async throws {
        let tokens = try #require(h.store as? any APITokenStore)
        let org = RuntimeHarness.org
        try await h.store.saveOrg(Org(id: "other-org", name: "Other", createdAt: RuntimeHarness.start))
        let cockpit = APITokenSecret.make(org: org, label: "cockpit", now: RuntimeHarness.start)
        let script = APITokenSecret.make(org: org, now: RuntimeHarness.start.addingTimeInterval(60))
        let foreign = APITokenSecret.make(org: "other-org", label: "theirs", now: RuntimeHarness.start)
        for made in [cockpit, script, foreign] { try await tokens.saveAPIToken(made.token) }
        let cli = RevasiCLI(database: database, environment: [:], folder: h.folder)

        let orgs = try cli.run(["org", "list"])
        #expect(orgs.status == 0)
        #expect(orgs.stdout.contains("org-rt") && orgs.stdout.contains("other-org") && orgs.stdout.contains("TOKENS"))
        let shown = try cli.run(["org", "show", "org-rt", "--format", "json"])
        #expect(shown.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(doc["id"] as? String == "org-rt")
        #expect(doc["api_tokens"] as? Int == 2)
        #expect(doc["clients"] as? Int == 1)
        let missingOrg = try cli.run(["org", "show", "no-such-org"])
        #expect(missingOrg.status == 1)
        #expect(missingOrg.stderr.contains("org no-such-org not found"))

        let listed = try cli.run(["token", "list", "--org", "org-rt"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains(cockpit.token.id) && listed.stdout.contains("cockpit") && listed.stdout.contains(script.token.id))
        #expect(!listed.stdout.contains(foreign.token.id))
        let json = try cli.run(["token", "list", "--org", "org-rt", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.map { $0["id"] as? String } == [cockpit.token.id, script.token.id])
        #expect(rows.first?["label"] as? String == "cockpit")
        for output in [listed.stdout, json.stdout] {
            for made in [cockpit, script] {
                #expect(!output.contains(made.secret) && !output.contains(made.token.tokenHash))
            }
        }
        #expect(try cli.run(["token", "list", "--org", "no-such-org"]).status == 1)

        // Another org's token id: input wrong (exit 1), named, and nothing revoked.
        let foreignRevoke = try cli.run(["token", "revoke", foreign.token.id, "--org", "org-rt"])
        #expect(foreignRevoke.status == 1)
        #expect(foreignRevoke.stderr.contains(foreign.token.id) && foreignRevoke.stderr.contains("org-rt"))
        #expect(try await tokens.apiToken(hash: foreign.token.tokenHash) != nil)
        #expect(try cli.run(["token", "revoke", cockpit.token.id]).status == 2)

        let revoked = try cli.run(["token", "revoke", cockpit.token.id, "--org", "org-rt"])
        #expect(revoked.status == 0)
        #expect(revoked.stdout.contains("token \(cockpit.token.id) revoked"))
        #expect(!revoked.stdout.contains(cockpit.secret) && !revoked.stderr.contains(cockpit.secret))
        #expect(try await tokens.apiToken(hash: cockpit.token.tokenHash) == nil)
        #expect(try await tokens.apiToken(hash: script.token.tokenHash) != nil)
        #expect(try cli.run(["token", "revoke", cockpit.token.id, "--org", "org-rt"]).status == 1)
        #expect(try !cli.run(["token", "list", "--org", "org-rt"]).stdout.contains(cockpit.token.id))
    }
}
