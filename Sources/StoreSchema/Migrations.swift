/// One versioned schema change, rendered for a dialect.
public struct Migration: Sendable, Hashable {
    /// Stable id (`v1`); applied ids are recorded, never re-applied.
    public let id: String
    /// Statements, in order (each a single SQL statement).
    public let statements: [String]
}

/// The one logical schema both stores apply: raw SQL, never app types, so old migrations never change.
public enum Migrations {
    /// Every migration, oldest first.
    public static func all(for dialect: SQLDialect) -> [Migration] {
        [
            Migration(id: "v1", statements: v1.map(dialect.render)),
            Migration(id: "v2-api-tokens", statements: v2APITokens.map(dialect.render)),
            Migration(id: "v3-touch-appointment", statements: v3TouchAppointment.map(dialect.render)),
            Migration(id: "v4-client-profile", statements: v4ClientProfile.map(dialect.render)),
        ]
    }

    /// The client's profile (agent, phone, address, links, business hours, senders) and its status
    /// (a paused client sends nothing); secrets every daemon of the database shares (link signing key).
    static let v4ClientProfile: [String] = [
        "ALTER TABLE clients ADD COLUMN profile {json}",
        "ALTER TABLE clients ADD COLUMN status TEXT NOT NULL DEFAULT 'active'",
        """
        CREATE TABLE daemon_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            created_at {ts} NOT NULL
        )
        """,
    ]

    /// The appointment a reminder (200–202) or follow-up (210/220) touch belongs to, as a column of
    /// `touch_runs` (reminders stored before it are linked again through `appointment_notifications`);
    /// and an index on send time for the client-wide throttles.
    static let v3TouchAppointment: [String] = [
        "ALTER TABLE touch_runs ADD COLUMN appointment_id TEXT",
        """
        UPDATE touch_runs SET appointment_id = (
            SELECT n.appointment_id FROM appointment_notifications n WHERE n.org_id = touch_runs.org_id AND n.touch_id = touch_runs.id
        )
        WHERE appointment_id IS NULL
        """,
        "CREATE INDEX touch_runs_by_appointment ON touch_runs (org_id, appointment_id)",
        // The client-wide throttles count what went out in the last hour or day.
        "CREATE INDEX touch_runs_by_sent ON touch_runs (org_id, sent_at)",
    ]

    /// API tokens for the HTTP API: the SHA-256 of each secret, never the secret.
    static let v2APITokens: [String] = [
        """
        CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL REFERENCES orgs(id),
            token_hash TEXT NOT NULL UNIQUE,
            label TEXT,
            created_at {ts} NOT NULL
        )
        """,
        "CREATE INDEX api_tokens_by_org ON api_tokens (org_id)",
    ]

    /// The tables, indexes (each led by `org_id`) and views of issue 4.
    static let v1: [String] = [
        """
        CREATE TABLE orgs (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created_at {ts} NOT NULL
        )
        """,
        """
        CREATE TABLE clients (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL REFERENCES orgs(id),
            name TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            schedule {json},
            allowed_channels {json} NOT NULL,
            tone TEXT,
            limits {json} NOT NULL,
            created_at {ts} NOT NULL,
            UNIQUE (org_id, id)
        )
        """,
        """
        CREATE TABLE playbooks (
            org_id TEXT NOT NULL REFERENCES orgs(id),
            id TEXT NOT NULL,
            created_at {ts} NOT NULL,
            PRIMARY KEY (org_id, id)
        )
        """,
        """
        CREATE TABLE playbook_versions (
            org_id TEXT NOT NULL,
            playbook_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            source_yaml TEXT NOT NULL,
            compiled_json {json} NOT NULL,
            created_at {ts} NOT NULL,
            PRIMARY KEY (org_id, playbook_id, version),
            FOREIGN KEY (org_id, playbook_id) REFERENCES playbooks(org_id, id)
        )
        """,
        "CREATE INDEX playbook_versions_by_hash ON playbook_versions (org_id, content_hash)",
        """
        CREATE TABLE campaigns (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL REFERENCES orgs(id),
            client_id TEXT NOT NULL,
            name TEXT NOT NULL,
            playbook_id TEXT NOT NULL,
            niche TEXT,
            offer TEXT,
            geography TEXT,
            monthly_appointment_target INTEGER,
            status TEXT NOT NULL,
            created_at {ts} NOT NULL,
            UNIQUE (org_id, id),
            FOREIGN KEY (org_id, client_id) REFERENCES clients(org_id, id)
        )
        """,
        "CREATE INDEX campaigns_by_status ON campaigns (org_id, status)",
        """
        CREATE TABLE leads (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL REFERENCES orgs(id),
            campaign_id TEXT,
            first_name TEXT,
            last_name TEXT,
            name TEXT,
            contact_name TEXT,
            company_name TEXT,
            phone TEXT,
            phone_line_type TEXT NOT NULL,
            email TEXT,
            us_state TEXT,
            time_zone TEXT,
            time_zone_source TEXT,
            language TEXT,
            state TEXT NOT NULL,
            created_at {ts} NOT NULL,
            last_activity_at {ts},
            UNIQUE (org_id, id),
            FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns(org_id, id)
        )
        """,
        "CREATE UNIQUE INDEX leads_unique_phone ON leads (org_id, phone) WHERE phone IS NOT NULL",
        "CREATE UNIQUE INDEX leads_unique_email ON leads (org_id, lower(email)) WHERE email IS NOT NULL",
        "CREATE INDEX leads_by_state ON leads (org_id, state, created_at)",
        "CREATE INDEX leads_by_campaign ON leads (org_id, campaign_id, state)",
        """
        CREATE TABLE lead_state_events (
            id {serial},
            org_id TEXT NOT NULL,
            lead_id TEXT NOT NULL,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            reason TEXT NOT NULL,
            at {ts} NOT NULL,
            FOREIGN KEY (org_id, lead_id) REFERENCES leads(org_id, id)
        )
        """,
        "CREATE INDEX lead_state_events_by_lead ON lead_state_events (org_id, lead_id, at)",
        """
        CREATE TABLE touch_runs (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL,
            lead_id TEXT NOT NULL,
            campaign_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            step INTEGER NOT NULL,
            status TEXT NOT NULL,
            scheduled_at {ts} NOT NULL,
            sent_at {ts},
            payload {json} NOT NULL,
            error TEXT,
            attempt INTEGER NOT NULL DEFAULT 0,
            idempotency_key TEXT NOT NULL UNIQUE,
            playbook_hash TEXT NOT NULL,
            lease_owner TEXT,
            lease_expires_at {ts},
            provider_message_id TEXT,
            outcome TEXT,
            duration_seconds INTEGER,
            recording_url TEXT,
            UNIQUE (org_id, id),
            FOREIGN KEY (org_id, lead_id) REFERENCES leads(org_id, id),
            FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns(org_id, id)
        )
        """,
        "CREATE INDEX touch_runs_due ON touch_runs (org_id, status, scheduled_at)",
        "CREATE INDEX touch_runs_leases ON touch_runs (org_id, status, lease_expires_at)",
        "CREATE INDEX touch_runs_by_lead ON touch_runs (org_id, lead_id, sent_at)",
        "CREATE INDEX touch_runs_by_provider_id ON touch_runs (org_id, provider_message_id)",
        """
        CREATE TABLE appointments (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL,
            lead_id TEXT NOT NULL,
            campaign_id TEXT NOT NULL,
            channel TEXT,
            status TEXT NOT NULL,
            outcome TEXT,
            starts_at {ts} NOT NULL,
            time_zone TEXT NOT NULL,
            UNIQUE (org_id, id),
            FOREIGN KEY (org_id, lead_id) REFERENCES leads(org_id, id),
            FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns(org_id, id)
        )
        """,
        "CREATE INDEX appointments_by_start ON appointments (org_id, starts_at)",
        "CREATE INDEX appointments_by_lead ON appointments (org_id, lead_id)",
        """
        CREATE TABLE appointment_notifications (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL,
            appointment_id TEXT NOT NULL,
            step INTEGER NOT NULL,
            remind_at {ts} NOT NULL,
            touch_id TEXT,
            FOREIGN KEY (org_id, appointment_id) REFERENCES appointments(org_id, id),
            FOREIGN KEY (org_id, touch_id) REFERENCES touch_runs(org_id, id)
        )
        """,
        "CREATE INDEX appointment_notifications_by_appointment ON appointment_notifications (org_id, appointment_id, step)",
        """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL,
            lead_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            started_at {ts} NOT NULL,
            last_message_at {ts} NOT NULL,
            UNIQUE (org_id, id),
            UNIQUE (org_id, lead_id, channel),
            FOREIGN KEY (org_id, lead_id) REFERENCES leads(org_id, id)
        )
        """,
        """
        CREATE TABLE messages (
            id TEXT PRIMARY KEY,
            org_id TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            lead_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            direction TEXT NOT NULL,
            body TEXT NOT NULL,
            provider_message_id TEXT,
            touch_id TEXT,
            at {ts} NOT NULL,
            FOREIGN KEY (org_id, conversation_id) REFERENCES conversations(org_id, id)
        )
        """,
        "CREATE INDEX messages_by_conversation ON messages (org_id, conversation_id, at)",
        "CREATE UNIQUE INDEX messages_unique_provider_id ON messages (org_id, provider_message_id) WHERE provider_message_id IS NOT NULL",
        """
        CREATE TABLE director_events (
            id {serial},
            org_id TEXT NOT NULL REFERENCES orgs(id),
            campaign_id TEXT,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL,
            detail {json},
            at {ts} NOT NULL
        )
        """,
        "CREATE INDEX director_events_by_time ON director_events (org_id, at)",
        """
        CREATE TABLE core_memory_events (
            id {serial},
            engine TEXT NOT NULL,
            org_id TEXT,
            campaign_id TEXT,
            lead_id TEXT,
            appointment_id TEXT,
            error_code TEXT,
            message TEXT NOT NULL,
            at {ts} NOT NULL
        )
        """,
        "CREATE INDEX core_memory_events_by_time ON core_memory_events (org_id, at)",
        "CREATE INDEX core_memory_events_by_engine ON core_memory_events (org_id, engine, at)",
        """
        CREATE VIEW lead_enriched AS
        SELECT
            l.id AS id,
            COALESCE(
                NULLIF(l.name, ''),
                NULLIF(TRIM(COALESCE(l.first_name, '') || ' ' || COALESCE(l.last_name, '')), ''),
                NULLIF(l.contact_name, ''),
                NULLIF(l.company_name, '')
            ) AS full_name,
            l.email AS email,
            l.phone AS phone,
            l.state AS state,
            t.sent_at AS last_touch_at,
            l.campaign_id AS campaign_id,
            c.name AS campaign_name,
            t.channel AS channel_last
        FROM leads l
        LEFT JOIN campaigns c ON c.org_id = l.org_id AND c.id = l.campaign_id
        LEFT JOIN touch_runs t ON t.id = (
            SELECT x.id FROM touch_runs x
            WHERE x.org_id = l.org_id AND x.lead_id = l.id AND x.sent_at IS NOT NULL
            ORDER BY x.sent_at DESC, x.id DESC
            LIMIT 1
        )
        """,
        """
        CREATE VIEW voice_insights_calls_v1 AS
        SELECT
            t.id AS id,
            t.org_id AS org_id,
            t.lead_id AS lead_id,
            t.campaign_id AS campaign_id,
            t.status AS status,
            t.duration_seconds AS duration_seconds,
            t.outcome AS outcome,
            t.recording_url AS recording_url,
            t.sent_at AS started_at
        FROM touch_runs t
        WHERE t.channel = 'voice' AND t.sent_at IS NOT NULL
        """,
    ]
}
