import Foundation
import Hummingbird
import Logging
import RevenueCore

/// Builds every route (webhooks, JSON API, `/u/` unsubscribe pages, `/metrics`) on one router: what `app.test(.router)` tests use.
public func buildRouter(configuration: ServerConfiguration, services: ServerServices) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    let metrics = ServerMetrics(registry: services.metrics)
    WebhookRoutes(configuration: configuration, services: services, metrics: metrics).register(on: router)
    APIRoutes(configuration: configuration, services: services, metrics: metrics).register(on: router)
    UnsubscribeRoutes(configuration: configuration, services: services, metrics: metrics).register(on: router)
    if let registry = services.metrics {
        let store = services.store
        router.get("/metrics") { _, _ in
            if let counts = try? await store.queueCounts(org: nil) { metrics.queue(counts) }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
    }
    // Last, so it wraps only the not-found responder: unknown routes and methods answer JSON.
    router.add(middleware: APIFallbackMiddleware(routes: router.routes.map { ($0.path, $0.method) }))
    return router
}

/// The HTTP server `revasi serve` runs: `buildRouter` bound to `configuration.host:port`.
/// The caller runs it (`try await app.runService()`) or adds it to its own `ServiceGroup`.
/// `onServerRunning` receives the bound port (useful with `port: 0`).
public func buildApplication(
    configuration: ServerConfiguration, services: ServerServices, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(configuration: configuration, services: services),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: configuration.serverName),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: services.logger)
}

/// Runs the server until `body` returns (or throws), then stops it: benchmarks and tools that need
/// a live server for a while. `body` receives the bound port.
public func withRunningServer<T: Sendable>(
    configuration: ServerConfiguration, services: ServerServices, _ body: @Sendable (Int) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = buildApplication(configuration: configuration, services: services) { port in continuation.yield(port) }
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            // A server that stops before it bound (port in use) ends the port stream, so the wait below ends too.
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // Surface why the server stopped (the bind error) instead of waiting for a port forever.
            _ = try await group.next()
            throw CancellationError()
        }
        let result = try await body(port)
        group.cancelAll()
        return result
    }
}
