import ClientConfig
import Foundation
import Hummingbird
import RevenueCore

/// `GET /api/clients`, `GET /api/clients/{id}`, `PATCH /api/clients/{id}`: a client's profile and rules,
/// checked by ClientConfig exactly as a client file is.
extension APIRoutes {
    func registerClients(on api: RouterGroup<BasicRequestContext>) {
        api.get("/clients") { request, _ in try await guarded { try await clients(request) } }
        api.get("/clients/:id") { request, context in
            try await guarded { try await client(request, id: context.parameters.require("id")) }
        }
        api.patch("/clients/:id") { request, context in
            try await guarded { try await patchClient(request, id: context.parameters.require("id")) }
        }
    }

    struct ClientList: Encodable {
        var clients: [ClientDocument]
    }

    func clients(_ request: Request) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        return try APIJSON.response(ClientList(clients: try await services.store.clients(org: org).map(ClientDocument.init)))
    }

    func client(_ request: Request, id: String) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        guard let client = try await services.store.client(ClientID(id), org: org) else { throw APIError.notFound("client") }
        return try APIJSON.response(ClientDocument(client))
    }

    /// Applies a JSON body with the client file's keys; nothing is written unless every key is valid.
    func patchClient(_ request: Request, id: String) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        guard let old = try await services.store.client(ClientID(id), org: org) else { throw APIError.notFound("client") }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: configuration.maxBodyBytes) } catch { throw APIError.tooLarge }
        let checked = ClientFile.check(json: Data(buffer.readableBytesView))
        guard let patch = checked.patch else {
            let errors = checked.issues.filter { $0.diagnostic.severity == .error }
            throw APIError.badRequest(errors.map(Self.describe).joined(separator: "; "))
        }
        if let newID = patch.id, newID != old.id { throw APIError.badRequest("id: a client's id cannot change (the body says another id)") }
        let updated = patch.applied(to: old)
        if updated != old {
            try await CampaignControls(store: services.store).saveClient(updated, old: old, org: org, source: "api", at: services.now())
        }
        return try APIJSON.response(ClientDocument(updated))
    }

    /// `field: message (hint)`: the field named first, never the value sent.
    static func describe(_ issue: ClientFileIssue) -> String {
        let field = issue.field.isEmpty ? "body" : issue.field
        return "\(field): \(issue.diagnostic.message)" + (issue.diagnostic.hint.map { " (\($0))" } ?? "")
    }
}
