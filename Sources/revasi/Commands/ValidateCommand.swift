import ArgumentParser

/// `revasi validate` (being built).
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "validate")
    func run() async throws {}
}
