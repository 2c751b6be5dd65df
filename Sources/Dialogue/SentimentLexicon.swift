/// The negation and intensifier words the classifiers mark as features, in Chinese and English.
///
/// This is the one place these lists live (`Models/DIALOGUE.md` describes how they are used).
/// With `negation_scope > 0`, the words after a negator in the same clause are marked:
/// "not good" gives the feature `¬good` instead of `good`, "不太满意" gives `¬满`, `¬满意`, ...
/// beside the plain character features. With `mark_intensifiers`, the word after an intensifier
/// also gives an intensified feature (`↑bad`, `↑差`). The model learns the weights of the marked
/// features, so "not bad at all" can come out positive and "不太满意" negative.
public enum SentimentLexicon {
    /// English negators, as written (they are stemmed with the classifier's analyzer before use).
    public static let englishNegators: [String] = [
        "not", "no", "never", "n't", "nothing", "nobody", "none", "neither", "nor", "without", "hardly",
        "barely", "scarcely", "cannot", "can't", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't",
        "weren't", "won't", "wouldn't", "shouldn't", "couldn't", "haven't", "hasn't", "hadn't", "ain't",
        "dont", "cant", "wont", "isnt", "didnt", "doesnt", "lack", "lacks", "lacking",
    ]

    /// English intensifiers and downtoners.
    public static let englishIntensifiers: [String] = [
        "very", "really", "extremely", "so", "too", "totally", "absolutely", "quite", "super", "highly",
        "incredibly", "truly", "completely", "utterly", "most", "more", "much", "pretty", "terribly",
        "awfully", "deeply", "seriously", "especially",
    ]

    /// Chinese negators, longest first wins at a position ("没有" before "没").
    public static let chineseNegators: [String] = [
        "不", "没", "没有", "别", "未", "无", "非", "莫", "勿", "甭", "不是", "并不", "并非", "从不", "从没",
        "毫不", "绝不", "一点也不", "一点都不", "不太", "不怎么", "不够", "不再", "算不上", "谈不上",
    ]

    /// Chinese intensifiers and downtoners.
    public static let chineseIntensifiers: [String] = [
        "非常", "很", "太", "特别", "十分", "超级", "极其", "极", "真", "真的", "好", "挺", "相当", "比较", "有点",
        "有些", "越来越", "更", "最", "实在", "简直", "完全", "根本", "超",
    ]
}
