import Dialogue
import Foundation
import KnowledgeModel

/// The router trained on the knowledge plus labelled tickets, measured by k-fold
/// cross-validation only: each fold's cases are routed by a router whose extra training
/// examples (the issue turns of the other folds' calls, labelled with their department) never
/// include them. Folds are assigned round-robin in file order.
public enum RoutingCrossValidation {
    public static func run(_ cases: [RoutingEvalCase], knowledge: RoutingKnowledge, intentExamples: [IntentExample],
                           folds k: Int = 5, config: ClassifierConfig = DepartmentRouter.defaultConfig)
        throws(RoutingTrainError) -> RoutingScores {
        let k = max(2, min(k, cases.count))
        var scores = RoutingScores()
        let business = knowledge.businessIntents
        for fold in 0..<k {
            var extra: [(text: String, label: String)] = []
            for (i, c) in cases.enumerated() where i % k != fold {
                for t in DepartmentRouter.issueTurns(c.context, business: business) { extra.append((t.text, c.department)) }
            }
            let router = try DepartmentRouter.train(knowledge: knowledge, intentExamples: intentExamples,
                                                    extraExamples: extra, config: config)
            for (i, c) in cases.enumerated() where i % k == fold {
                let r = router.route(c.context)
                scores.cases += 1
                if r.department == c.department { scores.department += 1 }
                if r.top.contains(where: { $0.department == c.department }) { scores.departmentTop3 += 1 }
            }
        }
        let n = Double(max(1, scores.cases))
        scores.department /= n
        scores.departmentTop3 /= n
        return scores
    }
}
