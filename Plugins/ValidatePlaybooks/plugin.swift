import Foundation
import PackagePlugin

/// `swift package validate-playbooks [PATH…]`: runs `revasi validate` on playbooks/ (or the given paths).
@main
struct ValidatePlaybooks: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "revasi")
        let paths = arguments.isEmpty ? [context.package.directoryURL.appending(path: "playbooks").path()] : arguments
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["validate"] + paths
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("revasi validate exited with status \(process.terminationStatus)")
            throw ExitCode(process.terminationStatus)
        }
    }
}

/// A non-zero exit status from the validator.
struct ExitCode: Error {
    let status: Int32
    init(_ status: Int32) { self.status = status }
}
