import ArgumentParser
import Foundation
import PlaybookDSL

/// The compiled-graph output formats.
enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, dot
}

/// `revasi compile FILE`: print the compiled step graph.
struct CompileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile",
        abstract: "Compile a playbook and print its step graph (text, json, or dot for Graphviz).",
        discussion: "Render the graph with: revasi compile playbooks/dentists.yaml --format dot | dot -Tsvg > dentists.svg"
    )

    @Argument(help: "The playbook file.")
    var file: String

    @Option(help: "Output format: text, json or dot.")
    var format: GraphFormat = .text

    func run() async throws {
        guard FileManager.default.fileExists(atPath: file) else { throw CLIError.usage("no such file: \(file)") }
        let result = PlaybookCompiler().compile(fileAt: file)
        if !result.diagnostics.isEmpty {
            Output.err(DiagnosticRenderer(colors: Output.colors(fileDescriptor: STDERR_FILENO)).render(result) + "\n")
        }
        guard let playbook = result.playbook else { throw ExitCode(CLIError.invalidExitCode) }
        switch format {
        case .text: Output.out(GraphRenderer.text(playbook))
        case .json: Output.out(GraphRenderer.json(playbook) + "\n")
        case .dot: Output.out(GraphRenderer.dot(playbook))
        }
    }
}
