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
        m.registerMigration("v3-graph") { db in
            // The knowledge graph. Entities are the lexicon after editors' changes (rewritten
            // whenever either changes); relations are unique (subject, type, object, attribute)
            // and exist while at least one provenance row (a chunk of a document) supports them;
            // sentences hold each sentence's entity set for co-occurrence statistics; edits are
            // the audit log of editors' changes, replayed over every rebuild.
            try db.execute(sql: """
                CREATE TABLE graph_entities (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    origin TEXT NOT NULL
                );
                CREATE TABLE graph_aliases (
                    entity_id TEXT NOT NULL REFERENCES graph_entities(id) ON DELETE CASCADE,
                    alias TEXT NOT NULL,
                    PRIMARY KEY (entity_id, alias)
                );
                CREATE TABLE graph_relations (
                    id INTEGER PRIMARY KEY,
                    subject TEXT NOT NULL,
                    type TEXT NOT NULL,
                    object TEXT NOT NULL,
                    attribute TEXT NOT NULL DEFAULT '',
                    method TEXT NOT NULL,
                    UNIQUE (subject, type, object, attribute)
                );
                CREATE TABLE graph_provenance (
                    relation_id INTEGER NOT NULL REFERENCES graph_relations(id) ON DELETE CASCADE,
                    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    chunk_id TEXT NOT NULL,
                    confidence REAL NOT NULL,
                    ordinal INTEGER NOT NULL,
                    PRIMARY KEY (relation_id, chunk_id)
                );
                CREATE INDEX graph_provenance_document ON graph_provenance(document_id);
                CREATE TABLE graph_sentences (
                    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
                    chunk_id TEXT NOT NULL,
                    ordinal INTEGER NOT NULL,
                    entities TEXT NOT NULL
                );
                CREATE INDEX graph_sentences_document ON graph_sentences(document_id);
                CREATE TABLE graph_edits (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    op TEXT NOT NULL,
                    edit TEXT NOT NULL
                );
                """)
        }
        m.registerMigration("v4-access") { db in
            // API keys (only the SHA-256 of each key's secret) and the audit log of write
            // requests: who (the key's name), what (method and path), which target, and the status.
            try db.execute(sql: """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    key_hash TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target TEXT,
                    status INTEGER NOT NULL,
                    detail TEXT
                );
                """)
        }
        registerFeedback(&m)
        registerService(&m)
        registerQuestionSentiment(&m)
        registerReaderVersion(&m)
        return m
    }
}
