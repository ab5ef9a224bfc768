import GRDB

/// The store's schema as versioned migrations. The SQL is kept portable (TEXT/INTEGER/REAL/BLOB
/// columns, ISO dates as text, ids assigned by the store, no SQLite-only functions in queries) so
/// the PostgreSQL store can run the same statements, with BYTEA for BLOB.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1: articles, mentions, events, merge links, revisions, deletions") { db in
            for sql in v1 { try db.execute(sql: sql) }
        }
        m.registerMigration("v2: event indexes end in id, the paging tie-break") { db in
            for sql in v2 { try db.execute(sql: sql) }
        }
        // An unknown or deleted id on `/api/events/{id}` is answered from this index, not by
        // reading the whole deletion feed.
        m.registerMigration("v3: deletions by event id") { db in
            try db.execute(sql: "CREATE INDEX deletions_event ON deletions(event_id, id)")
        }
        m.registerMigration("v4: documents being coded, and documents set aside") { db in
            for sql in v4 { try db.execute(sql: sql) }
        }
        return m
    }

    static let v1 = [
        // One row per input version: `id` is the content hash; a newer version at the same url
        // supersedes the old one, `sitrep retract` withdraws one. Copies share `story_id`.
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY, seq INTEGER NOT NULL, url TEXT, source TEXT, title TEXT, published TEXT,
            origin TEXT NOT NULL, language TEXT NOT NULL, status TEXT NOT NULL, story_id TEXT NOT NULL,
            superseded_by TEXT, status_reason TEXT, bytes INTEGER NOT NULL, text TEXT NOT NULL,
            signature BLOB NOT NULL, ingested_at TEXT NOT NULL, status_at TEXT)
        """,
        "CREATE INDEX articles_url ON articles(url)",
        "CREATE INDEX articles_story ON articles(story_id)",
        // MinHash LSH bands: articles sharing a band are candidate copies.
        "CREATE TABLE article_bands (band INTEGER NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, article_id))",
        """
        CREATE TABLE mentions (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL, ordinal INTEGER NOT NULL, event_id TEXT,
            published TEXT, source TEXT, event_date TEXT NOT NULL, time_precision INTEGER NOT NULL,
            date_explicit INTEGER NOT NULL, sub_event_type TEXT NOT NULL, event_type TEXT NOT NULL,
            actor1 TEXT, inter1 INTEGER, actor1_country TEXT, actor2 TEXT, inter2 INTEGER, actor2_country TEXT,
            assoc_actors TEXT NOT NULL, civilian_targeting INTEGER NOT NULL, iso INTEGER, country TEXT NOT NULL,
            admin1 TEXT NOT NULL, admin2 TEXT NOT NULL, location TEXT NOT NULL, latitude REAL NOT NULL,
            longitude REAL NOT NULL, geo_precision INTEGER NOT NULL, fatalities INTEGER NOT NULL,
            fatalities_low INTEGER NOT NULL, fatalities_high INTEGER NOT NULL, has_toll INTEGER NOT NULL,
            claimed_fatalities INTEGER, claimed_by TEXT, confidence REAL NOT NULL, notes TEXT NOT NULL)
        """,
        "CREATE INDEX mentions_block ON mentions(country, event_type, event_date)",
        "CREATE INDEX mentions_article ON mentions(article_id)",
        "CREATE INDEX mentions_event ON mentions(event_id)",
        """
        CREATE TABLE evidence (
            mention_id TEXT NOT NULL, seq INTEGER NOT NULL, field TEXT NOT NULL, utf8_start INTEGER NOT NULL,
            utf8_end INTEGER NOT NULL, cp_start INTEGER NOT NULL, cp_end INTEGER NOT NULL, text TEXT NOT NULL,
            PRIMARY KEY (mention_id, seq))
        """,
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY, event_date TEXT NOT NULL, year INTEGER NOT NULL, time_precision INTEGER NOT NULL,
            disorder_type TEXT NOT NULL, event_type TEXT NOT NULL, sub_event_type TEXT NOT NULL,
            actor1 TEXT, inter1 INTEGER, actor1_country TEXT, actor2 TEXT, inter2 INTEGER, actor2_country TEXT,
            assoc_actors TEXT NOT NULL, actor_names TEXT NOT NULL, civilian_targeting INTEGER NOT NULL,
            iso INTEGER, country TEXT NOT NULL, admin1 TEXT NOT NULL, admin2 TEXT NOT NULL, location TEXT NOT NULL,
            latitude REAL NOT NULL, longitude REAL NOT NULL, geo_precision INTEGER NOT NULL,
            fatalities INTEGER NOT NULL, fatalities_low INTEGER NOT NULL, fatalities_high INTEGER NOT NULL,
            claimed_fatalities INTEGER, claimed_by TEXT, sources TEXT NOT NULL, source_count INTEGER NOT NULL,
            article_count INTEGER NOT NULL, mention_count INTEGER NOT NULL, confidence REAL NOT NULL,
            notes TEXT NOT NULL, anchor_mention TEXT NOT NULL, anchor_article TEXT NOT NULL,
            version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        // The query benchmark's shape (country + type + date range) and its looser variants.
        "CREATE INDEX events_country_type_date ON events(country, event_type, event_date)",
        "CREATE INDEX events_country_date ON events(country, event_date)",
        "CREATE INDEX events_type_date ON events(event_type, event_date)",
        "CREATE INDEX events_date ON events(event_date)",
        "CREATE INDEX events_updated ON events(updated_at)",
        """
        CREATE TABLE merge_links (
            event_id TEXT NOT NULL, mention_id TEXT NOT NULL, linked_to TEXT NOT NULL, rule TEXT NOT NULL,
            score REAL NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (event_id, mention_id, linked_to))
        """,
        """
        CREATE TABLE revisions (
            id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, version INTEGER NOT NULL, at TEXT NOT NULL,
            kind TEXT NOT NULL, reason TEXT NOT NULL, changes TEXT NOT NULL)
        """,
        "CREATE INDEX revisions_event ON revisions(event_id, version)",
        "CREATE INDEX revisions_at ON revisions(at)",
        """
        CREATE TABLE deletions (
            id INTEGER PRIMARY KEY, event_id TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NOT NULL, replaced_by TEXT)
        """,
        "CREATE INDEX deletions_at ON deletions(at)",
    ]

    /// Pages are sorted by (date, id) or (fatalities, id): with `id` last in the index, a filtered page
    /// is read in index order and stops after `limit` rows instead of sorting every match.
    static let v2 = [
        "DROP INDEX events_country_type_date",
        "DROP INDEX events_country_date",
        "DROP INDEX events_type_date",
        "DROP INDEX events_date",
        "CREATE INDEX events_country_type_date ON events(country, event_type, event_date, id)",
        "CREATE INDEX events_country_date ON events(country, event_date, id)",
        "CREATE INDEX events_type_date ON events(event_type, event_date, id)",
        "CREATE INDEX events_date ON events(event_date, id)",
    ]

    /// An ingest run lists the documents it is about to code before coding them (`ingest_pending`)
    /// and takes them off in the transaction that stores them: what a dead run leaves listed is what
    /// it was coding. Documents whose coding failed are kept apart in `quarantine`.
    static let v4 = [
        "CREATE TABLE ingest_pending (article_id TEXT PRIMARY KEY, origin TEXT NOT NULL, at TEXT NOT NULL)",
        """
        CREATE TABLE quarantine (
            article_id TEXT PRIMARY KEY, origin TEXT NOT NULL, url TEXT, bytes INTEGER NOT NULL, reason TEXT NOT NULL,
            at TEXT NOT NULL)
        """,
    ]

    /// Columns that record the wall clock: left out of dumps, which compare content.
    static let clockColumns: Set<String> = ["ingested_at", "status_at", "created_at", "updated_at", "at"]

    /// Tables and their ordering keys, for dumps.
    static let dumpOrder: [(String, String)] = [
        ("articles", "id"), ("article_bands", "band, article_id"), ("mentions", "id"), ("evidence", "mention_id, seq"),
        ("events", "id"), ("merge_links", "event_id, mention_id, linked_to"), ("revisions", "id"), ("deletions", "id"),
        ("quarantine", "article_id"),
    ]
}
