import Foundation
import TextAnalysis

/// One attribute concept: the words that name it in table keys and in questions, English and
/// Chinese. It is how "how far does it go on a charge" finds a table row keyed "Range (CLTC)" or
/// "续航里程".
///
/// * `terms` occur in table keys *and* in questions ("range", "续航"). A key belongs to the
///   concept when it contains a term; a one-character Chinese term ("长") only when the key is
///   exactly that term.
/// * `questionCues` only occur in questions ("how far", "多少钱"); they never select keys.
///
/// Matching is on normalized text (`Normalizer.normalize`: NFKC, width and case folding; dashes
/// unified to "-"). English terms and cues match whole words; a trailing `*` makes the last word a
/// prefix ("fast charg*" matches "fast charger" and "fast charging"). Chinese ones match anywhere.
public struct AttributeConcept: Sendable, Hashable, Codable {
    /// The canonical name, e.g. `range`, `battery_capacity`.
    public var name: String
    /// Words that name the attribute in keys and questions.
    public var terms: [String]
    /// Phrases that ask for the attribute in a question only.
    public var questionCues: [String]

    /// Creates a concept.
    public init(_ name: String, terms: [String], questionCues: [String] = []) {
        self.name = name
        self.terms = terms
        self.questionCues = questionCues
    }
}

/// The attribute synonym table: the one place where question wordings are tied to table keys.
///
/// Keys that no concept covers are still found by their own words (see
/// ``AttributeQuestionResolver``); the table is for wordings a question uses but a table does not
/// ("how far" for range, "多少钱" for price). Extend it by adding a row or a word; keep cues
/// specific (a cue like "how much" alone would also catch "how much fuel").
public enum AttributeVocabulary {
    /// The default concepts (product specs, prices, warranty terms, service facts).
    public static let `default`: [AttributeConcept] = [
        AttributeConcept("range", terms: ["range", "续航"],
                         questionCues: ["how far", "go on a charge", "on a full charge", "how many km", "能跑多少", "跑多远"]),
        AttributeConcept("electric_range", terms: ["electric range", "纯电续航", "纯电里程"],
                         questionCues: ["on electricity", "electricity alone", "electric only", "pure electric", "纯电能跑", "纯电跑"]),
        AttributeConcept("combined_range", terms: ["combined range", "综合续航"], questionCues: ["total range"]),
        AttributeConcept("battery_capacity", terms: ["battery capacity", "capacity", "电池容量"],
                         questionCues: ["battery size", "big is the battery", "big a battery", "large is the battery",
                                        "battery is", "电池多大", "电池有多大", "电池是多大", "几度电", "多少度电"]),
        AttributeConcept("dc_fast_charge", terms: ["dc fast charg*", "快充"],
                         questionCues: ["fast charg*", "rapid charg*", "10 to 80", "10% to 80%", "10-80", "10%到80%"]),
        AttributeConcept("ac_charge", terms: ["ac charg*", "交流慢充", "慢充"],
                         questionCues: ["slow charg*", "home charg*", "full charge at home", "交流充", "充满要"]),
        AttributeConcept("max_dc_charging_power", terms: ["maximum dc charging power", "最大充电功率"],
                         questionCues: ["max dc charging power", "max charging power", "peak charging", "charging power", "充电功率"]),
        AttributeConcept("power", terms: ["power", "功率"], questionCues: ["horsepower", "马力", "how powerful", "多大劲"]),
        AttributeConcept("acceleration", terms: ["0-100", "百公里加速", "零百"],
                         questionCues: ["acceleration", "how fast does", "加速"]),
        AttributeConcept("price", terms: ["price*", "starting price", "base price", "价格", "售价", "指导价", "起售价", "cost*", "费用", "收费"],
                         questionCues: ["how much is", "多少钱", "什么价", "几多钱", "贵不贵", "how expensive", "花多少", "要花"]),
        AttributeConcept("warranty", terms: ["warranty", "质保", "保修"], questionCues: ["guarantee*"]),
        AttributeConcept("term", terms: ["term", "terms", "期限", "年限"],
                         questionCues: ["延到多久", "延多久"]),
        AttributeConcept("tyre_pressure", terms: ["tyre pressure", "tire pressure", "胎压"], questionCues: ["pressure"]),
        AttributeConcept("wheelbase", terms: ["wheelbase", "轴距"]),
        AttributeConcept("length", terms: ["length", "长", "车长", "车身长度"],
                         questionCues: ["how long is the car", "how long is it", "车身有多长", "车身多长", "车有多长", "车长多少"]),
        AttributeConcept("width", terms: ["width", "宽", "车宽"], questionCues: ["how wide", "车身有多宽", "车宽多少", "多宽"]),
        AttributeConcept("height", terms: ["height", "高", "车高"], questionCues: ["how tall", "how high", "车身有多高", "车高多少", "多高"]),
        AttributeConcept("seats", terms: ["seats", "座位", "座椅数"], questionCues: ["how many seats", "how many people can sit", "几个座", "几座"]),
        AttributeConcept("fuel_consumption", terms: ["fuel consumption", "油耗"],
                         questionCues: ["fuel economy", "how much fuel", "mpg", "费油", "省油"]),
        AttributeConcept("fuel_tank", terms: ["fuel tank", "tank", "油箱"], questionCues: ["加满油", "加多少油"]),
        AttributeConcept("towing", terms: ["towing", "拖挂", "牵引"], questionCues: ["tow*", "拖车", "拖多重"]),
        AttributeConcept("boot_capacity", terms: ["boot capacity", "boot", "trunk", "后备厢", "后备箱"], questionCues: ["luggage", "行李箱"]),
        AttributeConcept("engine_oil", terms: ["engine oil", "机油"], questionCues: ["oil"]),
        AttributeConcept("transmission", terms: ["transmission", "gearbox", "变速器", "变速箱"]),
        AttributeConcept("delivery_time", terms: ["delivery time", "交付周期", "交付时间", "交车周期"],
                         questionCues: ["how long until delivery", "when will i get", "多久交付", "多久能提车", "多久提车", "多久交车"]),
        AttributeConcept("arrival_time", terms: ["arrival time", "到达时间", "到场时间"],
                         questionCues: ["how long until", "how quickly", "how long does it take to arrive", "how long to arrive", "多久能到", "多久到", "多快到"]),
        AttributeConcept("phone", terms: ["phone", "电话"], questionCues: ["phone number", "call them", "号码", "联系方式"]),
        AttributeConcept("address", terms: ["address", "地址"], questionCues: ["where is", "在哪里", "在哪儿", "怎么去"]),
        AttributeConcept("city", terms: ["city", "城市"], questionCues: ["which city", "哪个城市", "哪座城市"]),
        AttributeConcept("opening_hours", terms: ["hours", "营业时间", "开放时间"], questionCues: ["open", "几点", "开门"]),
        AttributeConcept("shared_users", terms: ["shared", "share*", "分享"],
                         questionCues: ["share my", "how many people", "几个人", "多少人"]),
        AttributeConcept("free_period", terms: ["free period", "免费期"], questionCues: ["after the free", "免费期过"]),
        AttributeConcept("stations", terms: ["stations", "站点数", "充电站数量"], questionCues: ["how many stations", "多少座", "多少个站"]),
        AttributeConcept("bonus", terms: ["bonus", "补贴", "奖励"], questionCues: ["trade-in", "置换"]),
        AttributeConcept("interval", terms: ["interval", "间隔", "周期"], questionCues: ["how often", "多久保养一次", "多久一次"]),
    ]

    /// Question wordings that expect a kind of value, and the units such a value carries. A fact
    /// whose value has the expected unit is preferred ("how many hours ... home charger" picks
    /// "11 h", not the charger's name).
    public static let valueShapes: [ValueShape] = [
        ValueShape("duration", cues: ["how long", "how many hours", "how many minutes", "how many years", "how quickly",
                                      "多久", "多长时间", "几个小时", "几小时", "几分钟", "几年", "多少年", "几周"],
                   units: ["h", "min", "minutes", "hours", "years", "year", "weeks", "days", "小时", "分钟", "年", "周", "天", "个月"]),
        ValueShape("price", cues: ["cost*", "price*", "how much is", "多少钱", "价格", "什么价", "收费", "花多少", "要花"],
                   units: ["¥", "元", "cny", "rmb", "free", "免费"]),
        ValueShape("distance", cues: ["how far", "how many km", "多少公里", "多远", "几公里"], units: ["km", "公里"]),
    ]

    /// The wordings that make a question ask for a value, and those that make it a yes/no
    /// question (which a bare value does not answer: "does the E7 come with cooled seats").
    public static let questionForm = QuestionForm(
        // "how about", "and the", "and its" and 呢 ask for the value of the attribute they name
        // in a follow-up ("and the range?", "续航呢？").
        asking: ["how much", "how many", "how far", "how long", "how big", "how fast", "how wide", "how tall",
                 "how high", "how heavy", "how powerful", "how quickly", "how often", "how about", "and the", "and its",
                 "what", "what's", "whats", "which", "when", "where", "price", "cost*", "多少", "几", "多大", "多长", "多久",
                 "多远", "多重", "多高", "多宽", "哪", "什么", "怎么收费", "价格", "多快", "呢"],
        yesNo: ["吗", "是不是", "有没有", "能不能", "行不行", "可不可以", "会不会", "要不要", "是否"],
        yesNoOpeners: ["is", "are", "does", "do", "did", "can", "could", "should", "will", "would", "has", "have", "am"])

    /// Whether `key` (a normalized attribute key) belongs to `concept`.
    static func keyMatches(_ key: String, _ concept: AttributeConcept) -> Bool {
        concept.terms.contains { term in
            let t = AttributeText.foldTerm(term)
            if AttributeText.isSingleCJK(t) { return key == t }
            return AttributeText.contains(key, t)
        }
    }

    /// Whether the (folded) question text asks for `concept`.
    static func questionMatches(_ text: String, _ concept: AttributeConcept) -> Bool {
        (concept.terms + concept.questionCues).contains { term in
            let t = AttributeText.foldTerm(term)
            if AttributeText.isSingleCJK(t) { return false }
            return AttributeText.contains(text, t)
        }
    }
}

/// A kind of value a question asks for: its cue phrases and the units that mark such a value.
public struct ValueShape: Sendable, Hashable, Codable {
    /// A name for reading, e.g. `duration`.
    public var name: String
    /// Phrases that ask for this kind of value (folded like questions, word-start matching).
    public var cues: [String]
    /// Units or symbols found in such values ("min", "小时", "¥").
    public var units: [String]

    /// Creates a shape.
    public init(_ name: String, cues: [String], units: [String]) {
        self.name = name; self.cues = cues; self.units = units
    }

    /// Whether the folded question asks for this kind of value.
    func isAsked(by text: String) -> Bool {
        cues.contains { AttributeText.contains(text, AttributeText.foldTerm($0)) }
    }

    /// Whether a value carries one of the units: after a digit or as a separate word (Latin
    /// units), anywhere (symbols and Chinese units).
    func fits(_ value: String) -> Bool {
        let v = Normalizer.normalize(value)
        return units.contains { unit in
            let u = Normalizer.normalize(unit)
            guard let first = u.unicodeScalars.first, first.properties.isAlphabetic, !AttributeText.isCJK(first) else {
                return v.contains(u)
            }
            return AttributeText.units(AttributeText.fold(v.replacingOccurrences(of: #"(\d)([a-z])"#, with: "$1 $2",
                                                                                 options: .regularExpression))).contains(AttributeText.stem(u))
        }
    }
}

/// How a question asks: cue words of a value question, and the marks of a yes/no question.
public struct QuestionForm: Sendable, Hashable, Codable {
    /// Words that ask for a value ("how much", "多少", "what"); one must occur.
    public var asking: [String]
    /// Chinese yes/no marks ("吗", "是不是"); none may occur.
    public var yesNo: [String]
    /// English words that open a yes/no question ("is", "does"); the question may not start with one.
    public var yesNoOpeners: [String]

    /// Creates a question form table.
    public init(asking: [String], yesNo: [String], yesNoOpeners: [String]) {
        self.asking = asking; self.yesNo = yesNo; self.yesNoOpeners = yesNoOpeners
    }

    /// Whether the folded question asks for a value (and is not a yes/no question).
    func asksForValue(_ text: String) -> Bool {
        asksForValue(text, foldedAsking: asking.map(AttributeText.foldTerm))
    }

    /// `asksForValue` with the `asking` words folded already (`AttributeText.foldTerm`).
    func asksForValue(_ text: String, foldedAsking: [String]) -> Bool {
        guard foldedAsking.contains(where: { AttributeText.contains(text, $0) }) else { return false }
        if yesNo.contains(where: { AttributeText.has(text, $0) }) { return false }
        let first = text.split(separator: " ").first.map(String.init) ?? ""
        return !yesNoOpeners.contains(first)
    }
}
