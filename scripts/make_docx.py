#!/usr/bin/env python3
"""Write the DOCX documents of the default knowledge base.

Uses only the Python standard library. Each document is a minimal but valid
WordprocessingML package: [Content_Types].xml, _rels/.rels, word/document.xml,
word/styles.xml, word/numbering.xml and word/_rels/document.xml.rels.

Headings use the paragraph styles Heading1 (document title), Heading2 (section)
and Heading3 (subsection), mirroring '#', '##' and '###' in the Markdown
documents. Zip entries carry a fixed timestamp and are written in a fixed
order, so running the script twice produces identical bytes.

Usage: python3 scripts/make_docx.py [output_dir]
(default output_dir: Knowledge/docs/docx next to this script's repository root)
"""

import os
import sys
import zipfile
from xml.sax.saxutils import escape

FIXED_DATE = (2026, 1, 1, 0, 0, 0)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# ---------------------------------------------------------------------------
# Document content. Blocks: ("h1"|"h2"|"h3"|"p"|"li", text) or ("table", rows)
# where rows[0] is the header row.
# ---------------------------------------------------------------------------

SERVICE_HANDBOOK = [
    ("h1", "Service Centre Handbook: What Happens at a Visit"),
    ("p", "This handbook explains, step by step, what a customer can expect when they bring a Lanto car to a "
          "Lanto service centre for maintenance, a warranty repair or a recall. Hotline agents use it to set the "
          "right expectations before the visit; service advisers use it as a checklist so that every visit in "
          "every one of the 12 service cities follows the same standard."),

    ("h2", "Before the visit"),
    ("h3", "Booking"),
    ("p", "Customers book in the Lanto Link app (Services → Book maintenance), by calling 400-820-6688 and "
          "pressing 3, or directly with the service centre. Service centres are open 9:00–18:00 every day and "
          "service reception opens at 8:30, so the earliest slot of the day starts at 8:30. When booking, the "
          "agent checks the VIN for open recalls and service campaigns so that they can be done in the same visit."),
    ("h3", "What to bring"),
    ("li", "An NFC card key, or nothing if the technician receives a temporary phone key linked to the booking."),
    ("li", "Details of any maintenance package (Worry-Free 3-Year) or Lanto Care+ contract; both are also visible "
           "to the adviser through the VIN."),
    ("li", "A short description of any fault: when it happens, how often, and any warning message on the screen."),
    ("p", "Customers should remove valuables from the car. The vehicle licence does not need to be handed over."),
    ("h3", "Pick-up and return"),
    ("p", "Instead of coming in, customers in the 12 service cities can ask for pick-up and return. A driver "
          "collects the car at home or at the office and brings it back after the work. The service is free "
          "within 30 km of the service centre and must be booked at least one day ahead."),

    ("h2", "At reception"),
    ("h3", "Vehicle check-in"),
    ("p", "The service adviser walks round the car with the customer, notes existing scratches or dents, records "
          "the mileage and the fuel or charge level, and takes photos that are attached to the repair order in "
          "the app. The adviser then confirms the work to be done and the customer's mobile number for updates."),
    ("h3", "Estimate and approval"),
    ("p", "The customer receives a written estimate before any chargeable work starts. If the technician finds "
          "additional work during the visit, the adviser sends photos and a price in the app or calls the "
          "customer; no extra chargeable work is done without the customer's approval. Warranty, recall and "
          "service-campaign work is free of charge and needs no price approval."),

    ("h2", "In the workshop"),
    ("h3", "Service scope by powertrain"),
    ("table", [
        ["Powertrain", "Models", "Interval", "Typical price", "Typical duration"],
        ["Petrol", "L3, L5", "10,000 km or 12 months", "L3 ¥480, L5 ¥620 (minor service)", "1–1.5 hours"],
        ["Hybrid and plug-in hybrid", "X3, X5", "10,000 km or 12 months", "X3 ¥560, X5 ¥680 (minor service)", "1–1.5 hours"],
        ["Electric", "E5, E7, E9", "20,000 km or 24 months", "EV inspection ¥299", "About 1 hour"],
        ["Major service (petrol)", "L3, L5", "Every 40,000 km", "L3 ¥1,280, L5 ¥1,580", "About 2.5 hours"],
    ]),
    ("p", "On petrol and hybrid cars a minor service includes the change of 0W-20 full synthetic engine oil and "
          "the oil filter; every 40,000 km spark plugs, the air filter and brake fluid are added. On electric "
          "cars the cabin filter is replaced at every service, brake fluid every 2 years and coolant every "
          "4 years or 100,000 km."),
    ("h3", "Recalls and campaigns in the same visit"),
    ("p", "If the VIN check shows an open recall or campaign, it is done during the same visit unless parts are "
          "not yet in stock. For example, recall R2026-01 (L5 rear seat-belt buckle bracket) adds about 1 hour and "
          "recall R2025-07 (X5 high-voltage connector seal) adds about 2 hours."),
    ("h3", "High-voltage work"),
    ("p", "Work on the high-voltage system of the X5, E5, E7 and E9 is only carried out by technicians with Lanto "
          "high-voltage certification, in a marked bay. The car is made safe (high voltage disconnected and "
          "verified) before any work on the battery, motors or orange cables begins."),

    ("h2", "Waiting or leaving the car"),
    ("h3", "Customer lounge"),
    ("p", "Every centre has a lounge with Wi-Fi, drinks and a work area. The progress of the job is shown in the "
          "app in four stages: checked in, in the workshop, quality check, ready for collection."),
    ("h3", "Courtesy car"),
    ("p", "If a warranty repair takes more than 2 working days, the centre provides a courtesy car or a mobility "
          "allowance of ¥200 per day, subject to availability. For maintenance visits a courtesy car is not "
          "included; pick-up and return is the recommended option for customers who cannot wait."),

    ("h2", "Collection and payment"),
    ("h3", "Handover"),
    ("p", "At collection the adviser explains the work done, shows any replaced parts on request, and points out "
          "recommendations for the next visit, such as tyres that are close to the wear limit. The next service "
          "date and mileage are updated in the app."),
    ("h3", "Payment and invoice"),
    ("p", "Payment is made in the app, by card or by mobile payment at the desk. Prepaid maintenance packages are "
          "deducted automatically. The electronic invoice and the repair order appear in the app under "
          "Services → Service history."),

    ("h2", "After the visit"),
    ("h3", "Follow-up"),
    ("p", "Within 3 days the centre calls or messages the customer to ask whether everything is in order. The "
          "customer also receives a short survey in the app."),
    ("h3", "If something is not right"),
    ("p", "If the same problem comes back, or a new problem appears that may be related to the work done, the "
          "customer should contact the centre directly or call 400-820-6688 and press 3. A re-check of the work "
          "done is free of charge. If the customer is unhappy with how the visit was handled, the complaints "
          "process applies: press 4 on the hotline, use Feedback in the app, or email care@lanto-motors.example."),
]

WINTER_GUIDE = [
    ("h1", "新能源车主用车手册（冬季篇）"),
    ("p", "每到冬天，热线上关于“续航掉得厉害”“快充变慢”“早上车窗全是霜”的来电就会明显增多。这本手册面向X5插混和E5、E7、E9纯电车主，"
          "把冬季用车最常见的问题和应对方法整理在一起，坐席也可以照着它给用户讲解。"),

    ("h2", "冬季续航为什么会下降"),
    ("h3", "低温对电池的影响"),
    ("p", "电池在低温下内阻变大，可用能量减少；同时座舱取暖、电池加热都要耗电，所以冬天的实际续航一定会低于CLTC标称值。"
          "这属于物理规律，不是电池质量问题，也不会让电池永久“变差”，天气转暖后续航会恢复。"),
    ("table", [
        ["车型", "电池类型", "CLTC续航", "低温续航参考"],
        ["E5标准续航版", "60 kWh 磷酸铁锂", "480 km", "零下10 °C时约减少30%–35%"],
        ["E5长续航版", "72 kWh 磷酸铁锂", "560 km", "零下10 °C时约减少30%–35%"],
        ["E7 Pro/Max后驱版", "85 kWh 三元锂", "650 km", "0 °C以下约减少20%–30%"],
        ["E7 Performance四驱版", "100 kWh 三元锂", "610 km", "0 °C以下约减少20%–30%"],
        ["E9", "110 kWh 三元锂", "700 km", "0 °C以下约减少20%–30%"],
        ["X5", "26.7 kWh 磷酸铁锂", "纯电130 km", "低温时纯电里程明显缩短，发动机介入更频繁"],
    ]),
    ("h3", "什么时候需要担心"),
    ("p", "如果天气已经回暖，续航仍然明显偏低，或者仪表出现高压电池故障灯，就需要到服务中心做电池健康度（SOH）检测。"
          "三电质保为8年或16万公里，保证电池容量不低于70%。"),

    ("h2", "出发前"),
    ("h3", "插着枪预热"),
    ("p", "在澜途互联App里设置“预约出发”，或出门前用App远程开空调。车辆插着充电枪时，预热用的是电网的电，不消耗电池电量，"
          "还能顺便把电池温度提上来，出发后续航和动力都更好。远程空调最长运行30分钟。"),
    ("h3", "多用座椅加热"),
    ("p", "座椅加热分3档，可以在中控屏、方向盘按键或用语音“打开座椅加热”开启。打开“自动座椅加热”后，车外低于5 °C时上车会自动开启。"
          "座椅加热和方向盘加热比吹暖风省电得多，空调温度调低一两度、配合座椅加热，是冬天最实用的省电办法。"),
    ("h3", "车窗结霜和起雾"),
    ("p", "点前挡除雾或说“打开前挡除雾”，系统会用最大风量和外循环，并开压缩机除湿。不要用热水浇挡风玻璃，也不要用硬物刮除雨刮附近的冰，"
          "以免损伤玻璃和雨刮胶条。"),

    ("h2", "冬季充电"),
    ("h3", "家里充电"),
    ("p", "晚上回家就插枪，设置好预约充电时间用低谷电，再把“预约出发”设在第二天出门前，车辆会在充电结束前后把电池和座舱加热好。"
          "E5和X5是磷酸铁锂电池，冬天更要坚持每周充满一次到100%，让电量显示保持准确。"),
    ("h3", "去超充站之前"),
    ("p", "气温低于0 °C时，电池冷的状态下快充功率会很低。到达超充站前至少30分钟，把超充站设为导航目的地，车辆会自动给电池预热。"
          "E7车主请确认已经安装服务活动SC-2026-03（电池管理软件BMS 3.2.1），它专门改善0 °C以下的快充速度，一般通过OTA推送，"
          "也可以到服务中心免费安装。"),
    ("h3", "充电口冻住了"),
    ("p", "冻雨过后充电口盖可能打不开。可以先远程开空调预热20分钟左右，充电口加热后一般就能打开；不要用力掰或用热水浇。"
          "如果充电枪插上后拔不下来，先在App或中控屏结束充电并解锁车辆，仍无法拔出时拨打400-820-6688按3。"),

    ("h2", "胎压与轮胎"),
    ("h3", "降温后胎压会下降"),
    ("p", "气温每下降10 °C，胎压大约降低0.1 bar，所以第一次大降温后胎压灯亮起很常见。请在冷胎状态下补气到标准值，不要为了保险打得过高。"),
    ("table", [
        ["车型", "标准冷胎胎压（前后相同）"],
        ["X5", "2.5 bar"],
        ["E5", "2.5 bar"],
        ["E7", "2.7 bar"],
        ["E9", "2.8 bar"],
    ]),
    ("h3", "冬季轮胎"),
    ("p", "经常在冰雪路面行驶的用户建议换装冬季胎，可以在服务中心预约更换和存放夏季胎。轮胎属于易损件，不在整车质保范围内。"),

    ("h2", "雨雪天驾驶"),
    ("h3", "雪地模式"),
    ("p", "E5、E7、E9都有雪地模式（E9还有越野模式）。雪地模式会让起步更柔和、降低能量回收强度，减少在湿滑路面上打滑的可能。"),
    ("h3", "澜途领航的使用限制"),
    ("p", "大雪、大雾或摄像头、雷达被冰雪覆盖时，澜途领航可能提示暂不可用或表现不稳定。出发前请清理前挡摄像头区域和车头传感器上的积雪。"
          "澜途领航是L2级辅助驾驶，冬季路况下更要双手握住方向盘，随时准备接管。"),

    ("h2", "长时间停放"),
    ("h3", "电量和哨兵模式"),
    ("p", "冬季停放一周以上，建议把电量保持在50%左右，能插枪就插枪。哨兵模式每小时约耗电1%，电量低于20%时会自动关闭；"
          "长时间停在自家车库时可以手动关闭哨兵模式。"),
    ("h3", "12V蓄电池"),
    ("p", "低温会让12V小电瓶性能下降。如果车辆长时间停放后手机钥匙和NFC卡片都打不开车门，多半是小电瓶亏电，请拨打400-820-6688按2叫救援搭电。"),

    ("h2", "冬季遇到问题"),
    ("h3", "仪表亮起乌龟灯"),
    ("p", "在零下15 °C左右的夜晚停放后，电池温度过低，车辆会限制功率，仪表亮起黄色乌龟灯。慢慢开一段，等电池热起来或充上电后动力会恢复。"
          "电池已经热了、电量也充足，乌龟灯仍然亮着的，请预约检测。"),
    ("h3", "没电了怎么办"),
    ("p", "拨打400-820-6688按2，或按车内SOS键。在12个服务城市，移动充电车可以现场补电，约可增加50公里续航；其他地区会把车拖到最近的充电站"
          "或服务中心。整车质保期内（4年）道路救援免费，纯电车一律用平板拖车运输，100公里以内免费拖到最近的澜途服务中心。"),
]

DOCUMENTS = [
    ("service-centre-handbook.docx", "Service Centre Handbook: What Happens at a Visit", "en-GB", SERVICE_HANDBOOK),
    ("winter-owner-guide-zh.docx", "新能源车主用车手册（冬季篇）", "zh-CN", WINTER_GUIDE),
]

# ---------------------------------------------------------------------------
# Package parts
# ---------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '</Types>'
)

ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '</Relationships>'
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    'Target="numbering.xml"/>'
    '</Relationships>'
)


def styles_xml(lang):
    def heading(level, size, space_before):
        return (
            f'<w:style w:type="paragraph" w:styleId="Heading{level}">'
            f'<w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:spacing w:before="{space_before}" w:after="120"/>'
            f'<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
            f'<w:rPr><w:b/><w:color w:val="0B4F7C"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
            '</w:style>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}">'
        '<w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Microsoft YaHei" w:cs="Calibri"/>'
        f'<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="{lang}" w:eastAsia="zh-CN"/>'
        '</w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        + heading(1, 36, 240) + heading(2, 28, 240) + heading(3, 24, 160) +
        '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>'
        '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>'
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '</w:tblBorders></w:tblPr></w:style>'
        '</w:styles>'
    )


NUMBERING = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '</w:numbering>'
)


def core_xml(title, lang):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{escape(title)}</dc:title><dc:creator>Lanto Motors Customer Care</dc:creator>'
        f'<dc:language>{lang}</dc:language>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>'
        '</cp:coreProperties>'
    )


def run(text, bold=False):
    rpr = '<w:rPr><w:b/></w:rPr>' if bold else ''
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(text, style=None, numbered=False, bold=False):
    ppr = ''
    if style or numbered:
        ppr = '<w:pPr>'
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if numbered:
            ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        ppr += '</w:pPr>'
    return f'<w:p>{ppr}{run(text, bold)}</w:p>'


def table(rows):
    ncols = len(rows[0])
    width = 9000 // ncols
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out.append(''.join(f'<w:gridCol w:w="{width}"/>' for _ in range(ncols)))
    out.append('</w:tblGrid>')
    for i, row in enumerate(rows):
        assert len(row) == ncols, row
        out.append('<w:tr>')
        if i == 0:
            out[-1] = '<w:tr><w:trPr><w:tblHeader/></w:trPr>'
        for cell in row:
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                       f'{paragraph(cell, bold=(i == 0))}</w:tc>')
        out.append('</w:tr>')
    out.append('</w:tbl>')
    return ''.join(out)


def document_xml(blocks):
    body = []
    for kind, content in blocks:
        if kind == 'h1':
            body.append(paragraph(content, 'Heading1'))
        elif kind == 'h2':
            body.append(paragraph(content, 'Heading2'))
        elif kind == 'h3':
            body.append(paragraph(content, 'Heading3'))
        elif kind == 'p':
            body.append(paragraph(content))
        elif kind == 'li':
            body.append(paragraph(content, 'ListParagraph', numbered=True))
        elif kind == 'table':
            body.append(table(content))
            body.append('<w:p/>')  # Word requires a paragraph between a table and what follows
        else:
            raise ValueError(kind)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        + ''.join(body) +
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
        'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>'
        '</w:body></w:document>'
    )


def write_docx(path, title, lang, blocks):
    parts = [
        ('[Content_Types].xml', CONTENT_TYPES),
        ('_rels/.rels', ROOT_RELS),
        ('docProps/core.xml', core_xml(title, lang)),
        ('word/document.xml', document_xml(blocks)),
        ('word/styles.xml', styles_xml(lang)),
        ('word/numbering.xml', NUMBERING),
        ('word/_rels/document.xml.rels', DOCUMENT_RELS),
    ]
    with zipfile.ZipFile(path, 'w') as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data.encode('utf-8'))


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, 'Knowledge', 'docs', 'docx')
    os.makedirs(out_dir, exist_ok=True)
    for filename, title, lang, blocks in DOCUMENTS:
        path = os.path.join(out_dir, filename)
        write_docx(path, title, lang, blocks)
        print(path)


if __name__ == '__main__':
    main()
