import RevenueCore

/// Every statement both stores run, written once and rendered for one dialect at init.
///
/// Only the claim's row locking, JSON casts and placeholder spelling differ between SQLite and
/// PostgreSQL; the logic around the statements lives in each store.
public struct Statements: Sendable {
    public let dialect: SQLDialect

    // Tenants
    public let saveOrg: String
    public let org: String
    public let orgs: String
    public let saveClient: String
    public let client: String
    public let clients: String
    public let saveCampaign: String
    public let campaign: String
    public let campaigns: String
    public let campaignsWithStatus: String
    public let insertSecret: String
    public let secret: String

    // Playbooks
    public let insertPlaybook: String
    public let insertPlaybookVersion: String
    public let playbookVersion: String
    public let playbookVersionByHash: String
    public let playbookVersions: String

    // Leads
    public let upsertLead: String
    public let markLandline: String
    public let importLead: String
    public let lead: String
    public let leadByAddress: String
    public let leadStateForUpdate: String
    public let setLeadState: String
    public let insertLeadStateEvent: String
    public let leadStateEvents: String

    // Queue
    public let enqueueTouch: String
    public let claimDue: String
    public let completeTouch: String
    public let leasedTouchForUpdate: String
    public let retryTouch: String
    public let failTouch: String
    public let rescheduleTouch: String
    public let repinTouch: String
    public let moveQueuedTouch: String
    public let clientSentTimes: String
    public let clientSentTimesOnChannel: String
    public let expireLeases: String
    public let cancelQueued: String
    public let touch: String
    public let touchByProviderID: String
    public let touchesOfLead: String
    public let openTouchesOfCampaign: String
    public let recordOutcome: String

    // Appointments
    public let insertAppointment: String
    public let insertNotification: String
    public let appointment: String
    public let appointmentsBetween: String
    public let notifications: String
    public let setAppointmentOutcome: String
    public let cancelReminders: String

    // Conversations
    public let upsertConversation: String
    public let messageExists: String
    public let insertMessage: String
    public let conversations: String
    public let messages: String

    // Events
    public let insertDirectorEvent: String
    public let directorEvents: String
    public let insertCoreEvent: String
    public let coreEvents: String
    public let coreEventsOfEngine: String

    public init(_ dialect: SQLDialect) {
        self.dialect = dialect
        func p(_ template: String) -> String { dialect.prepare(template) }
        let touchCols = TouchRunRecord.selectList

        saveOrg = p(OrgRecord.insertSQL() + " ON CONFLICT (id) DO UPDATE SET name = excluded.name")
        org = p("SELECT \(OrgRecord.selectList) FROM orgs WHERE id = ?")
        orgs = p("SELECT \(OrgRecord.selectList) FROM orgs ORDER BY id")
        saveClient = p(ClientRecord.upsertSQL(key: ["id"]))
        client = p("SELECT \(ClientRecord.selectList) FROM clients WHERE org_id = ? AND id = ?")
        clients = p("SELECT \(ClientRecord.selectList) FROM clients WHERE org_id = ? ORDER BY id")
        saveCampaign = p(CampaignRecord.upsertSQL(key: ["id"]))
        campaign = p("SELECT \(CampaignRecord.selectList) FROM campaigns WHERE org_id = ? AND id = ?")
        campaigns = p("SELECT \(CampaignRecord.selectList) FROM campaigns WHERE org_id = ? ORDER BY id")
        campaignsWithStatus = p("SELECT \(CampaignRecord.selectList) FROM campaigns WHERE org_id = ? AND status = ? ORDER BY id")
        insertSecret = p("INSERT INTO daemon_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        secret = p("SELECT value AS text FROM daemon_secrets WHERE name = ?")

        insertPlaybook = p("INSERT INTO playbooks (org_id, id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
        insertPlaybookVersion = p(PlaybookVersionRecord.insertSQL(ignoringConflicts: true))
        let versionCols = PlaybookVersionRecord.selectList
        playbookVersion = p("SELECT \(versionCols) FROM playbook_versions WHERE org_id = ? AND playbook_id = ? AND version = ?")
        playbookVersionByHash = p(
            "SELECT \(versionCols) FROM playbook_versions WHERE org_id = ? AND content_hash = ? ORDER BY version DESC LIMIT 1")
        playbookVersions = p("SELECT \(versionCols) FROM playbook_versions WHERE org_id = ? AND playbook_id = ? ORDER BY version")

        upsertLead = p(LeadRecord.upsertSQL(key: ["id"]))
        markLandline = p("UPDATE leads SET phone_line_type = 'landline' WHERE org_id = ? AND id = ?")
        importLead = p(LeadRecord.insertSQL(ignoringConflicts: true))
        lead = p("SELECT \(LeadRecord.selectList) FROM leads WHERE org_id = ? AND id = ?")
        leadByAddress = p("""
            SELECT \(LeadRecord.selectList) FROM leads WHERE org_id = ? AND phone = ?
            UNION ALL
            SELECT \(LeadRecord.selectList) FROM leads WHERE org_id = ? AND lower(email) = ?
            LIMIT 1
            """)
        leadStateForUpdate = p("SELECT state FROM leads WHERE org_id = ? AND id = ? {for_update}")
        setLeadState = p("UPDATE leads SET state = ?, last_activity_at = ? WHERE org_id = ? AND id = ?")
        insertLeadStateEvent = p(LeadStateEventRecord.insertSQL())
        leadStateEvents = p(
            "SELECT \(LeadStateEventRecord.selectList) FROM lead_state_events WHERE org_id = ? AND lead_id = ? ORDER BY id")

        enqueueTouch = p(TouchRunRecord.insertSQL(ignoringConflicts: true))
        claimDue = p("""
            UPDATE touch_runs SET status = 'sending', lease_owner = ?, lease_expires_at = ?
            WHERE id IN (
                SELECT id FROM touch_runs
                WHERE org_id = ? AND status = 'queued' AND scheduled_at <= ?
                    AND (step = 0 OR EXISTS (
                        SELECT 1 FROM campaigns c JOIN clients k ON k.org_id = c.org_id AND k.id = c.client_id
                        WHERE c.org_id = touch_runs.org_id AND c.id = touch_runs.campaign_id AND c.status = 'active' AND k.status = 'active'
                    ))
                ORDER BY scheduled_at, id LIMIT ? {skip_locked}
            )
            RETURNING \(touchCols)
            """)
        completeTouch = p("""
            UPDATE touch_runs SET status = ?, provider_message_id = COALESCE(?, provider_message_id), sent_at = ?,
                error = ?, lease_owner = NULL, lease_expires_at = NULL
            WHERE org_id = ? AND id = ? AND status = 'sending' AND lease_owner = ?
            """)
        leasedTouchForUpdate = p(
            "SELECT attempt FROM touch_runs WHERE org_id = ? AND id = ? AND status = 'sending' AND lease_owner = ? {for_update}")
        retryTouch = p("""
            UPDATE touch_runs SET status = 'queued', attempt = attempt + 1, scheduled_at = ?, error = ?,
                lease_owner = NULL, lease_expires_at = NULL
            WHERE org_id = ? AND id = ?
            """)
        rescheduleTouch = p("""
            UPDATE touch_runs SET status = 'queued', scheduled_at = ?, error = ?, lease_owner = NULL, lease_expires_at = NULL
            WHERE org_id = ? AND id = ? AND status = 'sending' AND lease_owner = ?
            """)
        moveQueuedTouch = p("UPDATE touch_runs SET scheduled_at = ? WHERE org_id = ? AND id = ? AND status = 'queued'")
        repinTouch = p("""
            UPDATE touch_runs SET playbook_hash = ?, idempotency_key = ?, payload = CAST(? AS {json})
            WHERE org_id = ? AND id = ? AND status = 'queued' AND playbook_hash = ?
            """)
        let sentTimes = """
            SELECT t.sent_at FROM touch_runs t JOIN campaigns c ON c.org_id = t.org_id AND c.id = t.campaign_id
            WHERE t.org_id = ? AND c.client_id = ? AND t.sent_at >= ? AND t.status IN ('sent', 'delivered', 'failed')
            """
        clientSentTimes = p(sentTimes + " ORDER BY t.sent_at")
        clientSentTimesOnChannel = p(sentTimes + " AND t.channel = ? ORDER BY t.sent_at")
        failTouch = p("""
            UPDATE touch_runs SET status = 'failed', error = ?, lease_owner = NULL, lease_expires_at = NULL
            WHERE org_id = ? AND id = ?
            """)
        expireLeases = p("""
            UPDATE touch_runs SET status = 'queued', error = 'lease_expired', lease_owner = NULL, lease_expires_at = NULL
            WHERE org_id = ? AND status = 'sending' AND lease_expires_at < ?
            RETURNING id
            """)
        cancelQueued = p("UPDATE touch_runs SET status = 'cancelled', error = ? WHERE org_id = ? AND lead_id = ? AND status = 'queued'")
        touch = p("SELECT \(touchCols) FROM touch_runs WHERE org_id = ? AND id = ?")
        touchByProviderID = p("SELECT \(touchCols) FROM touch_runs WHERE org_id = ? AND provider_message_id = ? ORDER BY scheduled_at DESC LIMIT 1")
        touchesOfLead = p("SELECT \(touchCols) FROM touch_runs WHERE org_id = ? AND lead_id = ? ORDER BY scheduled_at, id")
        openTouchesOfCampaign = p("""
            SELECT \(touchCols) FROM touch_runs
            WHERE org_id = ? AND status IN ('queued', 'sending') AND campaign_id = ? ORDER BY lead_id, scheduled_at, id
            """)
        recordOutcome = p("""
            UPDATE touch_runs SET status = ?, outcome = COALESCE(?, outcome),
                provider_message_id = COALESCE(?, provider_message_id), error = ?,
                duration_seconds = COALESCE(?, duration_seconds), recording_url = COALESCE(?, recording_url),
                sent_at = COALESCE(sent_at, ?), lease_owner = NULL, lease_expires_at = NULL
            WHERE org_id = ? AND id = ? AND (outcome IS NULL OR (? = 'replied' AND outcome IN ('delivered', 'opened')))
            """)

        insertAppointment = p(AppointmentRecord.insertSQL())
        insertNotification = p(AppointmentNotificationRecord.insertSQL())
        appointment = p("SELECT \(AppointmentRecord.selectList) FROM appointments WHERE org_id = ? AND id = ?")
        appointmentsBetween = p("""
            SELECT \(AppointmentRecord.selectList) FROM appointments
            WHERE org_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at, id
            """)
        notifications = p("""
            SELECT \(AppointmentNotificationRecord.selectList) FROM appointment_notifications
            WHERE org_id = ? AND appointment_id = ? ORDER BY step, id
            """)
        setAppointmentOutcome = p("UPDATE appointments SET status = ?, outcome = ? WHERE org_id = ? AND id = ?")
        cancelReminders = p("""
            UPDATE touch_runs SET status = 'cancelled', error = ?
            WHERE org_id = ? AND status = 'queued' AND id IN (
                SELECT touch_id FROM appointment_notifications WHERE org_id = ? AND appointment_id = ?
            )
            """)

        upsertConversation = p(ConversationRecord.insertSQL() + """
             ON CONFLICT (org_id, lead_id, channel) DO UPDATE
            SET last_message_at = {greatest}(conversations.last_message_at, excluded.last_message_at)
            """)
        messageExists = p("SELECT id FROM messages WHERE org_id = ? AND provider_message_id = ?")
        insertMessage = p(MessageRecord.insertSQL())
        conversations = p("SELECT \(ConversationRecord.selectList) FROM conversations WHERE org_id = ? AND lead_id = ? ORDER BY started_at, id")
        messages = p("SELECT \(MessageRecord.selectList) FROM messages WHERE org_id = ? AND conversation_id = ? ORDER BY at, id")

        insertDirectorEvent = p(DirectorEventRecord.insertSQL() + " RETURNING id")
        directorEvents = p(
            "SELECT id, \(DirectorEventRecord.selectList) FROM director_events WHERE org_id = ? ORDER BY at DESC, id DESC LIMIT ?")
        insertCoreEvent = p(CoreMemoryEventRecord.insertSQL() + " RETURNING id")
        let coreCols = "id, " + CoreMemoryEventRecord.selectList
        coreEvents = p("SELECT \(coreCols) FROM core_memory_events WHERE org_id = ? ORDER BY at DESC, id DESC LIMIT ?")
        coreEventsOfEngine = p(
            "SELECT \(coreCols) FROM core_memory_events WHERE org_id = ? AND engine = ? ORDER BY at DESC, id DESC LIMIT ?")
    }

    /// Leads of an org, optionally filtered (filters that are `nil` are left out of the SQL).
    public func leads(state: Bool, campaign: Bool) -> String {
        var sql = "SELECT \(LeadRecord.selectList) FROM leads WHERE org_id = ?"
        if state { sql += " AND state = ?" }
        if campaign { sql += " AND campaign_id = ?" }
        return dialect.prepare(sql + " ORDER BY created_at, id LIMIT ?")
    }

    /// Rows of `lead_enriched` for an org (the view has no org column: join back to `leads`).
    public func enrichedLeads(state: Bool) -> String {
        var sql = """
            SELECT \(LeadEnriched.columns.map { "e.\($0)" }.joined(separator: ", "))
            FROM lead_enriched e JOIN leads l ON l.id = e.id
            WHERE l.org_id = ?
            """
        if state { sql += " AND e.state = ?" }
        return dialect.prepare(sql + " ORDER BY e.last_touch_at DESC NULLS LAST, e.id LIMIT ?")
    }

    /// Rows of `voice_insights_calls_v1` for an org, optionally one campaign.
    public func voiceCalls(campaign: Bool) -> String {
        var sql = "SELECT \(VoiceCall.columns.joined(separator: ", ")) FROM voice_insights_calls_v1 WHERE org_id = ?"
        if campaign { sql += " AND campaign_id = ?" }
        return dialect.prepare(sql + " ORDER BY started_at DESC, id DESC LIMIT ?")
    }
}
