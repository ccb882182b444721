import ArgumentParser
import ChannelConfig
import ClientConfig
import PlaybookDSL

/// The files `revasi schema` describes.
enum SchemaKind: String, ExpressibleByArgument, CaseIterable {
    case playbook, channels, client
}

/// `revasi schema [playbook|channels|client]`: print a JSON Schema (committed as docs/<kind>.schema.json).
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft-07) of playbooks, channel files or client files, for editors."
    )

    @Argument(help: "Which file format: playbook (default), channels or client.")
    var kind: SchemaKind = .playbook

    func run() async throws {
        switch kind {
        case .playbook: Output.out(PlaybookJSONSchema.generate())
        case .channels: Output.out(ChannelConfigValidator.jsonSchema())
        case .client: Output.out(ClientFile.jsonSchema())
        }
    }
}
