import Foundation
import Testing
@testable import SitrepCore
@testable import SitrepEval

/// The event-type model: features, training, the model file. Sentences are written for these tests.
struct ModelTests {
    static let rules = Pipeline(typeModel: nil)
    static let day = CivilDate(year: 2021, month: 3, day: 9)

    static func features(_ text: String, bits: Int = 14) -> [UInt32] {
        let doc = rules.analyse(Article(body: .text(text), published: day, origin: "test"))
        return TypeFeatures.extract(doc, tokens: 0..<doc.tokens.count, rule: nil, bits: bits)
    }

    @Test func placesAreAbstractedSoTownNamesDoNotMatter() {
        let a = Self.features("Soldiers shelled Mogadishu on Monday.")
        let b = Self.features("Soldiers shelled Kismayo on Monday.")
        #expect(Set(a) == Set(b))
        #expect(Set(a) != Set(Self.features("Soldiers bombed Kismayo on Monday.")))
    }

    @Test func numbersBecomeTheirMagnitude() {
        #expect(TypeFeatures.magnitude("7") == "#1")
        #expect(TypeFeatures.magnitude("42") == "#2")
        #expect(TypeFeatures.magnitude("1,200") == "#4")
    }

    static let training: [(String, SubEventType)] = [
        ("Hundreds of teachers marched through the town to demand unpaid salaries.", .peacefulProtest),
        ("Nurses held a sit-in outside the ministry to demand better pay.", .peacefulProtest),
        ("Students gathered at the university gate to denounce fee increases.", .peacefulProtest),
        ("Traders staged a march against new market taxes.", .peacefulProtest),
        ("Militants planted a roadside bomb that hit a police patrol.", .remoteExplosiveLandmineIED),
        ("A landmine exploded under a farmer's cart on a rural track.", .remoteExplosiveLandmineIED),
        ("An improvised device went off beside a military convoy.", .remoteExplosiveLandmineIED),
        ("A roadside explosive destroyed a truck carrying soldiers.", .remoteExplosiveLandmineIED),
    ]

    static func trainSmall() -> TypeModel {
        var trainer = TypeTrainer()
        trainer.bits = 14
        trainer.epochs = 30
        trainer.learningRate = 0.5
        let examples = training.map { TypeExample(buckets: features($0.0), allowed: [$0.1], origin: "tests") }
        return trainer.train(examples, header: [("data", "tests.csv rows=8"), ("attribution", "sentences written for the tests")])
    }

    @Test func trainedModelTellsProtestsFromBombsInUnseenSentences() {
        let model = Self.trainSmall()
        #expect(model.rank(Self.features("Teachers marched to demand their salaries."))[0].type == .peacefulProtest)
        #expect(model.rank(Self.features("A roadside bomb hit a military truck."))[0].type == .remoteExplosiveLandmineIED)
        let p = model.probabilities(Self.features("A roadside bomb hit a military truck."))
        #expect(abs(p.reduce(0, +) - 1) < 0.001)
    }

    @Test func anExportDrawnByOneEventTypeIsContrastedWithinThatType() {
        let air = TypeExample(buckets: [1, 2], allowed: [.airDroneStrike], origin: "a")
        let ied = TypeExample(buckets: [1, 3], allowed: [.remoteExplosiveLandmineIED], origin: "a")
        let clash = TypeExample(buckets: [1, 4], allowed: [.armedClash], origin: "a")
        // 199 explosions and 1 clash: 99.5 % of one type, drawn by it.
        let drawn = Array(repeating: air, count: 100) + Array(repeating: ied, count: 99) + [clash]
        #expect(ModelTraining.selectedType(drawn) == .explosions)
        let contrasted = ModelTraining.contrastWithinSelection(drawn)
        #expect(contrasted[0].contrast == TrainingLabels.family(.explosions))
        #expect(contrasted[199].contrast == nil)
        // A mixed export, or a small one, is taken as it is.
        let mixed = Array(repeating: air, count: 150) + Array(repeating: clash, count: 60)
        #expect(ModelTraining.selectedType(mixed) == nil)
        #expect(ModelTraining.selectedType(Array(drawn.prefix(150))) == nil)

        // What the region's shared word (bucket 1) teaches: with contrast it says nothing about the
        // family against battles, without it it says "explosion".
        var trainer = TypeTrainer()
        trainer.bits = 8
        trainer.epochs = 10
        let battles = Array(repeating: TypeExample(buckets: [5, 6], allowed: [.armedClash], origin: "b"), count: 200)
        func explosionShare(_ examples: [TypeExample]) -> Float {
            let p = trainer.train(examples + battles).probabilities([1, 6])
            return zip(TypeTrainer.classes, p).filter { $0.0.eventType == .explosions }.reduce(0) { $0 + $1.1 }
        }
        #expect(explosionShare(contrasted) < explosionShare(drawn))
    }

    @Test func modelFileKeepsWeightsAndProvenance() throws {
        let model = Self.trainSmall()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-model-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let back = try TypeModel.load(url)
        #expect(back.trainingFiles == ["tests.csv"])
        #expect(back.value("attribution") == "sentences written for the tests")
        #expect(back.support(of: .peacefulProtest) == 4)
        let f = Self.features("Traders marched against taxes.")
        #expect(zip(model.probabilities(f), back.probabilities(f)).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func modelOfAnotherFeatureSetIsRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-model-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try Self.trainSmall().write(to: url)
        var data = try Data(contentsOf: url)
        let text = String(decoding: data.prefix(200), as: UTF8.self)
        let patched = text.replacingOccurrences(of: "features: \(TypeFeatures.version)\n", with: "features: 99\n")
        data.replaceSubrange(0..<200, with: Data(patched.utf8))
        #expect(throws: TypeModel.FormatError.self) { try TypeModel.parse(data, origin: "patched") }
        #expect(throws: TypeModel.FormatError.self) { try TypeModel.parse(Data("not a model".utf8), origin: "junk") }
    }

    @Test func oldSchemaTypesMapOntoModernOnesOrOnlyTheirFamily() {
        #expect(TrainingLabels.allowed(eventType: "Battle-No change of territory", subEventType: "") == [.armedClash])
        #expect(TrainingLabels.allowed(eventType: "Battle-Government regains territory", subEventType: "") == [.governmentRegainsTerritory])
        #expect(TrainingLabels.allowed(eventType: "Battles", subEventType: "Armed clash") == [.armedClash])
        let remote = TrainingLabels.allowed(eventType: "Remote violence", subEventType: "") ?? []
        #expect(remote.count == 6 && remote.allSatisfy { $0.eventType == .explosions })
        let riotsProtests = Set(TrainingLabels.allowed(eventType: "Riots/Protests", subEventType: "") ?? [])
        #expect(riotsProtests.contains(.peacefulProtest) && riotsProtests.contains(.mobViolence))
        #expect(TrainingLabels.allowed(eventType: "Something else", subEventType: "") == nil)
    }

    @Test func bundledModelSaysWhatItWasTrainedOnAndUnderWhichTerms() throws {
        let model = try #require(TypeModel.bundled)
        #expect(!model.trainingFiles.isEmpty)
        #expect(!model.trainingFiles.contains("acled-2022h1-global.csv"))
        #expect(model.value("attribution")?.contains("ACLED") == true)
        #expect(model.value("license")?.contains("non-commercial") == true)
    }
}
