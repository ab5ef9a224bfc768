import Foundation
import GRDB
import SitrepCore

extension SQLiteEventStore: IngestJournal {
    public func ingest(_ batch: IngestBatch, at: Date) throws -> IngestReport {
        let stamp = Timestamp.format(at)
        return try pool.write { db in
            let apply = Applier(db: db, at: stamp, mentions: mentions)
            for a in batch.articles { try apply.add(a) }
            try apply.finish()
            for q in batch.quarantined {
                try db.execute(sql: """
                    INSERT INTO quarantine (article_id, origin, url, bytes, reason, at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (article_id) DO UPDATE SET reason = excluded.reason, at = excluded.at
                    """, arguments: [q.articleID, q.origin, q.url, q.bytes, q.reason, stamp])
            }
            for id in batch.finished + batch.quarantined.map(\.articleID) {
                try db.execute(sql: "DELETE FROM ingest_pending WHERE article_id = ?", arguments: [id])
            }
            for p in batch.starting {
                try db.execute(sql: """
                    INSERT INTO ingest_pending (article_id, origin, at) VALUES (?, ?, ?)
                    ON CONFLICT (article_id) DO UPDATE SET origin = excluded.origin, at = excluded.at
                    """, arguments: [p.articleID, p.origin, stamp])
            }
            return apply.report
        }
    }

    public func pendingDocuments() throws -> [PendingDocument] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT article_id, origin FROM ingest_pending ORDER BY at, article_id")
                .map { PendingDocument(articleID: $0["article_id"], origin: $0["origin"]) }
        }
    }

    public func quarantinedIDs(_ ids: [String]) throws -> Set<String> {
        try existing(ids, table: "quarantine", column: "article_id")
    }

    public func quarantined() throws -> [QuarantinedDocument] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM quarantine ORDER BY at, article_id").map {
                QuarantinedDocument(articleID: $0["article_id"], origin: $0["origin"], url: $0["url"], bytes: $0["bytes"],
                                    reason: $0["reason"], at: $0["at"])
            }
        }
    }
}
