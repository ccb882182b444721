import ArgumentParser

/// `revasi schema` (being built).
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "schema")
    func run() async throws {}
}
