/// The SQL dialect a schema or statement is rendered for.
public enum SQLDialect: String, Sendable, CaseIterable {
    case sqlite, postgres

    /// Column type for instants: SQLite stores GRDB's sortable UTC text, PostgreSQL `timestamptz`.
    var timestamp: String { self == .sqlite ? "TEXT" : "TIMESTAMPTZ" }
    /// Column type for JSON documents.
    var json: String { self == .sqlite ? "TEXT" : "JSONB" }
    /// Column type for 64-bit integers.
    var bigint: String { self == .sqlite ? "INTEGER" : "BIGINT" }
    /// An auto-assigned 64-bit primary key.
    var serialKey: String { self == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY" }

    /// Row locks for claims: PostgreSQL skips rows another claimer holds; SQLite has one writer
    /// (`BEGIN IMMEDIATE`) so it needs none.
    var skipLocked: String { self == .sqlite ? "" : "FOR UPDATE SKIP LOCKED" }
    /// Locks the selected row until commit (PostgreSQL); SQLite's write transaction already does.
    var forUpdate: String { self == .sqlite ? "" : "FOR UPDATE" }
    /// The larger of two values.
    var greatest: String { self == .sqlite ? "max" : "GREATEST" }

    /// Renders a template: `{ts}`, `{json}`, `{bigint}`, `{serial}`, `{skip_locked}`, `{for_update}`
    /// and `{greatest}` become this dialect's spelling.
    public func render(_ template: String) -> String {
        template
            .replacingOccurrences(of: "{ts}", with: timestamp)
            .replacingOccurrences(of: "{json}", with: json)
            .replacingOccurrences(of: "{bigint}", with: bigint)
            .replacingOccurrences(of: "{serial}", with: serialKey)
            .replacingOccurrences(of: "{skip_locked}", with: skipLocked)
            .replacingOccurrences(of: "{for_update}", with: forUpdate)
            .replacingOccurrences(of: "{greatest}", with: greatest)
    }

    /// Renders a statement template and numbers its `?` placeholders `$1, $2 …` for PostgreSQL.
    /// Templates never hold `?` inside string literals.
    public func prepare(_ template: String) -> String {
        let rendered = render(template)
        guard self == .postgres else { return rendered }
        var out = ""
        out.reserveCapacity(rendered.count + 16)
        var n = 0
        for ch in rendered {
            if ch == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
