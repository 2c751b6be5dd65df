import GRDB

extension Migrations {
    /// "v5-feedback": the questions log (every answered or handed-off question), agents' and
    /// users' feedback, and hit counters (how often a document, FAQ or chunk was an answer's
    /// source or the top search hit). Nothing here references `documents`: the log outlives the
    /// knowledge it was answered from.
    static func registerFeedback(_ m: inout DatabaseMigrator) {
        m.registerMigration("v5-feedback") { db in
            try db.execute(sql: """
                CREATE TABLE questions (
                    id TEXT PRIMARY KEY,
                    at REAL NOT NULL,
                    session TEXT,
                    channel TEXT,
                    text TEXT NOT NULL,
                    answered INTEGER NOT NULL,
                    confidence REAL NOT NULL,
                    handoff INTEGER NOT NULL,
                    intent TEXT,
                    sources TEXT NOT NULL DEFAULT '[]'
                );
                CREATE INDEX questions_at ON questions(at);
                CREATE INDEX questions_session ON questions(session, at);
                CREATE TABLE feedback (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    session TEXT,
                    target TEXT,
                    question_id TEXT,
                    text TEXT,
                    edited_text TEXT,
                    customer_text TEXT,
                    rating INTEGER,
                    actor TEXT
                );
                CREATE INDEX feedback_at ON feedback(at);
                CREATE TABLE hits (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    via TEXT NOT NULL,
                    count INTEGER NOT NULL,
                    last_at REAL NOT NULL,
                    PRIMARY KEY (kind, id, via)
                );
                """)
        }
    }
}
