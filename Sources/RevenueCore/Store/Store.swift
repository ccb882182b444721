import Foundation

/// Everything the engine persists, on one database: SQLite (embedded) or PostgreSQL (shared).
///
/// Every tenant read and write names its `OrgID`; a value whose `orgID` differs from the org named
/// is rejected with `StoreError.tenantMismatch`. Implementations: `StoreSQLite`, `StorePostgres`.
public protocol Store: SchemaStore, TenantStore, PlaybookStore, LeadStore, TouchQueue, AppointmentStore,
    ConversationStore, EventLog {}

/// Versioned schema migrations.
public protocol SchemaStore: Sendable {
    /// Applies the migrations not yet applied, in order; returns their ids. Running it twice is a no-op.
    @discardableResult
    func migrate() async throws -> [String]
    /// Ids of the migrations already applied, in order.
    func appliedMigrations() async throws -> [String]
    /// The columns of a table or view, in order (empty if it does not exist): the schema contract check.
    func columns(of relation: String) async throws -> [String]
}

/// Orgs, their clients and campaigns.
public protocol TenantStore: Sendable {
    /// Inserts or updates an org.
    func saveOrg(_ org: Org) async throws
    func org(_ id: OrgID) async throws -> Org?
    /// Every org (the daemon walks them to claim touches per tenant).
    func orgs() async throws -> [Org]
    /// Inserts or updates a client.
    func saveClient(_ client: Client, org: OrgID) async throws
    func client(_ id: ClientID, org: OrgID) async throws -> Client?
    func clients(org: OrgID) async throws -> [Client]
    /// Inserts or updates a campaign (its client must exist in the org).
    func saveCampaign(_ campaign: Campaign, org: OrgID) async throws
    func campaign(_ id: CampaignID, org: OrgID) async throws -> Campaign?
    /// Campaigns of the org, optionally only those with `status`.
    func campaigns(org: OrgID, status: CampaignStatus?) async throws -> [Campaign]
    /// The process-wide secret `name` (e.g. the link signing key), created from `candidate` by the first
    /// daemon that asks: every daemon on the database gets the same value, and it survives restarts.
    func sharedSecret(named name: String, candidate: String, at: Date) async throws -> String
}

/// Stored playbook versions (YAML and compiled graph, pinned by content hash).
public protocol PlaybookStore: Sendable {
    /// Stores a version; saving the same (playbook, version) again replaces it only if the hash is equal.
    func savePlaybookVersion(_ version: PlaybookVersion, org: OrgID) async throws
    func playbookVersion(playbook: String, version: Int, org: OrgID) async throws -> PlaybookVersion?
    func playbookVersion(contentHash: String, org: OrgID) async throws -> PlaybookVersion?
    /// Versions of one playbook, oldest first.
    func playbookVersions(playbook: String, org: OrgID) async throws -> [PlaybookVersion]
}

/// Leads, their state changes, the `lead_enriched` view and atomic deduplicating import.
public protocol LeadStore: Sendable {
    /// Inserts or updates a lead by id (a phone or e-mail another lead of the org has is a constraint error).
    func upsertLead(_ lead: Lead, org: OrgID) async throws
    func lead(_ id: LeadID, org: OrgID) async throws -> Lead?
    /// The org's lead with this phone (E.164, exact) or e-mail (any case), by index: inbound sender lookup.
    func lead(address: String, org: OrgID) async throws -> Lead?
    /// Leads of the org, filtered by state and/or campaign, oldest first.
    func leads(org: OrgID, state: LeadState?, campaign: CampaignID?, limit: Int) async throws -> [Lead]
    /// Moves a lead to `change.to` and records the event, in one transaction.
    @discardableResult
    func updateLeadState(_ change: LeadStateChange, org: OrgID, at: Date) async throws -> LeadStateEvent
    /// Marks the lead's phone a landline (a carrier said so) without touching any other column.
    func markLandline(_ lead: LeadID, org: OrgID) async throws
    /// Compare-and-set, in ONE transaction: moves the lead from `change.expected` to `change.to` and records
    /// the event, writes `fields` (the lead's other columns, e.g. an inferred zone) and enqueues `touches`
    /// (duplicate keys ignored). Throws `StoreError.conflict` and writes nothing when the state moved on.
    @discardableResult
    func transitionLead(_ change: LeadStateChange, fields: Lead?, enqueue touches: [TouchRun], org: OrgID, at: Date) async throws -> EnqueueResult
    /// The lead's recorded state changes in the order they were made (each starts where the last ended;
    /// their `at` comes from the deciding daemon's clock and may be out of order across daemons).
    func leadStateEvents(lead: LeadID, org: OrgID) async throws -> [LeadStateEvent]
    /// Writes the batch atomically (all or nothing), skipping leads whose phone, e-mail or id the org
    /// already has or the batch repeats: re-importing the same file adds nothing.
    func importLeads(_ batch: [Lead], org: OrgID, campaign: CampaignID?) async throws -> ImportSummary
    /// Rows of `lead_enriched` for the org, optionally one state, newest activity first.
    func enrichedLeads(org: OrgID, state: LeadState?, limit: Int) async throws -> [LeadEnriched]
}

/// The durable queue of touches (`touch_runs`).
public protocol TouchQueue: Sendable {
    /// Inserts touches; a touch whose idempotency key exists is ignored (counted, not an error).
    @discardableResult
    func enqueue(_ touches: [TouchRun], org: OrgID) async throws -> EnqueueResult
    /// Claims up to `limit` queued touches due at `now`, oldest first, marking them `sending` under `lease`.
    /// Two claimers never get the same touch.
    func claimDue(org: OrgID, now: Date, limit: Int, lease: Lease) async throws -> [TouchRun]
    /// Records that claimed touches were handed to the provider, in one transaction. Returns the
    /// touches NOT written because they are no longer leased to `owner` (expired and taken back).
    @discardableResult
    func complete(_ completions: [TouchCompletion], org: OrgID, owner: String) async throws -> [TouchID]
    /// One claimed touch handed to the provider, and the outbound message it put in the lead's
    /// conversation, in ONE transaction. Returns false (and writes nothing) when `owner` no longer
    /// holds the lease.
    func completeSent(_ completion: TouchCompletion, message: Message?, org: OrgID, owner: String) async throws -> Bool
    /// A claimed touch failed: back to `queued` after the policy's backoff (attempt + 1), or `failed`
    /// when attempts are used up. Returns the new status; throws `leaseLost` if `owner` no longer holds it.
    @discardableResult
    func fail(_ touch: TouchID, org: OrgID, owner: String, error: String, retry: RetryPolicy, now: Date) async throws -> TouchStatus
    /// A claimed touch may not go out yet (send-time window or cap): back to `queued` at `at` without
    /// spending an attempt, `reason` in `error`. Throws `leaseLost` if `owner` no longer holds it.
    func reschedule(_ touch: TouchID, org: OrgID, owner: String, to at: Date, reason: String) async throws
    /// Moves one still-`queued` touch to `at` (a lead asked to be called then); false when it was
    /// claimed or settled meanwhile. Its attempt count and error are left as they are.
    func moveQueued(_ touch: TouchID, org: OrgID, to at: Date) async throws -> Bool
    /// Moves queued touches onto another playbook version (hash, idempotency key, payload), in one
    /// transaction; each is written only while still `queued` and pinned to `from[touch.id]`.
    /// Returns the ids NOT written (claimed or settled meanwhile).
    @discardableResult
    func repin(_ touches: [TouchRun], from: [TouchID: String], org: OrgID) async throws -> [TouchID]
    /// When the client's touches (on `channel`, or any) that went out at or after `since` were sent,
    /// oldest first: what the client-wide throttles count.
    func sentTimes(org: OrgID, client: ClientID, channel: Channel?, since: Date) async throws -> [Date]
    /// Touches still `sending` whose lease ran out go back to `queued`, marked `lease_expired` in
    /// `error` so the dispatcher reconciles with the provider (by idempotency key) before resending.
    @discardableResult
    func expireLeases(org: OrgID, now: Date) async throws -> [TouchID]
    /// Cancels every queued touch of a lead (opt-out, exit condition); returns how many.
    @discardableResult
    func cancelQueued(lead: LeadID, org: OrgID, reason: String) async throws -> Int
    func touch(_ id: TouchID, org: OrgID) async throws -> TouchRun?
    func touch(providerMessageID: String, org: OrgID) async throws -> TouchRun?
    /// The campaign's touches still `queued` or `sending` (its running leads), by lead then time.
    func openTouches(campaign: CampaignID, org: OrgID) async throws -> [TouchRun]
    /// Touches of a lead, by scheduled time.
    func touches(lead: LeadID, org: OrgID) async throws -> [TouchRun]
    /// In ONE transaction: writes the touch's outcome, enqueues the touches it causes (duplicate keys
    /// ignored) and applies the lead's state change. Nothing lands if any part fails. The outcome is
    /// written only while the touch has none (or a reply replaces a delivery or open); otherwise, and
    /// when the lead's state moved off `leadState.expected`, it throws `StoreError.conflict`.
    @discardableResult
    func recordOutcome(
        touch: TouchID, org: OrgID, outcome: TouchOutcomeReport, next: [TouchRun], leadState: LeadStateChange?
    ) async throws -> EnqueueResult
}

/// Appointments and their reminders.
public protocol AppointmentStore: Sendable {
    /// In one transaction: the appointment, its notifications and the reminder touches they point to.
    func createAppointment(
        _ appointment: Appointment, notifications: [AppointmentNotification], reminders: [TouchRun], org: OrgID
    ) async throws
    func appointment(_ id: AppointmentID, org: OrgID) async throws -> Appointment?
    /// Appointments starting in `[from, to)`, by start time.
    func appointments(org: OrgID, from: Date, to: Date) async throws -> [Appointment]
    func appointmentNotifications(appointment: AppointmentID, org: OrgID) async throws -> [AppointmentNotification]
    /// In one transaction: status and outcome, follow-up touches (210/220), queued reminders cancelled
    /// when the appointment no longer stands, and the lead's state change.
    func setAppointmentOutcome(
        _ id: AppointmentID, org: OrgID, status: AppointmentStatus, outcome: AppointmentOutcome?,
        followUps: [TouchRun], leadState: LeadStateChange?, at: Date
    ) async throws
}

/// Conversations and their inbound/outbound messages.
public protocol ConversationStore: Sendable {
    /// Appends a message to its (lead, channel) conversation, creating it if needed. Returns false
    /// when a message with the same provider id was already stored (redelivered webhook).
    @discardableResult
    func appendMessage(_ message: Message, org: OrgID) async throws -> Bool
    func conversations(lead: LeadID, org: OrgID) async throws -> [Conversation]
    /// Messages of one conversation, oldest first.
    func messages(conversation: String, org: OrgID) async throws -> [Message]
}

/// Director decisions, the central event log and the voice insights view.
public protocol EventLog: Sendable {
    @discardableResult
    func recordDirectorEvent(_ event: DirectorEvent, org: OrgID) async throws -> Int64
    /// Newest first.
    func directorEvents(org: OrgID, limit: Int) async throws -> [DirectorEvent]
    /// Records an event; process-wide events (no org) are allowed.
    @discardableResult
    func recordCoreEvent(_ event: CoreMemoryEvent) async throws -> Int64
    /// The org's events, newest first, optionally one engine only.
    func coreEvents(org: OrgID, engine: String?, limit: Int) async throws -> [CoreMemoryEvent]
    /// Rows of `voice_insights_calls_v1` for the org, newest first.
    func voiceCalls(org: OrgID, campaign: CampaignID?, limit: Int) async throws -> [VoiceCall]
}
