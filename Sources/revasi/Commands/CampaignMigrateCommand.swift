import ArgumentParser
import Foundation
import RevenueCore
import Runtime

/// `revasi campaign migrate ID --org ORG [--to-version N] [--apply]`: moves a campaign's running leads
/// onto another stored version of its playbook. Without `--apply` it only prints the plan.
struct CampaignMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move a campaign's running leads to another version of its playbook (prints the plan; --apply writes it).",
        discussion: """
            Running leads stay on the playbook version they started with; new enrolments take the newest \
            version (store one with `revasi playbook publish`). This command moves running leads explicitly: \
            each lead whose queued touches all have their step in the target version keeps its touch ids \
            and times and takes the target's copy; the others are listed and left where they are.
            """)

    @Argument(help: "The campaign id.")
    var id: String
    @Option(help: "The org the campaign belongs to.")
    var org: String
    @Option(help: "The stored version to move to (default: the newest).")
    var toVersion: Int?
    @Flag(help: "Write the move (without it, nothing changes).")
    var apply = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        do {
            try await StoreFactory.withStore(try store.location()) { store in
                try await store.migrate()
                let migration = PlaybookMigration(store: store)
                let plan = try await migration.plan(org: OrgID(org), campaign: CampaignID(id), toVersion: toVersion)
                print(Self.describe(plan))
                guard apply else {
                    print("dry run: nothing changed. Run again with --apply to move \(plan.moving.count) leads.")
                    return
                }
                let result = try await migration.apply(plan, at: Date())
                print("moved \(result.movedLeads) leads (\(result.movedTouches) queued touches) to v\(plan.target.version)")
                if !result.raced.isEmpty {
                    print("\(result.raced.count) leads changed while moving (a touch was claimed): run the command again for them")
                }
            }
        } catch let error as RuntimeError {
            throw CLIError.usage(error.description)
        } catch let error as StoreError {
            throw CLIError.usage(error.description)
        }
    }

    static func describe(_ plan: MigrationPlan) -> String {
        var lines = ["campaign \(plan.campaign.rawValue): playbook \(plan.playbookID) → v\(plan.target.version) (\(plan.target.contentHash.prefix(12)))"]
        let byVersion = Dictionary(grouping: plan.moving.values, by: { $0 }).mapValues(\.count)
        let from = byVersion.keys.sorted().map { "\(byVersion[$0]!) from \($0 == 0 ? "an unknown version" : "v\($0)")" }.joined(separator: ", ")
        lines.append("  move: \(plan.moving.count) leads, \(plan.touches.count) queued touches" + (from.isEmpty ? "" : " (\(from))"))
        lines.append("  already on v\(plan.target.version): \(plan.alreadyOnTarget) leads")
        lines.append("  keep on their version: \(plan.kept.count) leads")
        for kept in plan.kept.sorted(by: { $0.lead < $1.lead }).prefix(20) { lines.append("    \(kept.lead.rawValue): \(kept.reason)") }
        if plan.kept.count > 20 { lines.append("    … and \(plan.kept.count - 20) more") }
        return lines.joined(separator: "\n")
    }
}
