import Foundation

extension Engine {
    /// Builds now what the first answer and the first conversation turn would otherwise build
    /// while a caller waits (~0.3 s for the default knowledge): the dialogue models, the reply
    /// suggester, the QA rules, the campaign book, the vehicle programs and the purchase-intent
    /// model. `warmUp()` calls it before the server listens (a build that ran while an import
    /// changed the records could keep what it read before the change). Failures are left to the
    /// first request, which reports them.
    func warmCaches() {
        _ = dialogueModels()
        _ = try? replySuggester()
        _ = try? qaRuleSet()
        _ = try? campaignBook()
        _ = try? vehiclePrograms()
        _ = purchaseIntentModel()
    }
}
