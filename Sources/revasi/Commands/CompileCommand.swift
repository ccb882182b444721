import ArgumentParser

/// `revasi compile` (being built).
struct CompileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "compile", abstract: "compile")
    func run() async throws {}
}
