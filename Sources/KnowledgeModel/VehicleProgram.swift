/// How one vehicle model is powered, serviced and warranted: what profile signals such as
/// "km to the next service" or "still in warranty" are computed from. One record per model
/// (`Knowledge/service/vehicle_programs.jsonl`).
public struct VehicleProgram: Codable, Sendable, Hashable, Identifiable {
    /// The model code as customers' vehicles name it, e.g. `E7`.
    public var model: String
    /// fuel | hev | phev | ev.
    public var powertrain: String
    /// Regular service interval in km.
    public var serviceIntervalKm: Int
    /// Regular service interval in months (whichever comes first).
    public var serviceIntervalMonths: Int
    /// The first service, when it differs from the interval (km).
    public var firstServiceKm: Int?
    /// The first service, when it differs from the interval (months).
    public var firstServiceMonths: Int?
    /// Basic vehicle warranty in years.
    public var warrantyYears: Double
    /// Basic vehicle warranty in km.
    public var warrantyKm: Int

    public var id: String { model }

    /// Creates a program.
    public init(model: String, powertrain: String, serviceIntervalKm: Int, serviceIntervalMonths: Int,
                firstServiceKm: Int? = nil, firstServiceMonths: Int? = nil, warrantyYears: Double, warrantyKm: Int) {
        self.model = model; self.powertrain = powertrain
        self.serviceIntervalKm = serviceIntervalKm; self.serviceIntervalMonths = serviceIntervalMonths
        self.firstServiceKm = firstServiceKm; self.firstServiceMonths = firstServiceMonths
        self.warrantyYears = warrantyYears; self.warrantyKm = warrantyKm
    }

    enum CodingKeys: String, CodingKey {
        case model, powertrain, serviceIntervalKm = "service_interval_km", serviceIntervalMonths = "service_interval_months"
        case firstServiceKm = "first_service_km", firstServiceMonths = "first_service_months"
        case warrantyYears = "warranty_years", warrantyKm = "warranty_km"
    }
}
