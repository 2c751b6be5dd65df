import Foundation

/// The vehicle a ticket is about.
public struct TicketVehicle: Sendable, Hashable, Codable {
    public var model: String?
    public var trim: String?
    public var vin: String?
    /// `profile` (the customer's record) or `call` (named in the call).
    public var source: String

    public init(model: String?, trim: String? = nil, vin: String? = nil, source: String) {
        self.model = model; self.trim = trim; self.vin = vin; self.source = source
    }
}

/// The structured fields of a ticket.
public struct TicketFields: Sendable, Hashable, Codable {
    public var vehicle: TicketVehicle?
    /// Fault and warning-light entities named in the call (canonical names).
    public var faults: [String]
    /// The dealer named in the call, else the first dealer of the customer's city.
    public var dealer: String?
    /// `call` or `profile_city` when a dealer is set.
    public var dealerSource: String?

    public init(vehicle: TicketVehicle? = nil, faults: [String] = [], dealer: String? = nil, dealerSource: String? = nil) {
        self.vehicle = vehicle; self.faults = faults; self.dealer = dealer; self.dealerSource = dealerSource
    }

    enum CodingKeys: String, CodingKey {
        case vehicle, faults, dealer, dealerSource = "dealer_source"
    }
}

/// A ticket drafted from a call, for an agent to confirm.
public struct TicketDraft: Sendable, Hashable, Codable {
    /// The intent, e.g. `report_fault` (`general` without one).
    public var category: String
    /// The first fault or warning-light entity id, when there is one.
    public var subcategory: String?
    public var priority: TicketPriority
    public var priorityReasons: [String]
    /// The best department id.
    public var department: String
    /// The top three departments with softmax confidences (sum ≤ 1).
    public var departments: [DepartmentScore]
    public var routingEvidence: [String]
    public var fields: TicketFields
    public var title: String
    /// The summary's text.
    public var description: String
    public var outcome: CallOutcome
    /// Why a ticket is needed.
    public var reason: String
    /// The turns the draft rests on, ascending.
    public var sourceTurns: [Int]
    public var language: String

    enum CodingKeys: String, CodingKey {
        case category, subcategory, priority, priorityReasons = "priority_reasons", department, departments, routingEvidence = "routing_evidence", fields, title, description, outcome, reason, sourceTurns = "source_turns", language
    }
}
