import Assist
import Foundation
import KnowledgeModel

/// Campaigns (`/v1/campaigns`) and customer profiles (`/v1/customers`) edited through the API
/// (see `Engine+EditRecords`): a campaign whose condition does not parse is refused with the
/// offset; a customer is shown with the signals derived from the profile.
extension Engine {
    // MARK: Campaigns

    public func listCampaigns() throws(EngineError) -> [EditableRecord<Campaign>] { try listRecords(Self.campaignsKind) }

    /// - Throws: `campaign_not_found` (404).
    public func campaign(_ id: String) throws(EngineError) -> EditableRecord<Campaign> { try record(Self.campaignsKind, id) }

    /// - Throws: `invalid_condition` / `invalid_campaign` (400), `campaign_exists` (409).
    public func createCampaign(_ c: Campaign) throws(EngineError) -> EditableRecord<Campaign> {
        try Self.checkCampaign(c)
        return try createRecord(Self.campaignsKind, c)
    }

    /// - Throws: 400 as `createCampaign`, `campaign_not_found` (404), `not_editable` (409).
    public func updateCampaign(_ id: String, _ c: Campaign) throws(EngineError) -> EditableRecord<Campaign> {
        try Self.checkCampaign(c)
        return try updateRecord(Self.campaignsKind, id, c)
    }

    public func deleteCampaign(_ id: String) throws(EngineError) { try deleteRecord(Self.campaignsKind, id) }

    static func checkCampaign(_ c: Campaign) throws(EngineError) {
        do { _ = try CampaignCondition.parse(c.condition) } catch {
            throw EngineError.badRequest("invalid_condition", "condition: \(error)")
        }
        guard c.value.isFinite, c.value >= 0 else { throw EngineError.badRequest("invalid_campaign", "value: must be a number ≥ 0; got \(c.value)") }
        guard !c.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw EngineError.badRequest("invalid_campaign", "name: must not be empty") }
        for (field, day) in [("valid_from", c.validFrom), ("valid_to", c.validTo)] {
            if let day, !isDay(day) { throw EngineError.badRequest("invalid_campaign", "\(field): expected a date yyyy-MM-dd; got '\(day)'") }
        }
        if let from = c.validFrom, let to = c.validTo, from > to {
            throw EngineError.badRequest("invalid_campaign", "valid_from: \(from) is after valid_to \(to)")
        }
    }

    static func isDay(_ s: String) -> Bool {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return s.count == 10 && f.date(from: s) != nil
    }

    // MARK: Customers

    /// Customer profiles, by document and file order, at most `limit` from `offset`.
    public func listCustomers(limit: Int = 100, offset: Int = 0) throws(EngineError) -> (total: Int, customers: [EditableRecord<CustomerProfile>]) {
        let all = try listRecords(Self.customersKind)
        let from = min(max(offset, 0), all.count)
        return (all.count, Array(all[from...].prefix(max(limit, 0))))
    }

    /// A customer with the signals derived from the profile (no conversation).
    /// - Throws: `customer_not_found` (404).
    public func customer(_ id: String) throws(EngineError) -> CustomerView {
        let r = try record(Self.customersKind, id)
        let signals = ProfileSignals.derive(profile: r.item, programs: try vehiclePrograms(), context: CallContext(turns: []),
                                            rules: assist.profileSignals)
        let intent = purchaseIntentModel().score(signals)
        return CustomerView(profile: r.item, lifecycle: signals.lifecycle, learnedTags: signals.learnedTags,
                            signals: signals.signals + (signals.vehicle?.explanations ?? []), purchaseIntent: intent.probability,
                            purchaseIntentSource: intent.source.rawValue, documentID: r.documentID, editable: r.editable)
    }

    /// - Throws: `invalid_customer` (400), `customer_exists` (409).
    public func createCustomer(_ p: CustomerProfile) throws(EngineError) -> CustomerView {
        try Self.checkCustomer(p)
        _ = try createRecord(Self.customersKind, p)
        return try customer(p.id)
    }

    /// - Throws: 400 as `createCustomer`, `customer_not_found` (404), `not_editable` (409).
    public func updateCustomer(_ id: String, _ p: CustomerProfile) throws(EngineError) -> CustomerView {
        try Self.checkCustomer(p)
        _ = try updateRecord(Self.customersKind, id, p)
        return try customer(id)
    }

    public func deleteCustomer(_ id: String) throws(EngineError) { try deleteRecord(Self.customersKind, id) }

    static func checkCustomer(_ p: CustomerProfile) throws(EngineError) {
        guard !p.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw EngineError.badRequest("invalid_customer", "name: must not be empty") }
        if let l = p.lifecycle, !["lead", "new_owner", "loyal", "at_risk", "lapsed"].contains(l) {
            throw EngineError.badRequest("invalid_customer", "lifecycle: must be lead, new_owner, loyal, at_risk or lapsed; got '\(l)'")
        }
        for (i, v) in p.vehicles.enumerated() {
            guard !v.model.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw EngineError.badRequest("invalid_customer", "vehicles[\(i)].model: must not be empty") }
            for (field, day) in [("purchase_date", v.purchaseDate), ("last_service_date", v.lastServiceDate)] {
                if let day, !isDay(day) { throw EngineError.badRequest("invalid_customer", "vehicles[\(i)].\(field): expected a date yyyy-MM-dd; got '\(day)'") }
            }
            if let km = v.mileageKm, km < 0 { throw EngineError.badRequest("invalid_customer", "vehicles[\(i)].mileage_km: must be ≥ 0") }
        }
    }
}
