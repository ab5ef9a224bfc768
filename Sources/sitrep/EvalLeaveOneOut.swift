import ArgumentParser
import Foundation
import SitrepCore
import SitrepEval

/// `sitrep eval acled --leave-one-out FILE…`: each file with sub-event types coded by a model
/// trained on every other file given, then every figure per file, its mean and its worst file.
extension Eval.ACLED {
    func runLeaveOneOut() throws {
        let start = Date()
        let trainer = TypeTrainer()
        let rules = ModelTraining.rulesPipeline()
        func name(_ p: String) -> String { URL(fileURLWithPath: p).lastPathComponent }
        // Every file is loaded and turned into training examples once (as `sitrep train` does);
        // each fold's model is trained on the other files' examples.
        var rowsOf: [String: [ACLEDRow]] = [:]
        var examplesOf: [String: [TypeExample]] = [:]
        var specs: [(path: String, subTyped: Bool)] = []
        for f in files where rowsOf[name(f)] == nil {
            var r = try ACLEDRow.load(URL(fileURLWithPath: f))
            if let limit { r = Array(r.prefix(limit)) }
            rowsOf[name(f)] = r
            examplesOf[name(f)] = ModelTraining.contrastWithinSelection(
                ModelTraining.makeExamples(r, origin: name(f), pipeline: rules, bits: trainer.bits))
            specs.append((f, LeaveOneOut.hasSubEventTypes(r)))
        }
        let examplesSeconds = Date().timeIntervalSince(start)
        let folds = LeaveOneOut.folds(specs)
        guard !folds.isEmpty else { throw ValidationError("no file with sub-event types to leave out") }
        print("sitrep eval acled --leave-one-out\(part.map { " --part \($0.rawValue)" } ?? ""): \(folds.count) folds; training only (no sub-event types): "
            + (specs.filter { !$0.subTyped }.map { name($0.path) }.joined(separator: ", ").nonEmpty ?? "none"))
        // Each file is coded once; the parts are scored from the same outcomes.
        let parts: [ACLEDPart] = part.map { [$0] } ?? [.all, .readout, .report]
        var outcomesOf: [(file: String, outcomes: [ACLEDEvaluation.Outcome])] = []
        for fold in folds {
            let t0 = Date()
            let all = rowsOf[name(fold.test)]!
            let rows = all.filter { (part ?? .all).includes($0) }
            guard !rows.isEmpty else {
                print("- \(name(fold.test)): no \(part?.rawValue ?? "")-part rows, left out")
                continue
            }
            let m = trainer.train(fold.train.flatMap { examplesOf[name($0)]! })
            // ACLED names regime periods as of its export: each file as of its own latest row.
            let asOf = namesAsOf ?? all.compactMap(\.date).max()
            let outcomes = ACLEDEvaluation(pipeline: Pipeline(actorNamesAsOf: asOf, typeModel: m)).run(rows)
            outcomesOf.append((name(fold.test), outcomes))
            print("- \(name(fold.test)): \(rows.count) of \(all.count) rows coded, model trained on \(fold.train.map(name).joined(separator: " ")) (\(String(format: "%.1f", Date().timeIntervalSince(t0))) s)")
        }
        for p in parts {
            let chosen = outcomesOf.map { f in (file: f.file, outcomes: f.outcomes.filter { p.includes($0.row) }) }.filter { !$0.outcomes.isEmpty }
            let perFile = chosen.map { (file: $0.file, metrics: ACLEDEvaluation.metrics($0.outcomes)) }
            let pooled = ACLEDEvaluation.metrics(chosen.flatMap(\.outcomes))
            let clean = chosen.filter { !ACLEDPart.readBefore.contains($0.file) }
            let pooledClean = clean.count == chosen.count || clean.isEmpty ? nil : ACLEDEvaluation.metrics(clean.flatMap(\.outcomes))
            print("\npart: \(p.rawValue) (eval/ACLED-PARTS.md)")
            print(Self.leaveOneOutTable(perFile, pooled: pooled, pooledClean: pooledClean))
        }
        print("\nseconds: \(String(format: "%.1f", Date().timeIntervalSince(start))) (training examples \(String(format: "%.1f", examplesSeconds)))")
    }

    /// Figures down, files across, then the mean and the worst file.
    /// `pooled` scores every file's rows together; `pooledClean` leaves out the files read before
    /// the parts were fixed (`ACLEDPart.readBefore`).
    static func leaveOneOutTable(_ perFile: [(file: String, metrics: [(name: String, value: Double)])],
                                 pooled: [(name: String, value: Double)], pooledClean: [(name: String, value: Double)]?) -> String {
        func short(_ f: String) -> String {
            var s = f
            if s.hasPrefix("acled-") { s.removeFirst(6) }
            if s.hasSuffix(".csv") { s.removeLast(4) }
            return String(s.prefix(12))
        }
        func cell(_ s: String, _ w: Int = 13) -> String { String(repeating: " ", count: max(1, w - s.count)) + s }
        func fmt(_ name: String, _ v: Double) -> String { name == "rows" ? String(Int(v)) : String(format: "%.4f", v) }
        let summary = LeaveOneOut.summary(perFile)
        var out = ["\n" + "figure".padding(toLength: 30, withPad: " ", startingAt: 0) + perFile.map { cell(short($0.file)) }.joined()
                   + cell("mean") + cell("worst") + cell("pooled") + (pooledClean == nil ? "" : cell("pooled-clean")) + "  worst file"]
        for s in summary {
            let cells = perFile.map { f in f.metrics.first { $0.name == s.name }.map { cell(fmt(s.name, $0.value)) } ?? cell("-") }
            let label = s.name == "rows" ? "(mean column: sum)" : s.worstFile
            out.append(s.name.padding(toLength: 30, withPad: " ", startingAt: 0) + cells.joined() + cell(fmt(s.name, s.mean))
                       + cell(s.name == "rows" ? "-" : fmt(s.name, s.worst))
                       + cell(pooled.first { $0.name == s.name }.map { fmt(s.name, $0.value) } ?? "-")
                       + (pooledClean.map { pc in cell(pc.first { $0.name == s.name }.map { fmt(s.name, $0.value) } ?? "-") } ?? "")
                       + "  " + label)
        }
        return out.joined(separator: "\n")
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
