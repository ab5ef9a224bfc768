import Testing
@testable import SitrepCore

/// The one decision between the codebook rules and the trained model.
struct TypeDecisionTests {
    /// A model whose only relevant facts are how many rows of each type it saw.
    static func model(support: [SubEventType: Int]) -> TypeModel {
        let k = SubEventType.allCases.count
        return TypeModel(classes: SubEventType.allCases, bits: 8, bias: Array(repeating: 0, count: k),
                         scale: Array(repeating: 1, count: k), weights: Array(repeating: 0, count: 256 * k),
                         support: SubEventType.allCases.map { support[$0] ?? 0 }, header: [])
    }

    static let common = model(support: [.attack: 900, .armedClash: 900, .shellingArtilleryMissileAttack: 500, .chemicalWeapon: 0])

    @Test func withoutAModelTheRulesDecide() {
        let d = TypeDecision.decide(rule: .grenade, ruleStrength: 1, ranked: nil, model: nil)
        #expect(d.type == .grenade)
    }

    @Test func whereTrainingDataIsThinTheCodebookDecides() {
        let d = TypeDecision.decide(rule: .chemicalWeapon, ruleStrength: 1,
                                    ranked: [(.shellingArtilleryMissileAttack, 0.9), (.chemicalWeapon, 0.05)], model: Self.common)
        #expect(d.type == .chemicalWeapon)
        // Nor does the model's guess at a type it barely saw override the rules.
        let e = TypeDecision.decide(rule: .attack, ruleStrength: 1, ranked: [(.chemicalWeapon, 0.9), (.attack, 0.05)], model: Self.common)
        #expect(e.type == .attack)
    }

    @Test func aConfidentModelOverridesTheRulesOnCommonTypes() {
        let d = TypeDecision.decide(rule: .attack, ruleStrength: 1, ranked: [(.armedClash, 0.8), (.attack, 0.15)], model: Self.common)
        #expect(d.type == .armedClash)
    }

    @Test func anUnsureModelLeavesTheRulesTypeWhenTheCuesAreStrong() {
        let d = TypeDecision.decide(rule: .attack, ruleStrength: 1, ranked: [(.armedClash, 0.4), (.attack, 0.35)], model: Self.common)
        #expect(d.type == .attack)
    }

    @Test func weakCuesAndAnUnsureModelAbstain() {
        let d = TypeDecision.decide(rule: .attack, ruleStrength: 0.5, ranked: [(.armedClash, 0.4), (.attack, 0.35)], model: Self.common)
        #expect(d.type == nil)
        #expect(d.reason.hasPrefix("abstained"))
    }

    @Test func aClearRemoteWeaponIsNotOverruledByTheModelsAttack() {
        // Codebook hierarchy: shelling that killed civilians stays shelling, the civilians its target.
        let strong = TypeDecision.decide(rule: .shellingArtilleryMissileAttack, ruleStrength: 1,
                                         ranked: [(.attack, 0.8), (.shellingArtilleryMissileAttack, 0.1)], model: Self.common)
        #expect(strong.type == .shellingArtilleryMissileAttack)
        // A weak cue ("hit") leaves the decision to a confident model.
        let weak = TypeDecision.decide(rule: .shellingArtilleryMissileAttack, ruleStrength: 0.5,
                                       ranked: [(.attack, 0.8), (.shellingArtilleryMissileAttack, 0.1)], model: Self.common)
        #expect(weak.type == .attack)
    }
}
