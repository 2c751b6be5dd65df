import XCTest
@testable import TextAnalysis

final class SentenceSplitterTests: XCTestCase {
    func testChineseTerminatorsKeepTheirPunctuation() {
        XCTAssertEqual(SentenceSplitter.split("您好。请问X5的保养周期是多久？每5000公里一次！好的；谢谢"),
                       ["您好。", "请问X5的保养周期是多久？", "每5000公里一次！", "好的；", "谢谢"])
    }

    func testChineseClosingQuotesStayWithTheSentence() {
        XCTAssertEqual(SentenceSplitter.split("他说：“好的。”然后走了。（见上文！）下一句"),
                       ["他说：“好的。”", "然后走了。", "（见上文！）", "下一句"])
    }

    func testChineseNumbersDoNotSplit() {
        XCTAssertEqual(SentenceSplitter.split("排量2.0T，油耗3.5%。下一句"), ["排量2.0T，油耗3.5%。", "下一句"])
    }

    func testEnglishBasicSplitting() {
        XCTAssertEqual(SentenceSplitter.split("The car is ready. Please pick it up! Any questions? Call us."),
                       ["The car is ready.", "Please pick it up!", "Any questions?", "Call us."])
    }

    func testEnglishNumbersDoNotSplit() {
        XCTAssertEqual(SentenceSplitter.split("The 2.0T engine gained 3.5% power. Version 2.0. Next one"),
                       ["The 2.0T engine gained 3.5% power.", "Version 2.0.", "Next one"])
    }

    func testAbbreviations() {
        XCTAssertEqual(SentenceSplitter.split("Mr. Smith met Dr. Lee at St. Mary's. They talked."),
                       ["Mr. Smith met Dr. Lee at St. Mary's.", "They talked."])
        XCTAssertEqual(SentenceSplitter.split("See No. 5, e.g. the manual, i.e. page 3. Done."),
                       ["See No. 5, e.g. the manual, i.e. page 3.", "Done."])
        XCTAssertEqual(SentenceSplitter.split("Say no. Then leave."), ["Say no.", "Then leave."])
        XCTAssertEqual(SentenceSplitter.split("Lanto Inc. makes cars. We sell cars, trucks, etc. The end."),
                       ["Lanto Inc. makes cars.", "We sell cars, trucks, etc.", "The end."])
        XCTAssertEqual(SentenceSplitter.split("J. Smith wrote it. Visit lanto.com. Thanks."),
                       ["J. Smith wrote it.", "Visit lanto.com.", "Thanks."])
    }

    func testQuotesAndTerminatorRuns() {
        XCTAssertEqual(SentenceSplitter.split("He said \"Stop!\" Then he left?! Really..."),
                       ["He said \"Stop!\"", "Then he left?!", "Really..."])
        XCTAssertEqual(SentenceSplitter.split("Wait... what happened? Nothing."),
                       ["Wait... what happened?", "Nothing."])
    }

    func testURLQueryDoesNotSplit() {
        XCTAssertEqual(SentenceSplitter.split("Open lanto.com/help?q=ota now. Bye"),
                       ["Open lanto.com/help?q=ota now.", "Bye"])
    }

    func testParagraphsAndLines() {
        XCTAssertEqual(SentenceSplitter.split("First paragraph without period\n\nSecond one"),
                       ["First paragraph without period", "Second one"])
        // A single line break inside English prose is a space (hard wrap)…
        XCTAssertEqual(SentenceSplitter.split("This line is\nwrapped here."), ["This line is\nwrapped here."])
        // …but splits next to Chinese and before list items.
        XCTAssertEqual(SentenceSplitter.split("保养说明\n每年一次"), ["保养说明", "每年一次"])
        XCTAssertEqual(SentenceSplitter.split("Steps\n1. Open the app\n2. Tap Settings\n- done"),
                       ["Steps", "1. Open the app", "2. Tap Settings", "- done"])
        XCTAssertEqual(SentenceSplitter.split("Line one\r\n\r\nLine two"), ["Line one", "Line two"])
    }

    func testMixedLanguage() {
        XCTAssertEqual(SentenceSplitter.split("请升级OTA。Then restart the car. 完成！"),
                       ["请升级OTA。", "Then restart the car.", "完成！"])
    }

    func testNoEmptySentences() {
        XCTAssertEqual(SentenceSplitter.split(""), [])
        XCTAssertEqual(SentenceSplitter.split("   \n\n \t "), [])
        XCTAssertEqual(SentenceSplitter.split("。。。！！"), ["。。。！！"])
        XCTAssertEqual(SentenceSplitter.split("Hi.   "), ["Hi."])
        XCTAssertEqual(SentenceSplitter.split("　你好。　"), ["你好。"])
        for s in SentenceSplitter.split("a. b! c? 。 ！ .\n\n.") {
            XCTAssertFalse(s.trimmingWhitespace().isEmpty)
        }
    }
}
