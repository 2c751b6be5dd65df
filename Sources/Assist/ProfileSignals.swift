import Foundation
import KnowledgeModel
import TextAnalysis

/// Everything campaign conditions read about a customer and a call: the lifecycle, tags (the
/// profile's plus those learned from the call), "the" vehicle and its signals, the call's
/// intents, entities and sentiment; each with an explanation.
public struct ProfileSignals: Sendable, Hashable {
    public var customerID: String?
    /// lead | new_owner | loyal | at_risk | lapsed (the profile's, else derived).
    public var lifecycle: String?
    public var city: String?
    /// The profile's tags followed by learned ones, distinct.
    public var tags: [String]
    /// Tags learned from this call (`interested_in_ev`, `price_sensitive`, `complained_recently`).
    public var learnedTags: [String]
    public var vehicleCount: Int
    /// The vehicle the call is about: the owned model the conversation names last, else the newest purchase.
    public var vehicle: VehicleSignals?
    /// Every owned vehicle.
    public var vehicles: [VehicleSignals]
    public var conversation: ConversationSignals
    /// The call's clock.
    public var now: Date
    /// Every signal with its explanation (lifecycle, tags, vehicle choice, vehicle and conversation values).
    public var signals: [ProfileSignal]

    /// Derives the signals of `profile` (nil: unknown caller) for the call `context`.
    public static func derive(profile: CustomerProfile?, programs: [VehicleProgram], context: CallContext,
                              rules: ProfileSignalRules = .default) -> ProfileSignals {
        let byModel = Dictionary(programs.map { ($0.model.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        let now = context.now
        let vehicles = (profile?.vehicles ?? []).map { VehicleSignals.derive($0, program: byModel[$0.model.lowercased()], now: now) }
        // A live call's own tally when it was kept under these rules; else the turns, folded once.
        let tally = context.tally.flatMap { $0.rules == rules ? $0 : nil } ?? CallTally(turns: context.turns, rules: rules)
        let conversation = ConversationSignals.derive(tally, context: context)
        var signals: [ProfileSignal] = []

        // The vehicle: the owned model the conversation names last, else the newest purchase.
        var chosen: VehicleSignals?
        for name in tally.namedModels.reversed() where !vehicles.isEmpty {
            if let v = vehicles.first(where: { $0.model.lowercased() == name }) {
                chosen = v
                signals.append(ProfileSignal(name: "vehicle", value: v.model, explanation: "the conversation names the customer's \(v.model)"))
                break
            }
        }
        if chosen == nil, let newest = vehicles.max(by: { ($0.purchased ?? .distantPast) < ($1.purchased ?? .distantPast) }) {
            chosen = newest
            signals.append(ProfileSignal(name: "vehicle", value: newest.model,
                                         explanation: vehicles.count > 1 ? "the most recent purchase of \(vehicles.count) cars" : "the customer's only car"))
        }
        if let chosen { signals += chosen.explanations }

        let (lifecycle, why) = lifecycleOf(profile, vehicles: vehicles, now: now, rules: rules)
        if let lifecycle { signals.append(ProfileSignal(name: "customer.lifecycle", value: lifecycle, explanation: why)) }

        let learned = learnTags(tally, conversation: conversation, programs: byModel)
        var tags = profile?.tags ?? []
        for t in learned where !tags.contains(t.value) { tags.append(t.value) }
        signals += learned
        signals += conversation.explanations

        return ProfileSignals(customerID: profile?.id, lifecycle: lifecycle, city: profile?.city, tags: tags,
                              learnedTags: learned.map(\.value), vehicleCount: vehicles.count, vehicle: chosen,
                              vehicles: vehicles, conversation: conversation, now: now, signals: signals)
    }

    /// The lifecycle: the profile's when given; else no vehicles → `lead`; newest purchase within
    /// `newOwnerMonths` → `new_owner`; a tag of `atRiskTags` → `at_risk`; no car serviced within
    /// `lapsedMonths` (never-serviced cars count from purchase) → `lapsed`; otherwise `loyal`.
    static func lifecycleOf(_ profile: CustomerProfile?, vehicles: [VehicleSignals], now: Date,
                            rules: ProfileSignalRules) -> (String?, String) {
        guard let profile else { return (nil, "unknown caller") }
        if let given = profile.lifecycle, !given.isEmpty { return (given, "from the customer profile") }
        if vehicles.isEmpty { return ("lead", "derived: owns no car") }
        let newest = vehicles.compactMap(\.purchased).max()
        if let newest, ProfileDates.months(from: newest, to: now) < rules.newOwnerMonths {
            return ("new_owner", "derived: newest car bought under \(Int(rules.newOwnerMonths)) months ago")
        }
        if let tag = profile.tags.first(where: { rules.atRiskTags.contains($0) }) {
            return ("at_risk", "derived: tagged '\(tag)'")
        }
        let freshest = vehicles.compactMap(\.monthsSinceService).min()
        if let freshest, freshest > rules.lapsedMonths {
            return ("lapsed", "derived: no car serviced in the last \(Int(rules.lapsedMonths)) months")
        }
        return ("loyal", "derived: owner past the first year, serviced within \(Int(rules.lapsedMonths)) months")
    }

    /// Tags the call teaches: EV interest (an EV model named or an EV intent), price
    /// sensitivity (a price intent or price words), a recent complaint (complaint intent or
    /// negative sentiment).
    static func learnTags(_ tally: CallTally, conversation: ConversationSignals,
                          programs: [String: VehicleProgram]) -> [ProfileSignal] {
        let rules = tally.rules
        var out: [ProfileSignal] = []
        let evModel = tally.customerModels.first {
            programs[$0.name.lowercased()].map { rules.evPowertrains.contains($0.powertrain) } == true
        }
        if let evModel {
            out.append(ProfileSignal(name: "tag", value: "interested_in_ev", explanation: "the customer named the \(evModel.name)"))
        } else if let i = conversation.intents.first(where: { rules.evIntents.contains($0) }) {
            out.append(ProfileSignal(name: "tag", value: "interested_in_ev", explanation: "the customer asked about \(i)"))
        }
        if let i = conversation.intents.first(where: { rules.priceIntents.contains($0) }) {
            out.append(ProfileSignal(name: "tag", value: "price_sensitive", explanation: "the customer asked about \(i)"))
        } else if let t = tally.priceTalkTurn {
            out.append(ProfileSignal(name: "tag", value: "price_sensitive", explanation: "price talk in turn \(t)"))
        }
        if conversation.complained {
            out.append(ProfileSignal(name: "tag", value: "complained_recently", explanation: "complaint intent in this call"))
        } else if conversation.sentiment == "negative" {
            out.append(ProfileSignal(name: "tag", value: "complained_recently", explanation: "negative sentiment in this call"))
        }
        return out
    }

    /// The condition variables' values for this call; `purchaseIntent` fills `purchase_intent`.
    public func environment(purchaseIntent: Double?) -> ConditionEnvironment {
        var env = ConditionEnvironment()
        if let lifecycle { env[.customerLifecycle] = .string(lifecycle) }
        if let city { env[.customerCity] = .string(city) }
        env[.customerTags] = .list(tags)
        env[.customerVehicleCount] = .number(Double(vehicleCount))
        if let v = vehicle {
            env[.vehicleModel] = .string(v.model)
            if let p = v.powertrain { env[.vehiclePowertrain] = .string(p) }
            if let a = v.ageYears { env[.vehicleAgeYears] = .number(a) }
            if let m = v.mileageKm { env[.vehicleMileageKm] = .number(Double(m)) }
            if let k = v.kmToService { env[.vehicleKmToService] = .number(Double(k)) }
            if let m = v.monthsSinceService { env[.vehicleMonthsSinceService] = .number(m) }
            if let w = v.inWarranty { env[.vehicleInWarranty] = .bool(w) }
        }
        env[.conversationIntents] = .list(conversation.intents)
        env[.conversationEntities] = .list(conversation.entities)
        if let s = conversation.sentiment { env[.conversationSentiment] = .string(s) }
        env[.conversationComplained] = .bool(conversation.complained)
        if let l = conversation.language { env[.conversationLanguage] = .string(l) }
        if let c = conversation.channel { env[.conversationChannel] = .string(c) }
        if let purchaseIntent { env[.purchaseIntent] = .number(purchaseIntent) }
        let (month, hour) = ProfileDates.monthAndHour(now)
        env[.nowMonth] = .number(Double(month))
        env[.nowHour] = .number(Double(hour))
        return env
    }
}
