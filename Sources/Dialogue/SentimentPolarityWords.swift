/// Polarity word lists for the `polarity_weight` feature family (see `TextFeaturizer`).
///
/// Written for this project from general knowledge of English and Chinese (not taken from any
/// published sentiment lexicon): common evaluative words of the general domain — quality, emotion,
/// service, entertainment, products, food and lodging — not tuned to any data set. A hit adds a
/// polarity-class feature (`+`, `-`, negated `¬+`, `¬-`, intensified `↑…`), so the model learns
/// a handful of weights that also cover polar words it never saw in training.
///
/// English words are matched after the classifier's own normalization and stemming (a word whose
/// stem is also a negator or an intensifier, or that lands in both lists, is dropped at load);
/// Chinese words by longest match inside each CJK run.
extension SentimentLexicon {
    /// English positive words, as written.
    public static let englishPositive: [String] = [
        // quality and general praise
        "good", "great", "excellent", "amazing", "awesome", "wonderful", "fantastic", "fabulous", "terrific",
        "superb", "outstanding", "brilliant", "marvelous", "marvellous", "magnificent", "splendid", "exceptional",
        "remarkable", "impressive", "impressed", "extraordinary", "phenomenal", "sensational", "spectacular",
        "stellar", "superior", "best", "better", "perfect", "flawless", "ideal", "nice", "fine", "decent",
        "solid", "first-rate", "classy", "premium", "beautiful", "beautifully", "lovely",
        "gorgeous", "stunning", "elegant", "graceful", "exquisite", "polished", "refined", "stylish", "sleek",
        "attractive", "appealing", "cute", "adorable", "handsome", "pleasant", "pleasing", "pleasure",
        "delight", "delightful", "delighted", "delicious", "tasty", "yummy", "fresh", "crisp", "clean", "tidy",
        "neat", "spotless", "spacious", "roomy", "cozy", "cosy", "comfortable", "comfy", "quiet", "peaceful",
        "calm", "relaxing", "soothing", "convenient", "handy", "useful", "practical", "easy", "effortless",
        "intuitive", "smooth", "seamless", "fast", "quick", "speedy", "prompt", "swift", "efficient",
        "effective", "reliable", "dependable", "sturdy", "durable", "robust", "stable", "secure", "safe",
        "accurate", "precise", "consistent", "affordable", "reasonable", "bargain", "worth", "worthwhile",
        "valuable", "recommend", "recommended", "recommendation", "praise", "admire", "admirable", "commendable",
        "worthy", "success", "successful", "succeed", "triumph", "triumphant", "win", "winner", "winning",
        "improve", "improved", "improvement", "favorite", "favourite", "gem", "treasure", "masterpiece",
        "masterful", "masterfully", "classic", "timeless", "bravo", "kudos", "wow",
        // emotion
        "love", "loved", "loving", "lovable", "adore", "adored", "liked", "enjoy", "enjoyed",
        "enjoyable", "happy", "happily", "happiness", "glad", "pleased", "satisfied", "satisfying",
        "satisfaction", "thrilled", "excited", "exciting", "excitement", "joy", "joyful", "joyous",
        "cheerful", "cheery", "fun", "funny", "hilarious", "amusing", "witty", "laugh", "laughs", "smile",
        "proud", "grateful", "thankful", "thanks", "thank", "appreciate", "appreciated", "appreciative",
        "relieved", "hopeful", "optimistic", "confident", "comforting", "warm", "warmth", "sweet", "tender",
        "gentle", "heartwarming", "heartfelt", "touching", "moving", "poignant", "uplifting", "inspiring",
        "inspired", "inspirational", "encouraging", "rewarding", "fulfilling", "refreshing", "wonderfully",
        "nicely", "perfectly", "brilliantly", "superbly", "gracefully", "elegantly", "charming", "charm",
        "likable", "likeable", "endearing", "winsome",
        // service and people
        "helpful", "friendly", "courteous", "polite", "respectful", "attentive", "considerate",
        "caring", "patient", "thoughtful", "welcoming", "hospitable", "generous", "honest", "sincere",
        "genuine", "trustworthy", "trusted", "fair", "professional", "knowledgeable", "skilled", "skillful",
        "competent", "capable", "expert", "responsive", "supportive", "accommodating", "cooperative",
        "punctual", "organized", "thorough", "diligent", "efficiently", "smoothly", "promptly", "quickly",
        "resolved", "solved", "fixed",
        // entertainment and art
        "entertaining", "engaging", "engrossing", "absorbing", "gripping", "riveting", "compelling",
        "captivating", "fascinating", "intriguing", "interesting", "thrilling", "suspenseful", "exhilarating",
        "breathtaking", "dazzling", "astonishing", "astounding", "mesmerizing", "enchanting", "magical",
        "memorable", "unforgettable", "original", "inventive", "imaginative", "creative", "innovative",
        "clever", "smart", "intelligent", "insightful", "wise", "sharp", "subtle", "nuanced", "rich",
        "layered", "vivid", "vibrant", "lively", "energetic", "spirited", "dynamic", "bold", "daring",
        "ambitious", "assured", "accomplished", "poetic", "lyrical", "haunting", "powerful", "strong",
        "intense", "authentic", "taut", "witty", "wry", "playful",
        "delightfully", "gloriously", "glorious", "sublime", "transcendent", "beloved", "acclaimed",
        "blast", "hooked", "watchable", "enjoyably", "satisfyingly", "pleasurable", "goodness",
        "excellence", "brilliance", "beauty", "grace", "marvel", "fresher", "finest", "greatest",
    ]

    /// English negative words, as written.
    public static let englishNegative: [String] = [
        // quality and general blame
        "bad", "badly", "poor", "poorly", "terrible", "terribly", "awful", "horrible", "horribly", "horrid",
        "dreadful", "atrocious", "abysmal", "appalling", "pathetic", "lousy", "crappy", "crap", "junk", "garbage",
        "trash", "rubbish", "worst", "worse", "inferior", "subpar", "mediocre", "shoddy", "sloppy", "careless",
        "cheaply", "flimsy", "fragile", "broken", "broke", "defective", "faulty", "damaged", "damage",
        "flaw", "flawed", "flaws", "defect", "bug", "buggy", "glitch", "glitchy", "crash", "crashes", "crashed",
        "error", "errors", "fail", "fails", "failed", "failure", "malfunction", "leak", "leaking", "stuck",
        "useless", "worthless", "pointless", "waste", "wasted", "wasteful", "overpriced", "expensive", "costly",
        "ripoff", "scam", "fraud", "fake", "counterfeit", "misleading", "deceptive", "dishonest", "lie", "lied",
        "lies", "cheat", "cheated", "unreliable", "unstable", "unsafe", "dangerous", "inaccurate", "wrong",
        "mistake", "mistakes", "problem", "problems", "trouble", "troubles", "hassle", "nightmare", "disaster",
        "disastrous", "mess", "messy", "chaos", "chaotic", "dirty", "filthy", "grimy", "stained", "smelly",
        "stinks", "stink", "musty", "moldy", "noisy", "loud", "cramped", "uncomfortable", "inconvenient",
        "difficult", "complicated", "confusing", "confused", "clunky", "cumbersome", "slow", "slowly", "sluggish",
        "laggy", "late", "delayed", "delay", "delays", "overdue", "unacceptable", "inadequate", "insufficient",
        "unusable", "unfinished", "incomplete", "ugly", "hideous", "unattractive", "gross", "disgusting",
        "nasty", "revolting", "repulsive", "vile", "bland", "tasteless", "stale", "soggy", "greasy", "undercooked",
        "overcooked", "burnt", "inedible", "cold",
        // emotion
        "hate", "hated", "hates", "dislike", "disliked", "despise", "detest", "loathe", "angry", "anger",
        "furious", "mad", "outraged", "outrageous", "annoyed", "annoying", "annoyance", "irritating",
        "irritated", "frustrating", "frustrated", "frustration", "upset", "upsetting", "disappointed",
        "disappointing", "disappointment", "disappoints", "dissatisfied", "unsatisfied", "unsatisfying",
        "unhappy", "sad", "sadly", "sadness", "miserable", "misery", "depressing", "depressed", "gloomy",
        "bleak", "grim", "regret", "regrets", "regrettable", "unfortunate", "unfortunately", "sorry", "worried",
        "worry", "anxious", "nervous", "afraid", "scared", "fear", "dread", "ashamed", "shame", "shameful",
        "embarrassing", "embarrassed", "embarrassment", "humiliating", "painful", "pain", "hurt", "hurts",
        "suffer", "suffering", "agony", "unbearable", "intolerable", "exhausting", "exhausted", "tiresome",
        "tired", "weary", "bored", "boring", "boredom", "bore", "bores", "dull", "tedious", "tedium",
        "monotonous", "repetitive", "lonely", "miss", "misses", "missed", "complain", "complaint", "complaints",
        "refund", "cancel", "canceled", "cancelled",
        // service and people
        "rude", "rudely", "impolite", "disrespectful", "arrogant", "condescending", "dismissive", "hostile",
        "aggressive", "unfriendly", "unhelpful", "unprofessional", "incompetent", "inept", "clueless",
        "ignorant", "lazy", "negligent", "indifferent", "unresponsive", "ignored", "ignore", "ignores",
        "neglected", "overcharged", "unfair", "unjust", "greedy", "selfish", "cruel",
        "harsh", "nasty", "liar", "cheater", "thief", "stolen", "lost", "missing", "wait", "waited", "waiting",
        // entertainment and art
        "dumb", "stupid", "silly", "idiotic", "moronic", "inane", "asinine", "mindless", "brainless",
        "ridiculous", "absurd", "preposterous", "laughable", "ludicrous", "lame", "weak", "flat", "thin",
        "shallow", "hollow", "empty", "vapid", "insipid", "lifeless", "soulless", "joyless", "humorless",
        "charmless", "witless", "pretentious", "self-indulgent", "indulgent", "overwrought", "overblown",
        "overlong", "bloated", "overdone", "overacted", "wooden", "stiff", "stilted", "awkward", "clumsy",
        "heavy-handed", "contrived", "implausible", "unconvincing", "forced", "predictable", "formulaic",
        "cliched", "cliché", "cliche", "cliches", "clichés", "trite", "banal", "derivative", "generic",
        "unoriginal", "uninspired", "unimaginative", "uninteresting", "unfunny", "unwatchable", "forgettable",
        "muddled", "murky", "incoherent", "convoluted", "disjointed", "choppy", "meandering", "aimless",
        "plodding", "rambling", "rushed", "underdeveloped", "undercooked", "cheesy", "corny", "hokey", "sappy",
        "mawkish", "maudlin", "schmaltzy", "syrupy", "manipulative", "exploitative", "cynical", "sour",
        "vulgar", "crude", "tacky", "grating", "shrill", "obnoxious", "offensive", "tasteless", "sleazy",
        "sloppily", "amateurish", "amateur", "misfire", "misfires", "flop", "dud", "letdown", "fiasco",
        "mishmash", "drag", "drags", "dragged", "slog", "snooze", "yawn", "unpleasant", "irksome",
        "insufferable", "tiring", "overrated", "underwhelming", "uneven", "inconsistent", "erratic",
        "incomprehensible", "nonsense", "nonsensical", "mistaken", "failing", "lacks", "devoid", "stupidity",
    ]

    /// Chinese positive words.
    public static let chinesePositive: [String] = [
        // 质量与总体评价
        "好", "不错", "棒", "赞", "优秀", "出色", "优质", "一流", "顶级", "完美", "精品", "上乘", "优良",
        "满意", "满分", "五星", "好评", "推荐", "值得", "值", "超值", "物超所值", "物美价廉", "划算", "实惠",
        "便宜", "优惠", "合理", "公道", "靠谱", "给力", "厉害", "强大", "牛", "漂亮", "美丽", "好看", "美观",
        "精致", "精美", "大气", "时尚", "高档", "豪华", "气派", "典雅", "优雅", "可爱", "帅", "酷", "清晰",
        "流畅", "顺畅", "稳定", "结实", "耐用", "牢固", "扎实", "好用", "实用", "方便", "便利", "便捷", "快捷",
        "快速", "迅速", "高效", "及时", "准时", "快", "准确", "精准", "灵敏", "省电", "省心", "省事", "轻便",
        "轻巧", "轻松", "简单", "简洁", "干净", "整洁", "卫生", "明亮", "宽敞", "宽大", "舒适", "舒服", "舒心",
        "安静", "清静", "温馨", "温暖", "安全", "放心", "安心", "正品", "新鲜", "好吃", "美味", "可口", "鲜美",
        "香", "地道", "正宗", "丰富", "齐全", "充足", "周全", "完善", "优越", "便宜实惠", "物有所值", "好评如潮",
        "改善", "改进", "进步", "提升", "成功", "顺利", "胜利", "领先", "突出", "惊艳", "亮眼", "亮点", "优点",
        "长处", "优势", "经典", "精彩", "好玩", "有趣", "有意思", "幽默", "风趣", "搞笑", "动人", "感人", "震撼",
        "好听", "动听", "悦耳", "优美", "细腻", "深刻", "真实", "生动", "引人入胜", "扣人心弦", "回味无穷",
        "爱不释手", "大开眼界", "赏心悦目", "惊喜", "佳作", "杰作", "神作", "良心", "用心", "走心",
        // 情绪
        "喜欢", "喜爱", "爱", "热爱", "钟爱", "开心", "高兴", "快乐", "愉快", "愉悦", "欢乐", "欣喜", "欣慰",
        "幸福", "满足", "享受", "痛快", "爽", "过瘾", "感动", "感激", "感谢", "谢谢", "多谢", "感恩", "期待",
        "欣赏", "佩服", "敬佩", "赞叹", "赞美", "称赞", "表扬", "夸", "喜出望外", "心满意足", "称心", "如意",
        "放松", "踏实", "自豪", "骄傲", "美好", "美妙", "甜蜜", "温情", "治愈", "欢迎",
        // 服务与人
        "热情", "周到", "耐心", "细心", "贴心", "体贴", "用心", "认真", "负责", "专业", "敬业", "尽责", "友好",
        "友善", "亲切", "和蔼", "礼貌", "客气", "诚信", "诚实", "真诚", "厚道", "守信", "可靠", "到位", "主动",
        "积极", "及时回复", "快速解决", "解决了", "耐心解答", "效率高",
        "性价比高", "再来", "下次还", "会再来", "还会来",
        "超赞", "点赞", "完好", "无损", 
        "神速",
    ]

    /// Chinese negative words.
    public static let chineseNegative: [String] = [
        // 质量与总体评价
        "差", "差劲", "较差", "极差", "糟糕", "糟", "烂", "垃圾", "坏", "破", "劣质", "低劣",
        "粗糙", "粗劣", "简陋", "廉价", "山寨", "假货", "假冒", "冒牌", "次品", "残次", "瑕疵", "缺陷", "毛病",
        "故障", "问题", "缺点", "不足", "短板", "弱", "损坏", "破损", "坏了", "碎了", "裂", "断了", "掉漆", "掉色",
        "褪色", "起球", "变形", "生锈", "漏水", "漏电", "发热", "发烫", "死机", "卡顿", "卡死", "闪退", "黑屏",
        "蓝屏", "重启", "噪音", "杂音", "异响", "异味", "怪味", "臭", "霉", "发霉", "潮湿", "脏", "脏乱", "乱",
        "吵", "吵闹", "嘈杂", "拥挤", "狭小", "狭窄", "陈旧", "破旧", "老旧", "老化", "旧", "昏暗", "阴暗",
        "难吃", "难看", "难听", "难闻", "难用", "难受", "难喝", "难懂", "难找", "难以", "费劲", "麻烦", "繁琐",
        "复杂", "慢", "缓慢", "延迟", "延误", "拖延", "迟到", "迟迟", "耽误", "等了半天", "久等",
        "贵", "昂贵", "偏贵", "不值", "坑", "坑人", "坑爹", "宰客", "黑心", "骗", "骗人", "骗子", "欺骗",
        "诈骗", "忽悠", "虚假", "夸大", "误导", "上当", "受骗", "缩水", "偷工减料", "以次充好", "敷衍", "糊弄",
        "应付", "推诿", "推脱", "扯皮", "失败", "失误", "错误", "出错", "错", "漏发", "少发", "错发", "缺货",
        "退货", "退款", "换货", "投诉", "差评", "举报", "维权", "赔偿", "索赔", "浪费", "白费", "徒劳",
        "鸡肋", "夸张", "渣", "渣渣", "弱智", "智障", "离谱", "过分", "恶劣", "无耻", "可耻", "丢人", "丢脸",
        // 情绪
        "失望", "后悔", "遗憾", "可惜", "郁闷", "烦", "烦人", "烦躁", "心烦", "讨厌", "厌恶", "反感", "恶心",
        "生气", "气愤", "愤怒", "恼火", "火大", "不爽", "委屈", "伤心", "难过", "痛苦", "悲伤", "悲剧", "倒霉",
        "崩溃", "抓狂", "无语", "无奈", "无聊", "乏味", "枯燥", "沉闷", "单调", "平淡", "平庸", "一般", "凑合",
        "勉强", "将就", "担心", "担忧", "害怕", "可怕", "恐怖", "焦虑", "着急", "头疼", "头痛", "累", "疲惫",
        "受罪", "折腾", "煎熬", "吐槽", "抱怨", "埋怨", "不满", "怨", "恨", "憋屈", "尴尬", "糟心", "闹心",
        // 服务与人
        "冷淡", "冷漠", "冷冰冰", "傲慢", "无礼", "粗鲁", "粗暴", "蛮横", "凶", "爱理不理",
        "不理不睬", "不耐烦", "懒", "懒散", "拖拉", "磨蹭", "怠慢", "刁难", "欺负", "歧视", "霸道", "不专业",
        "外行", "糊涂", "马虎", "粗心", "失职", "失信", "违约", "欺诈", "乱收费", "多收", "收费高",
        // 娱乐与作品
        "烂片", "雷", "雷人", "狗血", "做作", "矫情", "造作", "俗套", "老套", "套路", "幼稚", "肤浅", "空洞",
        "苍白", "牵强", "生硬", "拖沓", "冗长", "啰嗦", "混乱", "莫名其妙", "不知所云", "乱七八糟", "一塌糊涂",
        "粗制滥造", "味同嚼蜡", "索然无味", "大失所望", "名不副实", "华而不实", "徒有虚名", "不伦不类", "差强人意",
        "垃圾片", "浪费时间", "浪费钱", "上当受骗", "不堪", "惨", "惨不忍睹", "难以忍受", "受不了", "忍无可忍",
        "性价比低", "蟑螂", "蚊子", "虫子",
    ]

    /// Chinese words that begin with a negator, intensifier or polar character but are none of
    /// them ("不过" is "but", "好像" is "seems", "差不多" is "about the same"): matched first at
    /// a position, they give no polarity feature and do not negate what follows.
    public static let chineseNonPolar: [String] = [
        "不过", "不但", "不仅", "不管", "不论", "不断", "不久", "不少", "不同", "不得不", "不一定", "不知道",
        "不好意思", "无论", "无线", "无需", "无须", "别人", "别的", "别处", "未来", "非得", "莫非", "没想到",
        "差不多", "差点", "好像", "好几", "好多", "好些", "好在", "好歹", "好奇", "只好", "正好", "刚好",
        "恰好", "最好", "还好", "一般来说", "一般情况", "爱情", "你好", "您好", "好的", "大家好", "香蕉", "快要", "尽快", "赶快", "慢慢",
        "突破", "打破", "贵宾", "宝贵", "珍贵", "贵州", "贵阳", "出差", "差异", "差别", "差距", "误差", "时差",
        "依旧", "仍旧", "怀旧", "牛肉", "牛奶", "牛排", "价值", "值班", "快递", "快点",
        "香港", "简单说", "累计", "积累", "破解",
    ]
}
