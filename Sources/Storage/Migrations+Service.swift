import GRDB

extension Migrations {
    /// "v6-service": closed conversations (their summary and QA scorecard, by agent) and the
    /// ticket outbox. A ticket is written in the same transaction as its conversation's close, so a
    /// crash can lose neither; delivery to the webhook then only ever changes its status.
    static func registerService(_ m: inout DatabaseMigrator) {
        m.registerMigration("v6-service") { db in
            try db.execute(sql: """
                CREATE TABLE calls (
                    id TEXT PRIMARY KEY,
                    closed_at REAL NOT NULL,
                    agent_id TEXT,
                    customer_id TEXT,
                    source TEXT NOT NULL,
                    score REAL,
                    summary TEXT NOT NULL,
                    scorecard TEXT NOT NULL,
                    ticket_id TEXT
                );
                CREATE INDEX calls_agent ON calls(agent_id, closed_at);
                CREATE INDEX calls_closed ON calls(closed_at);
                CREATE TABLE tickets (
                    id TEXT PRIMARY KEY,
                    call_id TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    department TEXT NOT NULL,
                    priority TEXT NOT NULL,
                    body TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at REAL,
                    last_error TEXT,
                    delivered_at REAL
                );
                CREATE INDEX tickets_due ON tickets(status, next_attempt_at);
                """)
        }
    }

    /// "v7-question-sentiment": each logged question keeps its sentiment label (the dashboard's mix).
    static func registerQuestionSentiment(_ m: inout DatabaseMigrator) {
        m.registerMigration("v7-question-sentiment") { db in
            try db.execute(sql: "ALTER TABLE questions ADD COLUMN sentiment TEXT")
        }
    }

    /// Which version of the importers read each document (`Document.readerVersion`); documents
    /// stored before it were read by version 1.
    static func registerReaderVersion(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-document-reader-version") { db in
            try db.execute(sql: "ALTER TABLE documents ADD COLUMN reader_version INTEGER NOT NULL DEFAULT 1")
        }
    }
}
