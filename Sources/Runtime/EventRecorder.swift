import Foundation
import Logging
import Metrics
import RevenueCore

/// Writes engine decisions and errors to `core_memory_events` (no personal data) and the log.
public struct EventRecorder: Sendable {
    let store: any Store
    let logger: Logger

    public init(store: any Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Records one decision or error; a failure to record is logged, never thrown.
    public func record(
        engine: String, org: OrgID?, campaign: CampaignID? = nil, lead: LeadID? = nil, appointment: AppointmentID? = nil,
        errorCode: String? = nil, _ message: String, at: Date
    ) async {
        if errorCode != nil { Counter(label: "revasi_runtime_errors_total", dimensions: [("engine", engine)]).increment() }
        do {
            try await store.recordCoreEvent(CoreMemoryEvent(
                engine: engine, orgID: org, campaignID: campaign, leadID: lead, appointmentID: appointment,
                errorCode: errorCode, message: message, at: at))
        } catch {
            logger.warning("core event not recorded", metadata: ["engine": "\(engine)", "error": "\(RuntimeError.safeDescription(error))"])
        }
    }

    /// Records an error with its code.
    public func error(engine: String, org: OrgID?, campaign: CampaignID? = nil, lead: LeadID? = nil, _ error: any Error, context: String, at: Date) async {
        logger.error("\(context)", metadata: ["engine": "\(engine)", "org.id": "\(org?.rawValue ?? "-")", "error": "\(RuntimeError.safeDescription(error))"])
        await record(engine: engine, org: org, campaign: campaign, lead: lead, errorCode: RuntimeError.code(error),
                     "\(context): \(RuntimeError.safeDescription(error))", at: at)
    }
}
