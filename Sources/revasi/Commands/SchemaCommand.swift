import ArgumentParser
import PlaybookDSL

/// `revasi schema`: print the JSON Schema of the playbook language (committed as docs/playbook.schema.json).
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of the playbook language, for editors."
    )

    func run() async throws {
        Output.out(PlaybookJSONSchema.generate())
    }
}
