import Foundation
import LinearAlgebra

/// Deterministic synthetic corpora for the speed benchmarks: Markdown documents, half English,
/// half Chinese, words drawn from a Zipf distribution so that posting lists have realistic lengths.
struct CorpusGenerator {
    private var rng: SplitMix64
    private let english: [String]
    private let chinese: [String]
    private let zipf: [Double]

    init(seed: UInt64 = 42) {
        rng = SplitMix64(seed: seed)
        let roots = ["battery", "charge", "warranty", "service", "brake", "tyre", "engine", "range", "motor", "cabin",
                     "filter", "update", "software", "dealer", "booking", "price", "finance", "loan", "trade", "drive",
                     "light", "warning", "pressure", "seat", "heating", "climate", "parking", "camera", "sensor", "door",
                     "window", "mirror", "wiper", "coolant", "oil", "inspection", "recall", "campaign", "delivery", "order"]
        let suffixes = ["", "s", "ing", "ed", "er", "al", "ity", "ment", "ness", "ive"]
        var words: [String] = []
        for (i, r) in roots.enumerated() {
            for (j, s) in suffixes.enumerated() { words.append(r + s + (i * j % 3 == 0 ? "" : String(i % 10))) }
        }
        for i in 0..<2600 { words.append("w" + String(i, radix: 36)) }
        english = words
        let chars = Array("车辆电池充电保修服务刹车轮胎发动机续航电机空调滤芯升级软件经销商预约价格金融贷款置换驾驶灯警告压力座椅加热停车摄像头传感器门窗镜雨刮冷却液机油检查召回活动交付订单客户时间问题需要可以我们您的这个那个如果因为所以已经没有还是就是")
        var zh: [String] = []
        for i in 0..<chars.count { for j in stride(from: i % 7, to: chars.count, by: 7) { zh.append(String([chars[i], chars[j]])) } }
        chinese = zh
        var weights: [Double] = []
        var total = 0.0
        for rank in 1...max(english.count, chinese.count) { total += 1 / Double(rank); weights.append(total) }
        zipf = weights.map { $0 / total }
    }

    mutating func next() -> UInt64 { rng.next() }

    mutating func word(chinese zh: Bool) -> String {
        let u = Double(next() % 1_000_000) / 1_000_000
        var lo = 0, hi = zipf.count - 1
        while lo < hi { let mid = (lo + hi) / 2; if zipf[mid] < u { lo = mid + 1 } else { hi = mid } }
        return zh ? chinese[lo % chinese.count] : english[lo % english.count]
    }

    mutating func sentence(chinese zh: Bool) -> String {
        let n = 6 + Int(next() % 14)
        let words = (0..<n).map { _ in word(chinese: zh) }
        return zh ? words.joined() + "。" : words.joined(separator: " ").capitalizedFirst + "."
    }

    /// One Markdown document of about `bytes` bytes.
    mutating func markdown(bytes: Int, chinese zh: Bool, title: String) -> String {
        var out = "# \(title)\n\n"
        var section = 0
        while out.utf8.count < bytes {
            section += 1
            out += "## \(zh ? "第\(section)节 " : "Section \(section) ")\(word(chinese: zh))\n\n"
            for _ in 0..<(2 + Int(next() % 4)) {
                out += (0..<(2 + Int(next() % 4))).map { _ in sentence(chinese: zh) }.joined(separator: " ") + "\n\n"
            }
        }
        return out
    }

    /// A short query of 2-5 words, the way users type them.
    mutating func query(chinese zh: Bool) -> String {
        let n = 2 + Int(next() % 4)
        return (0..<n).map { _ in word(chinese: zh) }.joined(separator: zh ? "" : " ")
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
