/// The value kinds of the condition language.
public enum ConditionValueType: String, Sendable, Hashable {
    case number, string, bool, list
}

/// A value a condition reads or writes: a number, a string, a truth value or a list of strings.
public enum ConditionValue: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([String])

    /// The value's kind.
    public var type: ConditionValueType {
        switch self {
        case .number: .number
        case .string: .string
        case .bool: .bool
        case .list: .list
        }
    }

    /// As written in a condition: `3.5`, `'E7'`, `true`, `['a','b']`.
    public var description: String {
        switch self {
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(format2(n))
        case .string(let s): "'\(s)'"
        case .bool(let b): b ? "true" : "false"
        case .list(let l): "[" + l.map { "'\($0)'" }.joined(separator: ",") + "]"
        }
    }

    private func format2(_ n: Double) -> String {
        let r = (n * 100).rounded() / 100
        return String(r)
    }
}

/// The fixed set of variables a campaign condition may read (Knowledge/README.md, "Campaign
/// condition language"). Any other name is rejected when the condition is parsed.
public enum ConditionVariable: String, Sendable, Hashable, CaseIterable {
    case customerLifecycle = "customer.lifecycle"
    case customerCity = "customer.city"
    case customerTags = "customer.tags"
    case customerVehicleCount = "customer.vehicle_count"
    case vehicleModel = "vehicle.model"
    case vehiclePowertrain = "vehicle.powertrain"
    case vehicleAgeYears = "vehicle.age_years"
    case vehicleMileageKm = "vehicle.mileage_km"
    case vehicleKmToService = "vehicle.km_to_service"
    case vehicleMonthsSinceService = "vehicle.months_since_service"
    case vehicleInWarranty = "vehicle.in_warranty"
    case conversationIntents = "conversation.intents"
    case conversationEntities = "conversation.entities"
    case conversationSentiment = "conversation.sentiment"
    case conversationComplained = "conversation.complained"
    case conversationLanguage = "conversation.language"
    case conversationChannel = "conversation.channel"
    case purchaseIntent = "purchase_intent"
    case nowMonth = "now.month"
    case nowHour = "now.hour"

    /// The kind of value the variable holds.
    public var type: ConditionValueType {
        switch self {
        case .customerTags, .conversationIntents, .conversationEntities: .list
        case .customerVehicleCount, .vehicleAgeYears, .vehicleMileageKm, .vehicleKmToService,
             .vehicleMonthsSinceService, .purchaseIntent, .nowMonth, .nowHour: .number
        case .vehicleInWarranty, .conversationComplained: .bool
        default: .string
        }
    }
}

/// The values of the condition variables for one call; a variable without a value (no vehicle
/// known, no service recorded) makes every comparison that reads it false.
public struct ConditionEnvironment: Sendable, Hashable {
    /// The known values.
    public var values: [ConditionVariable: ConditionValue]

    /// Creates an environment.
    public init(_ values: [ConditionVariable: ConditionValue] = [:]) { self.values = values }

    /// The value of `variable`, nil when unknown.
    public subscript(_ variable: ConditionVariable) -> ConditionValue? {
        get { values[variable] }
        set { values[variable] = newValue }
    }
}
