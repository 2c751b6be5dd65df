import Foundation
import KnowledgeModel

/// One signal with the reason it has its value, for agents and for "why this offer".
public struct ProfileSignal: Sendable, Hashable, Codable {
    /// The signal's name, e.g. `vehicle.km_to_service` or `tag:price_sensitive`.
    public var name: String
    /// Its value as text.
    public var value: String
    /// How it was derived, in one sentence.
    public var explanation: String
}

/// What a customer's vehicle means for offers: age, mileage, service and warranty state.
/// Any value may be nil when the profile or the model's program lacks what it needs.
public struct VehicleSignals: Sendable, Hashable {
    public var model: String
    /// fuel | hev | phev | ev, from the model's `VehicleProgram`.
    public var powertrain: String?
    /// Years since purchase.
    public var ageYears: Double?
    public var mileageKm: Int?
    /// Km until the next service by distance (negative = overdue).
    public var kmToService: Int?
    /// Months since the last service (since purchase when never serviced).
    public var monthsSinceService: Double?
    /// Within the basic warranty by both age and mileage.
    public var inWarranty: Bool?
    /// The purchase day, when known (for picking the newest car).
    public var purchased: Date?
    /// How each value was derived.
    public var explanations: [ProfileSignal]

    /// Derives the signals of `vehicle` at `now` from its model's `program` (nil: unknown model).
    public static func derive(_ vehicle: Vehicle, program: VehicleProgram?, now: Date) -> VehicleSignals {
        var s = VehicleSignals(model: vehicle.model, powertrain: program?.powertrain, ageYears: nil,
                               mileageKm: vehicle.mileageKm, kmToService: nil, monthsSinceService: nil,
                               inWarranty: nil, purchased: ProfileDates.day(vehicle.purchaseDate), explanations: [])
        func note(_ name: String, _ value: String, _ why: String) {
            s.explanations.append(ProfileSignal(name: "vehicle.\(name)", value: value, explanation: why))
        }
        if let p = program {
            note("powertrain", p.powertrain, "the \(vehicle.model) program's powertrain")
        } else {
            note("powertrain", "unknown", "no vehicle program for model \(vehicle.model)")
        }
        if let bought = s.purchased {
            let age = ProfileDates.years(from: bought, to: now)
            s.ageYears = age
            note("age_years", String(ProfileDates.round1(age)), "bought \(vehicle.purchaseDate ?? "")")
        }
        if let km = vehicle.mileageKm { note("mileage_km", String(km), "odometer in the profile") }
        if let p = program, let km = vehicle.mileageKm {
            let next: Int
            let why: String
            if let last = vehicle.lastServiceKm {
                next = last + p.serviceIntervalKm
                why = "last service at \(last) km + \(p.serviceIntervalKm) km interval = \(next) km"
            } else {
                next = p.firstServiceKm ?? p.serviceIntervalKm
                why = "never serviced: first service at \(next) km"
            }
            s.kmToService = next - km
            note("km_to_service", String(next - km), why + ", odometer \(km) km")
        }
        if let served = ProfileDates.day(vehicle.lastServiceDate) {
            let m = ProfileDates.months(from: served, to: now)
            s.monthsSinceService = m
            note("months_since_service", String(ProfileDates.round1(m)), "last service \(vehicle.lastServiceDate ?? "")")
        } else if let bought = s.purchased {
            let m = ProfileDates.months(from: bought, to: now)
            s.monthsSinceService = m
            note("months_since_service", String(ProfileDates.round1(m)), "never serviced: counted from purchase")
        }
        if let p = program, let age = s.ageYears {
            let byAge = age < p.warrantyYears
            let byKm = (vehicle.mileageKm ?? 0) < p.warrantyKm
            s.inWarranty = byAge && byKm
            let kmText = vehicle.mileageKm.map { "\($0) km" } ?? "mileage unknown"
            note("in_warranty", String(byAge && byKm),
                 "basic warranty \(Int(p.warrantyYears)) years / \(p.warrantyKm) km; car is \(ProfileDates.round1(age)) years, \(kmText)")
        }
        return s
    }
}
