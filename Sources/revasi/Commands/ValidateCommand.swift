import ArgumentParser
import ChannelConfig
import ClientConfig
import Foundation
import PlaybookDSL
import RevenueCore

/// The two diagnostic output formats.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `revasi validate PATH…`: check playbooks and channel configurations and report every problem
/// like a compiler.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check playbooks and channel configurations (files or folders) and print every problem with its line and a fix.",
        discussion: """
        A file with a top-level `adapters:` key is checked as a channel configuration (channels/*.yaml); \
        one with a client-only key (`time_zone:`, `agent_name:`, `booking_link:` …) and no `steps:` as a client file; \
        any other YAML file as a playbook.
        Exit status: 0 when every file is valid (warnings allowed), 1 when any is invalid, 2 for usage or I/O errors.
        """
    )

    @Argument(help: "Playbook or channel files, or folders searched for .yaml/.yml files.")
    var paths: [String]

    @Option(help: "Output format: text (compiler style) or json (for the Director and tools).")
    var format: DiagnosticFormat = .text

    func run() async throws {
        let files = try PlaybookFiles.expand(paths)
        let renderer = DiagnosticRenderer(colors: Output.colors(fileDescriptor: STDOUT_FILENO))
        var all: [Diagnostic] = []
        var invalid = 0
        for file in files {
            let checked = Self.check(file)
            all += checked.diagnostics
            if checked.diagnostics.hasErrors { invalid += 1 }
            if format == .text, !checked.diagnostics.isEmpty {
                let text = checked.diagnostics.map { diagnostic in
                    // An inline secret's line is the secret: show the position and the fix, not the line.
                    let line = ChannelConfigValidator.sensitiveCodes.contains(diagnostic.code) ? nil : checked.source?.line(diagnostic.line)
                    return renderer.render(diagnostic, line: line)
                }.joined(separator: "\n")
                Output.out(text + "\n")
            }
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

    /// Diagnostics for one file, with its text for rendering source lines.
    static func check(_ path: String) -> (diagnostics: [Diagnostic], source: SourceFile?) {
        guard let data = FileManager.default.contents(atPath: path), data.count <= SourceFile.maximumSize,
              case .success(let source) = SourceFile.load(data, path: path) else {
            let result = PlaybookCompiler().compile(fileAt: path)
            return (result.diagnostics, result.source)
        }
        if ChannelConfigValidator.isChannelConfig(source.text) {
            return (ChannelConfigValidator.validate(data, path: path).diagnostics, source)
        }
        if ClientFile.isClientFile(source.text) {
            return (ClientFile.check(data, path: path).diagnostics, source)
        }
        let result = PlaybookCompiler().compile(fileAt: path)
        return (result.diagnostics, result.source)
    }
}
