"""Heading levels from a document's own numbering: a numbered item ranks above an unnumbered
bold run-in (**主要预期目标是：**…, **——经济运行稳中有进。**…) set before the list's first item,
which is body text with emphasis; run-ins after an item are its subheadings."""

from __future__ import annotations

import pytest

from tests.test_structure_corpora import outline
from writer.corpus.reader import parse_text

FRONT = "---\ntitle: 2023年政府工作报告\n---\n\n各位代表：\n\n"
REVIEW = "**一、2022年工作回顾**\n\n过去一年，全市经济运行稳中向好，各项事业取得新进展。\n\n"


def _doc(body: str):
    [doc] = parse_text(FRONT + body, "report.md", markdown=True)
    return doc


@pytest.mark.parametrize("body, expected, text_in_part", [
    # a target lead-in before （一）: text of the part, the （n） items under the part, their run-ins under them
    (REVIEW + "**二、2023年重点工作**\n\n**今年主要预期目标是：**地区生产总值增长6%左右。\n\n"
     "**（一）坚持项目为王，全力扩需求稳增长。**实施扩大内需战略。\n\n**全力抓项目扩投资。**一切围着项目转。\n\n"
     "**（二）做大做强优势产业。**围绕产业链招商。\n\n**加快壮大产业规模。**培育千亿产业。\n\n",
     [[1, "2022年工作回顾"], [1, "2023年重点工作"], [2, "坚持项目为王，全力扩需求稳增长"], [3, "全力抓项目扩投资"],
      [2, "做大做强优势产业"], [3, "加快壮大产业规模"]],
     "今年主要预期目标是：地区生产总值增长6%左右。"),
    # dash-led highlights before the numbered review items are the review's text
    ("**一、2019年工作回顾**\n\n**——经济运行稳中有进。**全年地区生产总值增长4.2%。\n\n"
     "**——人民生活得到更多实惠。**城乡居民收入稳步增长。\n\n**（一）着力夯实产业基础。**新开工项目120个。\n\n"
     "**（二）全力优化营商环境。**坚持把落实放在首位。\n\n**二、2020年主要任务**\n\n**（一）全面深化改革。**坚持改革。\n\n",
     [[1, "2019年工作回顾"], [2, "着力夯实产业基础"], [2, "全力优化营商环境"], [1, "2020年主要任务"], [2, "全面深化改革"]],
     "——经济运行稳中有进。全年地区生产总值增长4.2%。"),
    # an ordinal run-in list (一是…) before the （n） items is a summary, not headings above them
    (REVIEW.replace("过去一年", "一年来") + "**一是经济实力迈上新台阶。**生产总值增长7%。\n\n一年来，我们主要做了以下工作：\n\n"
     "**（一）着力推进产业升级，竞争实力不断增强。**工业增加值增长9%。\n\n**二、2023年工作安排**\n\n"
     "**（一）加快创新驱动。**研发投入增长10%。\n\n",
     [[1, "2022年工作回顾"], [2, "着力推进产业升级，竞争实力不断增强"], [1, "2023年工作安排"], [2, "加快创新驱动"]],
     "一是经济实力迈上新台阶。生产总值增长7%。"),
    # dash-led highlights set as whole bold lines, their text after them, before the （n） items: text too
    (REVIEW + "**二、今后五年工作展望**\n\n**―― 全面完成“十一五”规划目标**\n\n生产总值年均增长12%。\n\n"
     "**―― 加快构建和谐社会**\n\n城乡居民收入稳步增长。\n\n**（一）优先发展现代工业**\n\n建设先进制造业基地。\n\n"
     "**（二）全面落实项目带动战略**\n\n推进中心城市建设。\n\n",
     [[1, "2022年工作回顾"], [1, "今后五年工作展望"], [2, "优先发展现代工业"], [2, "全面落实项目带动战略"]],
     "―― 全面完成“十一五”规划目标"),
    # a bold lead-in whose colon stands after the bold (**主要预期目标**是：…) is text too
    (REVIEW + "**二、2023年重点工作**\n\n**主要预期目标**是：地区生产总值增长6%左右。\n\n"
     "**（一）坚持项目为王。**实施扩大内需战略。\n\n**全力抓项目扩投资。**一切围着项目转。\n\n",
     [[1, "2022年工作回顾"], [1, "2023年重点工作"], [2, "坚持项目为王"], [3, "全力抓项目扩投资"]],
     "主要预期目标是：地区生产总值增长6%左右。"),
])
def test_a_numbered_item_ranks_above_an_unnumbered_run_in(body, expected, text_in_part):
    doc = _doc(body)
    assert outline(doc) == expected
    assert text_in_part in [p for s in doc.sections for p in s.paragraphs]


@pytest.mark.parametrize("body, expected", [
    # run-ins after a numbered item stay its subheadings
    (REVIEW + "**二、2023年重点工作**\n\n**（一）坚持项目为王。**实施扩大内需战略。\n\n**全力抓项目扩投资。**一切围着项目转。\n\n"
     "**突出抓好招商引资。**把招商引资作为一号工程。\n\n",
     [[1, "2022年工作回顾"], [1, "2023年重点工作"], [2, "坚持项目为王"], [3, "全力抓项目扩投资"], [3, "突出抓好招商引资"]]),
    # a part with run-ins and no numbered list keeps them as its subheadings
    ("**一、2022年工作回顾**\n\n**经济运行稳中向好。**生产总值增长6%。\n\n**民生福祉持续增进。**城镇新增就业12万人。\n\n"
     "**二、2023年重点工作**\n\n**（一）坚持项目为王。**实施扩大内需战略。\n\n",
     [[1, "2022年工作回顾"], [2, "经济运行稳中向好"], [2, "民生福祉持续增进"], [1, "2023年重点工作"], [2, "坚持项目为王"]]),
    # unnumbered parts above 一、 items stay above them
    ("**2022年工作回顾**\n\n过去一年，全市经济运行稳中向好，各项事业取得新进展。\n\n**一、经济运行稳中向好。**生产总值增长6%。\n\n"
     "**2023年重点工作**\n\n**一、坚持项目为王。**实施扩大内需战略。\n\n**全力抓项目扩投资。**一切围着项目转。\n\n",
     [[1, "2022年工作回顾"], [2, "经济运行稳中向好"], [1, "2023年重点工作"], [2, "坚持项目为王"], [3, "全力抓项目扩投资"]]),
    # bold heading phrases run into their text (no stop: not sentences) are parts above the 一、 lists after them,
    # siblings of the unnumbered parts set as lines; a tagline above the first part, nothing under it, is no part
    # (坚持发展第一要务: kept as an empty heading, it hid the review's first paragraph, the lead)
    ("坚持发展第一要务\n\n**2003年经济社会发展取得新成绩** 2003年是不寻常的一年，全区经济稳步增长。\n\n"
     "**一、经济发展步伐加快** 全区生产总值增长10%。\n\n**扎实做好2004年工作** 今年是关键的一年，任务繁重。\n\n"
     "**一、深化改革扩大开放** 全面推进国企改革。\n\n",
     [[1, "2003年经济社会发展取得新成绩"], [2, "经济发展步伐加快"], [1, "扎实做好2004年工作"],
      [2, "深化改革扩大开放"]]),
    ("**2003年政府工作回顾**\n\n过去的一年，我们坚持稳中求进，全省经济稳步增长。\n\n"
     "**2004年政府工作主要任务** 今年政府工作的总体要求是：稳中求进。\n\n**一、继续发挥投资拉动作用**\n\n全年投资增长12%。\n\n"
     "**二、加快结构调整**\n\n大力发展特色产业。\n\n",
     [[1, "2003年政府工作回顾"], [1, "2004年政府工作主要任务"], [2, "继续发挥投资拉动作用"], [2, "加快结构调整"]]),
])
def test_layouts_that_keep_their_levels(body, expected):
    assert outline(_doc(body)) == expected


@pytest.mark.parametrize("line, heading", [
    # the bold ends mid-sentence: the numbered item's heading runs to its sentence's end
    ("**（一）以优化营商环境为基础，**全面深化改革。坚持把落实放在首位。", "以优化营商环境为基础，全面深化改革"),
    ("**三、坚持创新驱动，**加快动能转换。研发投入增长10%。", "坚持创新驱动，加快动能转换"),
    # the whole phrase is bold: unchanged
    ("**（一）以优化营商环境为基础，全面深化改革。**坚持把落实放在首位。", "以优化营商环境为基础，全面深化改革"),
])
def test_a_bold_ending_mid_sentence_does_not_cut_the_heading(line, heading):
    doc = _doc(REVIEW + "**二、2023年重点工作**\n\n" + line + "\n\n")
    assert [h for _, h in outline(doc)][-1] == heading


def test_an_unnumbered_bold_clause_is_emphasis_not_a_heading():
    doc = _doc(REVIEW + "**二、2023年重点工作**\n\n**我们清醒地看到，**当前世界经济正在深度调整，发展面临不少困难。\n\n"
               "**（一）坚持项目为王。**实施扩大内需战略。\n\n")
    assert outline(doc) == [[1, "2022年工作回顾"], [1, "2023年重点工作"], [2, "坚持项目为王"]]
    assert doc.sections[1].paragraphs == ["我们清醒地看到，当前世界经济正在深度调整，发展面临不少困难。"]


def test_a_markdown_heading_ranks_by_its_numbering():
    # ## 一、… and a plain 四、… line of the same list are siblings, whatever the # count
    body = ("**五年来的主要工作**\n\n## 一、支持保护改革开放\n\n全年查处案件。\n\n## 二、严肃政治纪律\n\n维护团结。\n\n"
            "三、认真纠正不正之风\n\n解决突出问题。\n\n## 四、加强组织建设\n\n提高素质。\n\n**今后工作的建议**\n\n一、深入进行廉政建设\n\n"
            "加强教育。\n\n## 二、不断提高工作水平\n\n改进作风。\n\n")
    assert outline(_doc(body)) == [[1, "五年来的主要工作"], [2, "支持保护改革开放"], [2, "严肃政治纪律"], [2, "认真纠正不正之风"],
                                   [2, "加强组织建设"], [1, "今后工作的建议"], [2, "深入进行廉政建设"], [2, "不断提高工作水平"]]


@pytest.mark.parametrize("line, heading", [
    # no stop between a numbered heading and its paragraph: the heading ends after a word headings end with
    ("（五）营造全民创业氛围，促进民营经济加快发展把民营经济作为振兴老工业基地的重要力量，消除制约民营经济发展的体制性障碍，支持民营经济向一、二、三产业全面进军。",
     "营造全民创业氛围，促进民营经济加快发展"),
    ("（二）以超常规意识勇夺“双胜利”，统筹推进疫情防控和经济社会发展坚持目标导向和问题导向相结合，进一步夯实常态化疫情防控，千方百计把时间抢回来、损失补回来。",
     "以超常规意识勇夺“双胜利”，统筹推进疫情防控和经济社会发展"),
    ("（三）扎实推进现代农牧业发展认真贯彻实施农业现代化建设规划纲要，着力提高农业生产经营规模化、标准化、产业化水平，实现农业发展方式由产品数量型向质量效益型转变。",
     "扎实推进现代农牧业发展"),
    # a stop within a heading's length: cut there as before
    ("（一）加快推进经济发展方式转变，保持经济平稳较快发展。全市生产总值预计比上年增长10%左右，地方财政收入比上年增长较快。",
     "加快推进经济发展方式转变，保持经济平稳较快发展"),
])
def test_a_heading_run_into_its_paragraph_is_bounded(line, heading):
    doc = _doc(REVIEW + "**二、2023年重点工作**\n\n" + line + "\n\n")
    assert [h for _, h in outline(doc)][-1] == heading
    assert doc.sections[-1].subsections[-1].paragraphs[0].startswith(line[len(heading) + 3:].lstrip("。")[:6])


@pytest.mark.parametrize("line, heading", [
    # quotation marks or spaces between a run-in's bold pieces are set plain: one run-in
    ("**实施**“**四新**”**产业升级行动。**锚定高端化方向，强化链式突破。", "实施“四新”产业升级行动"),
    ("**推动**  **“十三五”规划重大布局落地，促进县域城区联动发展。**围绕城市副中心战略定位，先规划后建设。",
     "推动“十三五”规划重大布局落地，促进县域城区联动发展"),
    # a bold piece that ends a sentence ends the run-in: the next bold piece is not joined to it
    ("**优化产业布局。** **坚持新型工业化道路**，推动制造业提质增效。", "优化产业布局"),
])
def test_a_run_in_set_in_several_bold_pieces_is_one_heading(line, heading):
    doc = _doc(REVIEW + "**二、2023年重点工作**\n\n**（一）加快推动产业转型升级**\n\n" + line + "\n\n")
    assert outline(doc)[-1] == [3, heading]


def test_a_heading_line_opening_with_an_ordinal_is_an_item_under_its_part():
    # 一是…/二是… heading lines under an unnumbered part are that part's items, as 一、 items are
    body = ("2004年工作回顾\n\n过去一年，全市经济稳步增长。\n\n**一是统筹城乡发展，加快城市化进程**\n\n"
            "**加快城市建设步伐。**编制完成多项规划。\n\n二是统筹区域发展，扶持欠发达地区\n\n"
            "**支持中心城镇发展。**安排专项资金。\n\n2005年工作安排\n\n今年要着重抓好以下工作。\n\n"
            "一、转变经济增长方式，提高经济质量和效益\n\n**从粗放型向集约型转变。**提高效益。\n\n")
    assert outline(_doc(body)) == [[1, "2004年工作回顾"], [2, "统筹城乡发展，加快城市化进程"], [3, "加快城市建设步伐"],
                                   [2, "统筹区域发展，扶持欠发达地区"], [3, "支持中心城镇发展"], [1, "2005年工作安排"],
                                   [2, "转变经济增长方式，提高经济质量和效益"], [3, "从粗放型向集约型转变"]]


@pytest.mark.parametrize("between", [
    "一年来，全市经济总体平稳。我们主要抓了七个方面的工作：\n\n",  # 西宁2020: a lead-in paragraph
    "刚刚过去的2025年，全市上下全力打赢攻坚战。\n\n",  # 银川2026: a paragraph of the review
    "",
])
def test_a_run_in_list_after_run_ins_set_alike_is_their_sibling(between):
    # **一是…。** run-ins after **这五年，…。** run-ins are set as they are: a run-in holds no run-ins, the
    # ordinal list is the part's, beside them (as after an address turn, 佛山2026), not under the last one
    body = ("**一、“十四五”时期工作回顾**\n\n过去五年极不平凡。\n\n**这五年，综合实力跃上新台阶。**经济总量稳步攀升。\n\n"
            "**这五年，民生福祉达到新水平。**就业创业多点发力。\n\n" + between +
            "**一是精准施策、靶向发力。**出台稳增长政策。\n\n**二是创新赋能、提质扩容。**产业升级。\n\n"
            "**二、2026年重点工作**\n\n**（一）聚焦产业转型升级。**推动工业提质。\n\n")
    assert outline(_doc(body)) == [[1, "“十四五”时期工作回顾"], [2, "这五年，综合实力跃上新台阶"],
                                   [2, "这五年，民生福祉达到新水平"], [2, "精准施策、靶向发力"], [2, "创新赋能、提质扩容"],
                                   [1, "2026年重点工作"], [2, "聚焦产业转型升级"]]


def test_run_ins_under_an_ordinal_heading_line_stay_under_it():
    # a whole-line 一是… heading is no run-in: the bold run-ins after it are its subheadings
    body = ("2004年工作回顾\n\n过去一年，全市经济稳步增长。\n\n**一是统筹城乡发展，加快城市化进程**\n\n"
            "**加快城市建设步伐。**编制完成多项规划。\n\n**加大城市管理力度。**整治交通。\n\n")
    assert outline(_doc(body)) == [[1, "2004年工作回顾"], [2, "统筹城乡发展，加快城市化进程"], [3, "加快城市建设步伐"],
                                   [3, "加大城市管理力度"]]


@pytest.mark.parametrize("line, heading, text", [
    # the bold takes in the ordinal that opens the heading's text (郑州2019): the heading ends at its stop
    ("**继续办好民生实事。一是**新增学前教育学位5000个；二是改造老旧小区。", "继续办好民生实事", "一是新增学前教育学位5000个；二是改造老旧小区。"),
    ("**持续提升科技创新能力。第一**，建设重大创新平台。", "持续提升科技创新能力", "第一，建设重大创新平台。"),
    ("**推动文化事业繁荣发展。一是实施文化惠民工程。**引导城乡居民扩大文化消费。", "推动文化事业繁荣发展",
     "一是实施文化惠民工程。引导城乡居民扩大文化消费。"),
    # a stop inside the heading with no ordinal after it keeps the heading whole
    ("**这五年，综合实力跃上新台阶。经济总量稳步攀升。**生产总值年均增长6%。", "这五年，综合实力跃上新台阶。经济总量稳步攀升",
     "生产总值年均增长6%。"),
])
def test_an_ordinal_set_bold_after_a_run_in_heading_opens_its_text(line, heading, text):
    doc = _doc(REVIEW + "**二、2019年主要任务**\n\n**（一）加快建设国家中心城市。**全面提升城市能级。\n\n" + line + "\n\n")
    assert outline(doc)[-1] == [3, heading]
    assert doc.sections[1].subsections[0].subsections[0].paragraphs == [text]


@pytest.mark.parametrize("line", [
    "**今年政府工作的总体要求是：**全面贯彻党的二十大精神，稳中求进。",  # 青海2015, 济南2023
    "**经济社会发展的主要预期目标是**：生产总值增长6%左右。",  # 青海2017: the colon set plain
    "**主要预期目标**是：生产总值增长6%左右。",
    "**主要目标：**生产总值增长6%左右。",  # 银川2016, 郑州2019: a label and its colon
    "**十件实事：**一是推行农村税费改革；二是改造农村电网。",  # 山西2003
])
def test_a_bold_subject_ending_in_a_copula_is_a_lead_in_not_a_heading(line):
    # …目标是： (or a label 主要目标：) is the subject of the sentence its text completes, whether a numbered list follows or run-ins
    body = (REVIEW + "**二、2023年工作总体部署**\n\n" + line + "\n\n**学习新思想、指导新实践。**坚持不忘初心。\n\n"
            "**三、2023年主要任务**\n\n**（一）坚持项目为王。**实施扩大内需战略。\n\n")
    doc = _doc(body)
    assert outline(doc) == [[1, "2022年工作回顾"], [1, "2023年工作总体部署"], [2, "学习新思想、指导新实践"],
                            [1, "2023年主要任务"], [2, "坚持项目为王"]]
    # the sentence is the part's text (a bridge such as 今年政府工作的总体要求是： is cut from it as a formula)
    assert line.replace("**", "").split("：")[1] in doc.sections[1].paragraphs[0]


@pytest.mark.parametrize("line, heading", [
    ("**（**二）突出绿色发展，加强生态环境治理。要始终坚持生态优先。", "突出绿色发展，加强生态环境治理"),  # 银川2014
    ("**（二）**突出绿色发展，加强生态环境治理。要始终坚持生态优先。", "突出绿色发展，加强生态环境治理"),
])
def test_a_bold_number_or_bracket_alone_leaves_the_line_a_numbered_heading(line, heading):
    doc = _doc(REVIEW + "**（一）着力推进产业升级。**工业增加值增长9%。\n\n" + line + "\n\n")
    assert outline(doc) == [[1, "2022年工作回顾"], [2, "着力推进产业升级"], [2, heading]]


def test_a_part_heading_keeps_no_colon():
    # **一、2006年工作回顾：** (江苏2007): the colon announces the part; it is no word of its heading
    doc = _doc("**一、2022年工作回顾：**\n\n过去一年，全市经济稳中向好。\n\n**二、2023年重点工作：**\n\n全面推进各项工作。\n\n")
    assert outline(doc) == [[1, "2022年工作回顾"], [1, "2023年重点工作"]]
