import ChannelConfig
import EmailChannel
import Foundation
import ProviderHTTP
import RevenueCore
import Runtime
import SandboxChannel
import TwilioChannel
import WhatsAppCloudChannel

/// Builds the adapters of a channels/*.yaml file: the one place that names every provider.
enum ChannelWiring {
    static let registry = ChannelRegistry([.twilio, .whatsAppCloud, .elasticEmail, .smtp, .sandbox])

    /// The routes of `path`, with credentials from the environment, and the file's `webhook_base_url`;
    /// diagnostics become a usage error.
    static func load(_ path: String) throws -> (routes: ChannelRoutes, webhookBaseURL: String?) {
        let (config, diagnostics) = ChannelConfigValidator.validate(fileAt: path)
        guard let config else {
            let first = diagnostics.first.map { "\($0.file):\($0.line): \($0.message)" } ?? path
            throw CLIError(message: "channel configuration is invalid: \(first)", exitCode: CLIError.invalidExitCode)
        }
        do {
            let routes = try config.makeRoutes(registry: registry, environment: ProcessInfo.processInfo.environment, transport: URLSessionTransport())
            return (routes, config.webhookBaseURL)
        } catch {
            throw CLIError(message: "\(path): \(error)", exitCode: CLIError.invalidExitCode)
        }
    }

    /// The dispatcher's resolver over `routes`.
    static func resolver(_ routes: ChannelRoutes) -> AdapterResolver {
        { client, channel in routes.adapter(client: client, channel: channel) }
    }
}
