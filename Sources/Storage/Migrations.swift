import GRDB

/// Forward-only, named migrations. Never edit a migration that has shipped: add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-documents-chunks") { db in
            try db.execute(sql: """
                CREATE TABLE documents (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL,
                    format TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    byte_count INTEGER NOT NULL,
                    imported_at REAL NOT NULL,
                    tags TEXT NOT NULL DEFAULT '[]'
                );
                CREATE TABLE chunks (
                    id TEXT PRIMARY KEY,
                    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    title TEXT NOT NULL,
                    section_path TEXT NOT NULL,
                    text TEXT NOT NULL,
                    faq_id TEXT,
                    question TEXT,
                    similar TEXT NOT NULL DEFAULT '[]',
                    tags TEXT NOT NULL DEFAULT '[]'
                );
                CREATE INDEX chunks_document ON chunks(document_id, ordinal);
                CREATE TABLE faqs (
                    id TEXT PRIMARY KEY,
                    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    question TEXT NOT NULL,
                    similar TEXT NOT NULL,
                    answer TEXT NOT NULL,
                    tags TEXT NOT NULL
                );
                CREATE INDEX faqs_document ON faqs(document_id);
                CREATE TABLE intent_examples (
                    rowid INTEGER PRIMARY KEY,
                    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    label TEXT NOT NULL
                );
                CREATE INDEX intent_examples_document ON intent_examples(document_id);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                """)
        }
        m.registerMigration("v2-records") { db in
            // Typed knowledge records (replies, lexicon, campaigns, rules, customers,
            // transcripts, ...) stored as JSON of their KnowledgeModel type, keyed by kind.
            try db.execute(sql: """
                CREATE TABLE records (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    json TEXT NOT NULL,
                    PRIMARY KEY (kind, id)
                );
                CREATE INDEX records_document ON records(document_id);
                """)
        }
        return m
    }
}
