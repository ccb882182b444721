import ArgumentParser
import ClientConfig
import Foundation
import PlaybookDSL
import RevenueCore

/// The client file and profile flags of `revasi client create|update`: the file first, then each flag
/// given over it. Both go through ClientConfig's checks; nothing is written unless all of them pass.
struct ClientProfileOptions: ParsableArguments {
    @Option(help: "A client file (YAML, docs/clients.md); flags given too override its values.")
    var file: String?
    @Option(help: "Display name ({{client.name}}).")
    var name: String?
    @Option(help: "IANA time zone, used when a lead's zone is unknown.")
    var timeZone: String?
    @Option(help: "The name the voice agent and senders use ({{agent.name}}).")
    var agentName: String?
    @Option(help: "The business's phone, E.164 like +13055550100 ({{client.phone}}, call transfers).")
    var phone: String?
    @Option(help: "Street address ({{client.address}}).")
    var address: String?
    @Option(help: "Website, http(s).")
    var website: String?
    @Option(help: "Booking page, http(s) ({{booking_link}}).")
    var bookingLink: String?
    @Option(help: "Reschedule page, http(s) ({{reschedule_link}}).")
    var rescheduleLink: String?
    @Option(help: "The brand HELP and STOP answers name.")
    var brandName: String?

    /// The flags given, keyed like the file.
    var flagValues: [(key: String, value: String)] {
        [("name", name), ("time_zone", timeZone), ("agent_name", agentName), ("phone", phone), ("address", address),
         ("website", website), ("booking_link", bookingLink), ("reschedule_link", rescheduleLink), ("brand_name", brandName)]
            .compactMap { key, value in value.map { (key, $0) } }
    }

    /// The file's patch and the flags' patch, checked; every problem is printed and any error exits 1.
    func patches() throws -> [ClientPatch] {
        var patches: [ClientPatch] = []
        var failed = false
        let renderer = DiagnosticRenderer(colors: Output.colors(fileDescriptor: STDERR_FILENO))
        if let file {
            guard FileManager.default.fileExists(atPath: file) else { throw CLIError.usage("no such file: \(file)") }
            let checked = ClientFile.check(fileAt: file)
            if !checked.issues.isEmpty {
                let lines = ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                let text = checked.diagnostics.map { d in renderer.render(d, line: d.line <= lines.count ? lines[d.line - 1] : nil) }
                Output.err(text.joined(separator: "\n") + "\n")
            }
            if let patch = checked.patch { patches.append(patch) } else { failed = true }
        }
        let flags = flagValues
        if !flags.isEmpty {
            let checked = ClientFile.check(values: flags)
            for issue in checked.issues {
                let flag = "--" + (issue.field.split(separator: ".").first.map(String.init) ?? issue.field).replacingOccurrences(of: "_", with: "-")
                Output.err("error[\(issue.diagnostic.code)]: \(flag): \(issue.diagnostic.message)\n"
                    + (issue.diagnostic.hint.map { "  help: \($0)\n" } ?? ""))
            }
            if let patch = checked.patch { patches.append(patch) } else { failed = true }
        }
        if failed { throw CLIError(message: "the client was not changed: fix the errors above", exitCode: CLIError.invalidExitCode) }
        return patches
    }
}

/// Client ids: letters, digits, - and _ (the same rule as campaign ids).
enum ClientIDRule {
    static func check(_ id: String) throws {
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ValidationError("the client id may only hold letters, digits, - and _")
        }
    }
}

/// The store with campaign controls (both stores have them).
func controlStore(_ store: any Store) throws -> any Store & CampaignControlStore {
    guard let controls = store as? any Store & CampaignControlStore else { throw CLIError.usage("this store has no campaign controls") }
    return controls
}
