import Foundation
import KnowledgeModel

/// A campaign with its parsed condition.
public struct CompiledCampaign: Sendable, Hashable {
    public var campaign: Campaign { didSet { window = CampaignWindow(campaign) } }
    public var condition: CampaignCondition
    /// The campaign's validity days, parsed once (the gate runs on every customer turn).
    var window: CampaignWindow

    init(campaign: Campaign, condition: CampaignCondition) {
        self.campaign = campaign; self.condition = condition; window = CampaignWindow(campaign)
    }
}

/// A campaign's `valid_from` and `valid_to` as dates at 00:00 UTC (nil: open on that side, or not a day).
struct CampaignWindow: Sendable, Hashable {
    var from: Date?
    var to: Date?

    init(_ campaign: Campaign) {
        from = ProfileDates.day(campaign.validFrom)
        to = ProfileDates.day(campaign.validTo)
    }
}

/// A campaign whose condition does not parse, with the error.
public struct CampaignConditionProblem: Sendable, Hashable, Error, CustomStringConvertible {
    public var campaignID: String
    public var error: ConditionError
    /// `CMP-X: offset 27: expected a value after '>='`.
    public var description: String { "\(campaignID): \(error)" }
}

/// Campaigns parsed once: the usable ones and those whose condition is broken (never offered,
/// reported so editors can fix them).
public struct CampaignBook: Sendable, Hashable {
    public var campaigns: [CompiledCampaign]
    public var problems: [CampaignConditionProblem]

    /// Parses every campaign's condition.
    public init(_ campaigns: [Campaign]) {
        var ok: [CompiledCampaign] = [], bad: [CampaignConditionProblem] = []
        for c in campaigns {
            do { ok.append(CompiledCampaign(campaign: c, condition: try CampaignCondition.parse(c.condition))) } catch {
                bad.append(CampaignConditionProblem(campaignID: c.id, error: error))
            }
        }
        self.campaigns = ok
        self.problems = bad
    }
}

/// Why a campaign may or may not be offered on a call, before its condition is looked at.
public enum CampaignGate: Sendable, Hashable {
    case open
    /// `now` is before `valid_from` or after `valid_to`.
    case outsideValidity(String)
    /// The rule no campaign overrides: a complaint or negative sentiment, and the campaign is not service recovery.
    case blockedByHardRule(String)

    /// The gate for `campaign` on a call at `now` with `conversation`.
    public static func check(_ campaign: Campaign, now: Date, conversation: ConversationSignals) -> CampaignGate {
        check(campaign, window: CampaignWindow(campaign), now: now, conversation: conversation)
    }

    /// The gate for a parsed campaign (its validity days parsed once).
    public static func check(_ compiled: CompiledCampaign, now: Date, conversation: ConversationSignals) -> CampaignGate {
        check(compiled.campaign, window: compiled.window, now: now, conversation: conversation)
    }

    static func check(_ campaign: Campaign, window: CampaignWindow, now: Date, conversation: ConversationSignals) -> CampaignGate {
        let day = now.timeIntervalSince1970
        if let from = window.from, day < from.timeIntervalSince1970 {
            return .outsideValidity("starts \(campaign.validFrom ?? "")")
        }
        if let to = window.to, day >= to.timeIntervalSince1970 + 86_400 {
            return .outsideValidity("ended \(campaign.validTo ?? "")")
        }
        if !campaign.serviceRecovery {
            if conversation.complained { return .blockedByHardRule("the customer complained") }
            if conversation.sentiment == "negative" { return .blockedByHardRule("the customer's sentiment is negative") }
        }
        return .open
    }
}
