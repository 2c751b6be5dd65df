/// Words that Taiwan and Hong Kong write differently from the mainland, folded to the mainland
/// word after the character fold: "保固" (warranty) becomes "保修", "軟體" "软件", "煞車" "刹车".
///
/// The character fold (`Normalizer`) turns "電池保固" into "电池保固", which still shares no word
/// with knowledge that says "电池保修". This table is our own, short and limited to a contact
/// centre's words (the car, its software and app, service, orders and payment). Each entry
/// has as many characters on both sides, so the fold keeps one character for one and every
/// source offset stays valid. Both the knowledge and the question go through it, so a word
/// the mainland also uses ("设定", "智慧") only joins its synonym on both sides.
///
/// Matching is leftmost-longest over runs of ideographs; a word is looked up only where its
/// first character starts one of the table's words (a bit test), so text without those
/// characters costs one test per ideograph.
public enum RegionalWords {
    /// (Taiwan / Hong Kong form, mainland form). The left side may be written in Traditional or
    /// Simplified characters: it is folded character by character when the table is built.
    static let pairs: [(String, String)] = [
        // Service, warranty, complaints.
        ("保固", "保修"), ("客訴", "投诉"), ("退費", "退款"), ("據點", "网点"), ("門市", "门店"),
        ("拖吊", "拖车"), ("品質", "质量"), ("販售", "销售"), ("領牌", "上牌"),
        // Orders and payment.
        ("頭期款", "首付款"), ("頭期", "首付"), ("帳號", "账号"), ("帳戶", "账户"), ("帳單", "账单"),
        // The car.
        ("煞車", "刹车"), ("冷氣", "空调"), ("雨刷", "雨刮"), ("輪圈", "轮毂"), ("方向燈", "转向灯"),
        ("後照鏡", "后视镜"), ("倒車顯影", "倒车影像"), ("偵測", "监测"), ("扭力", "扭矩"),
        ("停車格", "停车位"), ("鐳射", "激光"),
        // Software, the app, connectivity.
        ("軟體", "软件"), ("韌體", "固件"), ("網路", "网络"), ("影片", "视频"), ("螢幕", "屏幕"),
        ("簡訊", "短信"), ("訊息", "信息"), ("資訊", "信息"), ("登入", "登录"), ("登出", "退出"),
        ("程式", "程序"), ("硬碟", "硬盘"), ("滑鼠", "鼠标"), ("介面", "界面"), ("設定", "设置"),
        ("支援", "支持"), ("相容", "兼容"), ("列印", "打印"),
        ("伺服器", "服务器"), ("數位", "数字"), ("藍芽", "蓝牙"), ("智慧", "智能"), ("透過", "通过"),
    ]

    /// The longest word of the table, in characters.
    static let longest = 4

    /// The ideographs the table covers: the unified block (every word of the table is in it).
    static let base: UInt32 = 0x4E00, last: UInt32 = 0x9FFF

    /// The folded table: packed source characters → mainland characters; and a bit per
    /// ideograph that starts a source word.
    struct Table {
        var words: [UInt64: [UInt32]] = [:]
        var starts = [UInt64](repeating: 0, count: Int(last - base) / 64 + 1)

        func startsWord(_ s: UInt32) -> Bool {
            guard s >= base && s <= last else { return false }
            let i = Int(s - base)
            return starts[i >> 6] & (1 << UInt64(i & 63)) != 0
        }

        /// The mainland form of the longest table word that `run` starts with (at most `longest`
        /// characters are read); its length is the matched word's.
        func longestWord(at run: ArraySlice<UInt32>) -> [UInt32]? {
            var length = min(longest, run.count)
            while length >= 2 {
                if let to = words[pack(run.prefix(length))] { return to }
                length -= 1
            }
            return nil
        }
    }

    /// The table as `fold` reads it (empty when the character fold is off). Entries whose two
    /// sides differ in length or leave the block are left out (a test checks there are none).
    static let table: Table = {
        var t = Table()
        guard Normalizer.foldsTraditional else { return t }
        for (source, target) in pairs {
            let from = source.unicodeScalars.map { Normalizer.simplifiedHanzi($0.value) }
            let to = target.unicodeScalars.map(\.value)
            guard from.count == to.count, from.count >= 2, from.count <= longest,
                  (from + to).allSatisfy({ $0 >= base && $0 <= last }) else { continue }
            t.words[pack(from[...])] = to
            let i = Int(from[0] - base)
            t.starts[i >> 6] |= 1 << UInt64(i & 63)
        }
        return t
    }()

    /// Up to four ideographs in one key (each below 2^16 and never 0, so lengths do not collide).
    @inline(__always)
    static func pack(_ s: ArraySlice<UInt32>) -> UInt64 {
        s.reduce(0) { $0 << 16 | UInt64($1) }
    }

    /// Replaces every table word in normalized scalars, in place.
    public static func fold(_ scalars: inout [UInt32]) {
        let t = table
        guard !t.words.isEmpty else { return }
        var i = 0
        while i < scalars.count {
            guard t.startsWord(scalars[i]), let to = t.longestWord(at: scalars[i...]) else { i += 1; continue }
            scalars.replaceSubrange(i..<(i + to.count), with: to)
            i += to.count
        }
    }

    /// Replaces every table word in normalized UTF-8, in place. Every character involved is
    /// three bytes long on both sides, so the bytes around a word do not move.
    static func fold(utf8 bytes: inout [UInt8]) {
        let t = table
        guard !t.words.isEmpty else { return }
        let n = bytes.count
        func ideograph(at i: Int) -> UInt32? {
            guard i + 2 < n, bytes[i] >= 0xE4 && bytes[i] <= 0xE9 else { return nil }
            return UInt32(bytes[i] & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        }
        var i = 0
        while i < n {
            guard bytes[i] >= 0xE4, let first = ideograph(at: i), t.startsWord(first) else { i += 1; continue }
            var run: [UInt32] = [first]
            while run.count < longest, let next = ideograph(at: i + 3 * run.count) { run.append(next) }
            guard let to = t.longestWord(at: run[...]) else { i += 3; continue }
            for (k, s) in to.enumerated() {
                bytes[i + 3 * k] = 0xE0 | UInt8(s >> 12)
                bytes[i + 3 * k + 1] = 0x80 | UInt8((s >> 6) & 0x3F)
                bytes[i + 3 * k + 2] = 0x80 | UInt8(s & 0x3F)
            }
            i += 3 * to.count
        }
    }
}
