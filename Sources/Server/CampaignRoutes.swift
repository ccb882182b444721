import Foundation
import Hummingbird
import RevenueCore

/// `GET /api/campaigns`, `GET /api/campaigns/{id}`, `POST /api/campaigns/{id}/pause|resume|archive`.
extension APIRoutes {
    func registerCampaigns(on api: RouterGroup<BasicRequestContext>) {
        api.get("/campaigns") { request, _ in try await guarded { try await campaigns(request) } }
        api.get("/campaigns/:id") { request, context in
            try await guarded { try await campaign(request, id: context.parameters.require("id")) }
        }
        for action in CampaignControls.Action.allCases {
            api.post("/campaigns/:id/\(action.rawValue)") { request, context in
                try await guarded { try await control(request, action, id: context.parameters.require("id")) }
            }
        }
    }

    /// One row of the campaign list.
    struct CampaignRow: Encodable {
        var id: String
        var name: String
        var clientId: String
        var playbookId: String
        var status: String
        var offer: String?
        var createdAt: Date

        init(_ c: Campaign) {
            id = c.id.rawValue
            name = c.name
            clientId = c.clientID.rawValue
            playbookId = c.playbookID
            status = c.status.rawValue
            offer = c.offer
            createdAt = c.createdAt
        }
    }

    struct CampaignList: Encodable {
        var campaigns: [CampaignRow]
    }

    func campaigns(_ request: Request) async throws -> Response {
        try APIQuery.check(request, accepts: ["status"])
        let org = try await org(of: request)
        let status = try request.uri.queryParameters.get("status").map { raw in
            guard let value = CampaignStatus(rawValue: raw) else {
                throw APIError.badRequest("status: unknown; use one of \(CampaignStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        }
        let rows = try await services.store.campaigns(org: org, status: status).map(CampaignRow.init)
        return try APIJSON.response(CampaignList(campaigns: rows))
    }

    func campaign(_ request: Request, id: String) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        guard let campaign = try await services.store.campaign(CampaignID(id), org: org) else { throw APIError.notFound("campaign") }
        return try APIJSON.response(try await CampaignOverview.load(campaign, store: services.store))
    }

    /// What a control answers.
    struct ControlBody: Encodable {
        var id: String
        var status: String
        var previousStatus: String
        var changed: Bool
        var cancelledTouches: Int
        var clientStatus: String?
    }

    func control(_ request: Request, _ action: CampaignControls.Action, id: String) async throws -> Response {
        try APIQuery.check(request, accepts: [])
        let org = try await org(of: request)
        let result: CampaignControls.Result
        do {
            result = try await CampaignControls(store: services.store).apply(action, campaign: CampaignID(id), org: org, source: "api", at: services.now())
        } catch let refusal as CampaignControls.Refusal {
            switch refusal {
            case .notFound: throw APIError.notFound("campaign")
            case .notAllowed: throw APIError(.conflict, code: "conflict", message: refusal.description)
            }
        }
        let client = try await services.store.client(result.campaign.clientID, org: org)
        return try APIJSON.response(ControlBody(
            id: id, status: result.campaign.status.rawValue, previousStatus: result.previous.rawValue, changed: result.changed,
            cancelledTouches: result.cancelled, clientStatus: client?.status.rawValue))
    }
}
