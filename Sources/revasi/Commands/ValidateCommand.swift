import ArgumentParser
import Foundation
import PlaybookDSL
import RevenueCore

/// The two diagnostic output formats.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `revasi validate PATH…`: check playbooks and report every problem like a compiler.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check playbooks (files or folders) and print every problem with its line and a fix.",
        discussion: "Exit status: 0 when every file is valid (warnings allowed), 1 when any is invalid, 2 for usage or I/O errors."
    )

    @Argument(help: "Playbook files, or folders searched for .yaml/.yml files.")
    var paths: [String]

    @Option(help: "Output format: text (compiler style) or json (for the Director and tools).")
    var format: DiagnosticFormat = .text

    func run() async throws {
        let files = try PlaybookFiles.expand(paths)
        let compiler = PlaybookCompiler()
        let renderer = DiagnosticRenderer(colors: Output.colors(fileDescriptor: STDOUT_FILENO))
        var all: [Diagnostic] = []
        var invalid = 0
        for file in files {
            let result = compiler.compile(fileAt: file)
            all += result.diagnostics
            if result.playbook == nil { invalid += 1 }
            if format == .text, !result.diagnostics.isEmpty { Output.out(renderer.render(result) + "\n") }
        }
        switch format {
        case .json:
            Output.out(DiagnosticRenderer.json(all) + "\n")
        case .text:
            let errors = all.filter { $0.severity == .error }.count
            let warnings = all.filter { $0.severity == .warning }.count
            let noun = files.count == 1 ? "file" : "files"
            Output.out("checked \(files.count) \(noun): \(invalid) invalid, \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        }
        if invalid > 0 { throw ExitCode(CLIError.invalidExitCode) }
    }
}
