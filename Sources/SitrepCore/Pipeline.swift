/// The whole data flow for one document: clean → analyse → code.
///
/// A `Pipeline` is immutable and `Sendable`, so one instance serves every thread.
public struct Pipeline: Sendable {
    public let resolver: PlaceResolver
    public let actors: ActorMatcher
    public let coder: DocumentCoder

    /// Metadata for documents that carry none of their own (`--published`, `--source`).
    public var defaultPublished: CivilDate?
    public var defaultSource: String?
    /// What one document may cost (size and time); `run(within:)` applies the time budget.
    public var limits = DocumentLimits.standard

    /// `actorNamesAsOf` names state actors' regime periods as ACLED did on that day ("(2018-)" for a
    /// period still open then); nil names them as of the dictionary's data.
    /// `typeModel` is the event-type model weighed against the rules (default: the bundled one; nil: rules only).
    public init(defaultPublished: CivilDate? = nil, defaultSource: String? = nil, actorNamesAsOf: CivilDate? = nil,
                typeModel: TypeModel? = TypeModel.bundled) {
        self.defaultPublished = defaultPublished
        self.defaultSource = defaultSource
        let dictionary = actorNamesAsOf.map { ActorDictionary(namesAsOf: $0) } ?? .shared
        resolver = PlaceResolver()
        actors = ActorMatcher(dictionary: dictionary)
        coder = DocumentCoder(resolver: resolver, dictionary: dictionary, typeModel: typeModel)
    }

    /// Builds now what the stages would otherwise build on first use, for runs over many documents.
    public func prepareForBatch() {
        resolver.gazetteer.prepareSoundalikes()
    }

    /// What the pipeline made of one document.
    public struct Result: Sendable {
        public var doc: Doc
        /// Recorded events first, then those the codebook would not record (with `droppedReason`).
        public var events: [CodedEvent]
        /// One line each, naming the document: what was done to it to keep it within the limits.
        public var warnings: [String] = []

        public var recorded: [CodedEvent] { events.filter { $0.droppedReason == nil } }
        /// Events the codebook would record but for a date the document does not give.
        public var droppedForNoDate: Int { events.filter { $0.droppedReason == CodedEvent.noDateReason }.count }
    }

    /// Cleaning: the page read into its parts, and the text Sitrep codes (within the size limit).
    public func clean(_ article: Article) -> Doc {
        var warnings: [String] = []
        return clean(article, warnings: &warnings)
    }

    func clean(_ article: Article, warnings: inout [String]) -> Doc {
        // The cleaner needs a year to resolve a dateline such as "BEIRUT, Dec 15 (AFP)".
        var withDefaults = limitedInput(article, warnings: &warnings)
        if withDefaults.published == nil { withDefaults.published = defaultPublished }
        var clean = Cleaner.clean(withDefaults)
        limitText(&clean, origin: article.origin, warnings: &warnings)
        let id = article.id ?? "doc-" + EventID.hash(clean.text).prefix(16)
        return Doc(articleID: id, origin: article.origin, title: article.title ?? clean.title,
                   published: article.published ?? clean.datelineDate ?? clean.pageDate ?? defaultPublished,
                   source: article.source ?? clean.source ?? defaultSource,
                   url: article.url, clean: clean)
    }

    /// Cleaning and analysis: every mention layer of the document filled in.
    public func analyse(_ article: Article) -> Doc {
        var warnings: [String] = []
        return analyse(article, warnings: &warnings) { _ in }
    }

    /// `checkpoint` runs after each stage with the stage's name: it may stop the document.
    func analyse<E: Error>(_ article: Article, warnings: inout [String],
                           checkpoint: (String) throws(E) -> Void) throws(E) -> Doc {
        var doc = clean(article, warnings: &warnings)
        try checkpoint("cleaning")
        // Every layer is kept in text order: later stages look mentions up by binary search.
        doc.dates = DateExtractor.extract(doc).sorted { $0.span < $1.span }
        doc.casualties = CasualtyExtractor.extract(doc).sorted { $0.span < $1.span }
        doc.sources = NewsSources.shared.find(doc)
        try checkpoint("dates and casualties")
        let (places, focus) = resolver.resolve(doc)
        // "the Mehr news agency reported": an outlet's name is no place.
        doc.places = SpeakerNames.withoutSpeakers(places.filter { p in !doc.sources.contains { $0.span.overlaps(p.span) } }, in: doc)
            .sorted { $0.span < $1.span }
        doc.focusCountry = focus
        try checkpoint("places")
        doc.actors = Self.withoutReporters(actors.find(doc, country: focus, date: doc.published), sources: doc.sources, focus: focus)
            .sorted { $0.span < $1.span }
        doc.source = Self.reportSource(doc)
        doc.triggers = coder.triggers.layer(doc)
        try checkpoint("actors")
        return doc
    }

    /// Who reports is not who acted: a news agency's or outlet's name ("(AFP)", "told AFP") is never
    /// an actor, unless the sentence makes it an armed force ("AFP troops"), or it names one of the
    /// country's own forces where no credit is given ("the AFP said" in a Philippine report).
    static func withoutReporters(_ actors: [ActorMention], sources: [SourceMention], focus: String?) -> [ActorMention] {
        guard !sources.isEmpty else { return actors }
        return actors.filter { a in
            guard let s = sources.first(where: { $0.span.overlaps(a.span) }) else { return true }
            if s.isAgentive { return true }
            return !s.isCredit && a.actor.country != nil && a.actor.country == focus
        }
    }

    /// The report's source: the outlet, then the agencies it credits ("Voice of America; AFP").
    static func reportSource(_ doc: Doc) -> String? {
        var parts = doc.source.map { [$0] } ?? []
        let credited = doc.clean.credits + doc.sources.filter(\.isCredit).map(\.shortName)
        for c in credited where !parts.contains(where: { $0.localizedCaseInsensitiveContains(c) }) { parts.append(c) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The whole pipeline within the size limit, with no time limit.
    public func run(_ article: Article) -> Result {
        run(article) { _ in }
    }

    /// The whole pipeline within `limits`: a document over the time budget fails with a
    /// `DocumentError` that names it.
    public func runWithinLimits(_ article: Article) throws(DocumentError) -> Result {
        guard let seconds = limits.maxSeconds else { return run(article) }
        let deadline = Deadline(seconds: seconds)
        return try run(article) { (stage: String) throws(DocumentError) in try deadline.check(after: stage, origin: article.origin) }
    }

    func run<E: Error>(_ article: Article, checkpoint: (String) throws(E) -> Void) throws(E) -> Result {
        FaultHook.check(article)
        var warnings: [String] = []
        let doc = try analyse(article, warnings: &warnings, checkpoint: checkpoint)
        // Recorded events first, in the order the text reports them: a report leads with its main
        // event (the inverted pyramid), and what follows adds the arrests, motives and earlier
        // attacks around it. `Result.recorded.first` is thus the report's lead event.
        let events = coder.code(doc).sorted { a, b in
            (a.droppedReason == nil ? 0 : 1, a.reportedAt, -a.confidence) < (b.droppedReason == nil ? 0 : 1, b.reportedAt, -b.confidence)
        }
        return Result(doc: doc, events: events, warnings: warnings)
    }

    /// The article with its body cut to what the limits read: markup to `markupFactor` times the
    /// text limit, text to the limit itself.
    func limitedInput(_ article: Article, warnings: inout [String]) -> Article {
        var a = article
        switch article.body {
        case .text(let t):
            if let (cut, boundary) = TextCut.cut(t, limit: limits.maxTextBytes) {
                a.body = .text(cut)
                warnings.append(cutWarning(article.origin, from: t.utf8.count, to: cut.utf8.count, at: boundary))
            }
        case .html(let h):
            let limit = limits.maxTextBytes.multipliedReportingOverflow(by: DocumentLimits.markupFactor)
            if !limit.overflow, let (cut, boundary) = TextCut.cutMarkup(h, limit: limit.partialValue) {
                a.body = .html(cut)
                warnings.append(cutWarning(article.origin, from: h.utf8.count, to: cut.utf8.count, at: boundary))
            }
        }
        return a
    }

    /// Cleaned text over the limit (markup that held more text than the limit) cut to it.
    func limitText(_ clean: inout CleanText, origin: String, warnings: inout [String]) {
        guard let (cut, boundary) = TextCut.cut(clean.text, limit: limits.maxTextBytes) else { return }
        warnings.append(cutWarning(origin, from: clean.text.utf8.count, to: cut.utf8.count, at: boundary))
        clean.text = cut
    }

    func cutWarning(_ origin: String, from: Int, to: Int, at boundary: TextCut.Boundary) -> String {
        "\(origin): cut from \(TextCut.size(from)) to \(TextCut.size(to)) at a \(boundary.rawValue) boundary: "
            + "longer than the \(TextCut.size(limits.maxTextBytes)) a document may hold"
    }
}
