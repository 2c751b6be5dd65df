/// The features of a call the purchase-intent model reads, by name:
/// `bias`, `lifecycle:<stage>`, `intent:<label>` (customer intents), `entity_type:<type>`,
/// `entity:<id>`, `sentiment:negative` / `sentiment:positive`, `complained`, `no_vehicle`, `vehicle_age_5plus`
/// (the car is five years old or more) and `vehicle_age` (years / 10, at most 1).
public enum PurchaseIntentFeatures {
    /// The features of the call described by `signals`.
    public static func extract(_ signals: ProfileSignals) -> [String: Double] {
        var f: [String: Double] = ["bias": 1]
        if let l = signals.lifecycle { f["lifecycle:\(l)"] = 1 }
        for i in signals.conversation.intents { f["intent:\(i)"] = 1 }
        for t in Set(signals.conversation.entityTypes.values) { f["entity_type:\(t)"] = 1 }
        for e in signals.conversation.entities { f["entity:\(e)"] = 1 }
        if let s = signals.conversation.sentiment, s != "neutral" { f["sentiment:\(s)"] = 1 }
        if signals.conversation.complained { f["complained"] = 1 }
        if let age = signals.vehicle?.ageYears {
            f["vehicle_age"] = min(1, max(0, age / 10))
            if age >= 5 { f["vehicle_age_5plus"] = 1 }
        } else if signals.vehicle == nil {
            f["no_vehicle"] = 1
        }
        return f
    }
}

/// Hand-set weights of the purchase-intent logistic model: the rule-based fallback when there
/// are too few outcome-labelled calls, and the prior the learned model is pulled towards.
/// Defaults fit the default knowledge's intent labels; configurable (JSON, a name → weight map).
public struct PurchaseIntentRules: Sendable, Hashable, Codable {
    /// Feature name → weight (log-odds); features not listed weigh 0.
    public var weights: [String: Double]

    /// Creates rules.
    public init(weights: [String: Double]) { self.weights = weights }

    /// Buying signals: price, specs, comparisons, financing, trade-in (+0.6 to +0.8 each), a test
    /// drive asked for (+1.0) or named (+0.8), a named model (+0.4), a lead (+0.5), a car of five
    /// years or more (+0.4); against: negative sentiment (−0.8), a complaint (−1.5). Base −1.2
    /// (p ≈ 0.23).
    public static let `default` = PurchaseIntentRules(weights: [
        "bias": -1.2,
        "entity:service_test_drive": 0.8, "entity:service_home_test_drive": 0.8,
        "lifecycle:lead": 0.5,
        "intent:price_inquiry": 0.6, "intent:compare_models": 0.6, "intent:vehicle_spec": 0.6,
        "intent:financing": 0.8, "intent:trade_in": 0.6, "intent:test_drive": 1.0,
        "entity_type:model": 0.4, "vehicle_age_5plus": 0.4,
        "sentiment:negative": -0.8, "complained": -1.5,
    ])
}
