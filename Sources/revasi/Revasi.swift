import ArgumentParser
import Foundation

/// `revasi`: validate, compile and dry-run playbooks, import leads, migrate the store, run the daemon.
@main
struct Revasi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revasi",
        abstract: "Revenue ASI: outbound cadences that book appointments, inside the law.",
        version: RevasiVersion.current,
        subcommands: [
            ValidateCommand.self,
            CompileCommand.self,
            SchemaCommand.self,
            DryRunCommand.self,
            ImportCommand.self,
            MigrateCommand.self,
            OrgCommand.self,
            ClientCommand.self,
            CampaignCommand.self,
            PlaybookCommand.self,
            TokenCommand.self,
            ServeCommand.self,
            DemoCommand.self,
            BenchCommand.self,
        ]
    )

    /// Runs the command; usage errors exit 2 (not ArgumentParser's 64), as documented in docs/cli.md.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            Foundation.exit(error.exitCode)
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(CLIError.usageExitCode)
            }
            exit(withError: error)
        }
    }
}

/// The version `revasi --version` prints.
enum RevasiVersion {
    static let current = "0.1.0"
}

/// An error the CLI reports in one line, with the exit status it implies.
struct CLIError: Error, CustomStringConvertible {
    /// Usage or I/O problems.
    static let usageExitCode: Int32 = 2
    /// The input was read but is invalid.
    static let invalidExitCode: Int32 = 1

    var message: String
    var exitCode: Int32

    /// A usage or I/O error (exit 2).
    static func usage(_ message: String) -> CLIError { CLIError(message: message, exitCode: usageExitCode) }

    var description: String { message }
}
