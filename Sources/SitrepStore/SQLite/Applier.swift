import Foundation
import GRDB
import SitrepCore

/// Applies articles to the store inside one write transaction: stores them, links copies into
/// stories, re-clusters the reports they touch and records every change to an event as a revision.
///
/// The articles of a batch are stored first and re-clustered together by `finish()`: clustering
/// depends on the set of mentions only, so this gives the events one-at-a-time application gives,
/// while a component that many articles of the batch touch is explored once, not once per article.
/// A revision then records what the batch (one transaction) changed, naming the reports behind it.
final class Applier {
    let db: Database
    let at: String
    var report = IngestReport()
    private var signatures: [String: MinHashSignature] = [:]
    /// Mentions stored by this batch and not yet clustered, by id.
    private var pending: [String: Mention] = [:]
    /// Events whose reports this batch withdrew (their remaining reports are in `pending`).
    private var previous = Set<String>()
    /// Why each article of the batch changed events, for revisions.
    private var articleReason: [String: String] = [:]
    /// Why an event of `previous` lost reports.
    private var eventReason: [String: String] = [:]
    /// Stored mentions already decoded, by this batch or earlier ones.
    private let decoded: MentionCache
    /// The event each stored mention read by this batch belongs to (nil: none yet).
    private var storedEvent: [String: String?] = [:]
    private var nextRevision: Int
    private var nextDeletion: Int
    private var nextSeq: Int
    /// Widest date window in which two mentions can match (month precision, ±15 days).
    static let window = 15

    init(db: Database, at: String, mentions: MentionCache) {
        self.db = db
        self.at = at
        decoded = mentions
        nextRevision = ((try? Int.fetchOne(db, sql: "SELECT MAX(id) FROM revisions")) ?? nil).map { $0 + 1 } ?? 1
        nextDeletion = ((try? Int.fetchOne(db, sql: "SELECT MAX(id) FROM deletions")) ?? nil).map { $0 + 1 } ?? 1
        nextSeq = ((try? Int.fetchOne(db, sql: "SELECT MAX(seq) FROM articles")) ?? nil).map { $0 + 1 } ?? 1
    }

    // MARK: articles

    func add(_ a: ExtractedArticle) throws {
        // The same content again changes nothing (idempotent re-ingest).
        if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM articles WHERE id = ?"), arguments: [a.id]) != nil {
            report.articlesUnchanged += 1
            return
        }
        var reason = "report \(a.id) (\(a.source ?? "unknown source")) added"
        // A new version of an article at the same url replaces what the old one contributed.
        if let url = a.url, !url.isEmpty,
           let old = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM articles WHERE url = ? AND status = 'active' AND id <> ? ORDER BY seq DESC"),
                                         arguments: [url, a.id]) {
            reason = "report \(old) revised by its new version \(a.id) (same url)"
            try withdrawMentions(of: old, reason: reason)
            try db.execute(sql: "UPDATE articles SET status = 'superseded', superseded_by = ?, status_reason = ?, status_at = ? WHERE id = ?",
                           arguments: [a.id, "new version at the same url", at, old])
            report.articlesSuperseded += 1
        }
        let story = try storyOf(a)
        try db.execute(sql: """
            INSERT INTO articles (id, seq, url, source, title, published, origin, language, status, story_id, bytes, text, signature, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)
            """, arguments: [a.id, nextSeq, a.url, a.source, a.title, a.published?.description, a.origin, a.language,
                             story, a.bytes, a.text, a.signature.data, at])
        nextSeq += 1
        signatures[a.id] = a.signature
        let band = try db.cachedStatement(sql: "INSERT INTO article_bands (band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        for key in a.signature.bandKeys { try band.execute(arguments: [key, a.id]) }
        let insertMention = try db.cachedStatement(sql: Rows.insertMentionSQL)
        let insertEvidence = try db.cachedStatement(sql: "INSERT INTO evidence (mention_id, seq, field, utf8_start, utf8_end, cp_start, cp_end, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for (m, ev) in zip(a.mentions, a.evidence) {
            try insertMention.execute(arguments: Rows.mentionArguments(m, eventID: nil))
            for (i, e) in ev.enumerated() {
                try insertEvidence.execute(arguments: [m.id, i, e.field, e.utf8Start, e.utf8End, e.start, e.end, e.text])
            }
        }
        report.articlesAdded += 1
        report.mentionsAdded += a.mentions.count
        for m in a.mentions { pending[m.id] = m }
        articleReason[a.id] = reason
    }

    /// Re-clusters everything the batch touched. Call once, after the last `add`.
    func finish() throws {
        guard !pending.isEmpty || !previous.isEmpty else { return }
        try recluster(seeds: pending.values.sorted { $0.id < $1.id }, previous: previous)
        pending = [:]
        previous = []
        storedEvent = [:]
        articleReason = [:]
        eventReason = [:]
    }

    func retract(_ idOrURL: String, reason: String) throws {
        guard let id = try String.fetchOne(db, sql: """
            SELECT id FROM articles WHERE (id = ? OR url = ?) AND status = 'active' ORDER BY seq DESC
            """, arguments: [idOrURL, idOrURL]) else { throw StoreError.noSuchArticle(idOrURL) }
        try withdrawMentions(of: id, reason: "report \(id) withdrawn: \(reason)")
        try db.execute(sql: "UPDATE articles SET status = 'withdrawn', status_reason = ?, status_at = ? WHERE id = ?",
                       arguments: [reason, at, id])
        report.articlesWithdrawn += 1
        try finish()
    }

    /// Removes an article's mentions; the reports left in the events they belonged to join the
    /// batch's mentions to re-cluster, and those events are marked as changed for `reason`.
    private func withdrawMentions(of article: String, reason: String) throws {
        let events = Set(try String.fetchAll(db, sql: "SELECT DISTINCT event_id FROM mentions WHERE article_id = ? AND event_id IS NOT NULL",
                                             arguments: [article]))
        try db.execute(sql: "DELETE FROM evidence WHERE mention_id IN (SELECT id FROM mentions WHERE article_id = ?)", arguments: [article])
        try db.execute(sql: "DELETE FROM mentions WHERE article_id = ?", arguments: [article])
        // An earlier version stored by this same batch is not clustered yet: it just leaves.
        pending = pending.filter { $0.value.articleID != article }
        decoded.removeAll(ofArticle: article)
        for e in events.sorted() {
            for m in try Row.fetchAll(db, sql: "SELECT \(Rows.mentionColumns) FROM mentions WHERE event_id = ?", arguments: [e]).map(Rows.mention) {
                pending[m.id] = m
            }
            previous.insert(e)
            eventReason[e] = eventReason[e].map { $0 + "; " + reason } ?? reason
        }
    }

    /// Why a cluster changed: the reports of this batch among its members, and the withdrawals
    /// from the events its members came from.
    private func reason(for members: [Mention], formerEvents: Set<String>) -> String {
        var parts: [String] = []
        var seen = Set<String>()
        for m in members {
            if let r = articleReason[m.articleID], seen.insert(r).inserted { parts.append(r) }
        }
        for e in formerEvents.sorted() {
            if let r = eventReason[e], seen.insert(r).inserted { parts.append(r) }
        }
        return parts.isEmpty ? "re-clustered with the reports of this batch" : parts.joined(separator: "; ")
    }

    /// Copies (near-duplicate texts) share a story: the smallest article id among them, so the
    /// story id does not depend on which copy came first.
    private func storyOf(_ a: ExtractedArticle) throws -> String {
        let keys = a.signature.bandKeys
        let candidates = try String.fetchAll(db.cachedStatement(sql: "SELECT DISTINCT article_id FROM article_bands WHERE band IN ("
            + keys.map { _ in "?" }.joined(separator: ",") + ") ORDER BY article_id"), arguments: StatementArguments(keys))
        var stories = Set<String>()
        for c in candidates {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT story_id, signature, status FROM articles WHERE id = ?"), arguments: [c]),
                  let sig = MinHashSignature(data: row["signature"]) else { continue }
            signatures[c] = sig
            let status: String = row["status"]
            if status == "active", sig.similarity(a.signature) >= MinHashSignature.nearDuplicateThreshold {
                stories.insert(row["story_id"])
            }
        }
        guard !stories.isEmpty else { return a.id }
        report.nearDuplicates += 1
        let story = (stories.min()! < a.id) ? stories.min()! : a.id
        for s in stories where s != story {
            try db.execute(sql: "UPDATE articles SET story_id = ? WHERE story_id = ?", arguments: [story, s])
        }
        return story
    }

    // MARK: clustering

    private func signature(_ article: String) throws -> MinHashSignature? {
        if let s = signatures[article] { return s }
        guard let d = try Data.fetchOne(db.cachedStatement(sql: "SELECT signature FROM articles WHERE id = ?"), arguments: [article]),
              let s = MinHashSignature(data: d) else { return nil }
        signatures[article] = s
        return s
    }

    func similarity(_ a: String, _ b: String) -> Double {
        guard let x = try? signature(a), let y = try? signature(b) else { return 0 }
        return x.similarity(y)
    }

    /// Mentions that could be merged with `m`: its block (country, event type), dates within reach
    /// (`m`'s tolerance or a week-precision partner's; month-precision partners reach ±15 days) and
    /// places within reach (the widest distance rule, or the same province).
    private func candidates(_ m: Mention) throws -> [Mention] {
        let stmt = try db.cachedStatement(sql: """
            SELECT id, event_id FROM mentions
            WHERE country = ? AND event_type = ? AND article_id <> ?
              AND ((event_date >= ? AND event_date <= ?) OR (time_precision = 3 AND event_date >= ? AND event_date <= ?))
              AND ((latitude >= ? AND latitude <= ? AND longitude >= ? AND longitude <= ?) OR admin1 = ?)
            """)
        let near = max(m.dayTolerance, 3), far = max(m.dayTolerance, Applier.window)
        let km = EventMatcher.maxKm.values.max()!
        let dLat = km / 110.0, dLon = km / (110.0 * max(0.1, cos(m.latitude * .pi / 180)))
        let rows = try Row.fetchAll(stmt, arguments: [
            m.country, m.eventType.rawValue, m.articleID,
            m.eventDate.adding(days: -near).description, m.eventDate.adding(days: near).description,
            m.eventDate.adding(days: -far).description, m.eventDate.adding(days: far).description,
            m.latitude - dLat, m.latitude + dLat, m.longitude - dLon, m.longitude + dLon, m.admin1,
        ])
        // Neighbourhoods overlap: a mention is decoded once, not once per neighbour and batch.
        let byID = try db.cachedStatement(sql: "SELECT \(Rows.mentionColumns) FROM mentions WHERE id = ?")
        return try rows.compactMap { row in
            let id: String = row[0]
            storedEvent[id] = row[1] as String?
            if let c = decoded[id] { return c }
            guard let row = try Row.fetchOne(byID, arguments: [id]) else { return nil }
            let mention = Rows.mention(row)
            decoded.insert(mention)
            return mention
        }
    }

    /// Re-clusters the component of the match graph around `seeds` and reconciles the events:
    /// new clusters become events, changed ones get a revision, vanished ones are deleted.
    private func recluster(seeds: [Mention], previous: Set<String>) throws {
        var pairs = Set<MentionPair>()
        let component = try EventClustering.component(seeds: seeds) { m in
            try candidates(m).filter {
                guard EventMatcher.match(m, $0, textSimilarity: similarity(m.articleID, $0.articleID)) != nil else { return false }
                pairs.insert(MentionPair(m.id, $0.id))
                return true
            }
        }
        var oldIDs = previous
        var currentEvent: [String: String] = [:]
        var membersOf: [String: Int] = [:]
        let eventOf = try db.cachedStatement(sql: "SELECT event_id FROM mentions WHERE id = ?")
        for m in component {
            let known = storedEvent[m.id]
            if let e = try known ?? String.fetchOne(eventOf, arguments: [m.id]) {
                currentEvent[m.id] = e
                membersOf[e, default: 0] += 1
                oldIDs.insert(e)
            }
        }
        let clusters = EventClustering.cluster(component, pairs: pairs) { similarity($0, $1) }
        var newIDs: [String: String] = [:]  // anchor-independent: mention id → new event id
        var reasons: [String: String] = [:]
        for cluster in clusters {
            let former = Set(cluster.members.compactMap { currentEvent[$0.id] })
            // The reports of a stored event, exactly, and none withdrawn: the event is as stored
            // (its fields derive from its members only).
            if former.count == 1, let e = former.first, !previous.contains(e), membersOf[e] == cluster.members.count,
               cluster.members.allSatisfy({ currentEvent[$0.id] != nil }) {
                for m in cluster.members { newIDs[m.id] = e }
                continue
            }
            let event = CanonicalBuilder.build(cluster)
            let why = reason(for: cluster.members, formerEvents: former)
            reasons[event.id] = why
            for m in cluster.members { newIDs[m.id] = event.id }
            try save(event, cluster: cluster, currentEvent: currentEvent, reason: why)
        }
        let kept = Set(newIDs.values)
        for old in oldIDs.sorted() where !kept.contains(old) {
            guard let anchor = try String.fetchOne(db, sql: "SELECT anchor_mention FROM events WHERE id = ?", arguments: [old])
            else { continue }
            let successor = newIDs[anchor]
            try db.execute(sql: "DELETE FROM events WHERE id = ?", arguments: [old])
            try db.execute(sql: "DELETE FROM merge_links WHERE event_id = ?", arguments: [old])
            let cause = eventReason[old] ?? successor.flatMap { reasons[$0] } ?? "re-clustered with the reports of this batch"
            let why = successor.map { "\(cause); its reports now form event \($0)" } ?? "\(cause); no report left"
            try revision(old, version: nil, kind: "deleted", reason: why, changes: [])
            try db.execute(sql: "INSERT INTO deletions (id, event_id, at, reason, replaced_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [nextDeletion, old, at, why, successor])
            nextDeletion += 1
            report.eventsDeleted += 1
        }
    }

    private func save(_ event: CanonicalEvent, cluster: Cluster, currentEvent: [String: String], reason: String) throws {
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Rows.eventColumns) FROM events WHERE id = ?"), arguments: [event.id])
        if let row = existing {
            let old = Rows.event(row)
            if old != event {
                let version: Int = row["version"]
                let created: String = row["created_at"]
                try db.cachedStatement(sql: "DELETE FROM events WHERE id = ?").execute(arguments: [event.id])
                try db.cachedStatement(sql: Rows.insertEventSQL).execute(arguments: Rows.eventArguments(event, version: version + 1, createdAt: created, updatedAt: at))
                try revision(event.id, version: version + 1, kind: "updated", reason: reason, changes: event.changes(since: old))
                report.eventsUpdated += 1
            }
        } else {
            let version = (try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(version) FROM revisions WHERE event_id = ?"), arguments: [event.id])) ?? 0
            try db.cachedStatement(sql: Rows.insertEventSQL).execute(arguments: Rows.eventArguments(event, version: version + 1, createdAt: at, updatedAt: at))
            let blank = CanonicalEvent.blank
            try revision(event.id, version: version + 1, kind: "created", reason: reason, changes: event.changes(since: blank))
            report.eventsCreated += 1
        }
        let setEvent = try db.cachedStatement(sql: "UPDATE mentions SET event_id = ? WHERE id = ?")
        for m in cluster.members where currentEvent[m.id] != event.id { try setEvent.execute(arguments: [event.id, m.id]) }
        // The trail: replaced whole, so it always describes the current members.
        // (A deleted event's links went with it: an event not stored has none.)
        let stored = existing == nil ? [] : try Row.fetchAll(db.cachedStatement(sql: "SELECT mention_id, linked_to, detail FROM merge_links WHERE event_id = ? ORDER BY mention_id, linked_to"),
                                                             arguments: [event.id]).map { r -> MergeLink? in
            Rows.decodeEvidence(r["detail"]).map { MergeLink(mention: r["mention_id"], linkedTo: r["linked_to"], evidence: $0) }
        }
        if stored != cluster.links.map({ Optional($0) }) {
            try db.execute(sql: "DELETE FROM merge_links WHERE event_id = ?", arguments: [event.id])
            let link = try db.cachedStatement(sql: "INSERT INTO merge_links (event_id, mention_id, linked_to, rule, score, detail) VALUES (?, ?, ?, ?, ?, ?)")
            for l in cluster.links {
                try link.execute(arguments: [event.id, l.mention, l.linkedTo, l.evidence.rule, l.evidence.score, Rows.encodeEvidence(l.evidence)])
            }
        }
    }

    /// Records a change; `version` is the event's new version when the caller knows it.
    private func revision(_ event: String, version: Int?, kind: String, reason: String, changes: [FieldChange]) throws {
        let version = try version
            ?? ((Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(version) FROM revisions WHERE event_id = ?"), arguments: [event])) ?? 0) + 1
        try db.cachedStatement(sql: "INSERT INTO revisions (id, event_id, version, at, kind, reason, changes) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [nextRevision, event, version, at, kind, reason, Rows.encodeChanges(changes)])
        nextRevision += 1
    }
}

extension CanonicalEvent {
    /// An event with every field empty: what a created event changed from.
    static var blank: CanonicalEvent {
        CanonicalEvent(id: "", eventDate: CivilDate(year: 1, month: 1, day: 1), timePrecision: .day, subEventType: .other,
                       actor1: nil, assocActor1: [], actor2: nil, assocActor2: [], civilianTargeting: false, iso: nil,
                       country: "", admin1: "", admin2: "", location: "", latitude: 0, longitude: 0, geoPrecision: 0,
                       fatalities: 0, fatalitiesLow: 0, fatalitiesHigh: 0, claimedFatalities: nil, claimedBy: nil,
                       sources: [], articleCount: 0, mentionCount: 0, confidence: 0, notes: "", anchorMention: "",
                       anchorArticle: "")
    }
}
