"""Plant personal data the way a veterans' bureau's editors write it, and count per class what the guard misses.

    .venv/bin/python bench/plant_bureau.py [--seed 1] [--per 8] [--show] [--negatives]

The forms come from a bureau's daily work: 公示 tables pasted as Markdown or HTML under headers such as 户主, 家属,
受助对象, 退役军人, 联系人, 申请人 in any column; names in a table's caption and in an image's file name; names
after 慰问了, 走访了, 看望了 with a title (老兵, 老党员, 烈属 …); ID numbers with a lower-case x or full-width
digits inside attachments; mobiles with +86 or 0086 or in Chinese numerals; addresses 某小区3号楼2单元501 with no
室 and village addresses in 组 and 号; names in YAML lists of data files and in CSV columns with English headers;
.docx tables and headers, .xlsx hidden sheets, a PDF's text layer, feeds. Every case is generated from seeded
names and numbers (no fixed string) and goes through each reading that applies to it, as bench/plant_forms.py
does: the source scan (personal.scan_text), an attachment's reading at `make check` (personal.scan_attachment)
and the output guard's reading of a published file (output.FileCheck). A case is missed when any reading reports
nothing of its rule and did not refuse the file. With --negatives, the same forms with masked names, place names
and categories count the cases where any reading reports anything (false alarms).
"""
from __future__ import annotations

import argparse
import collections
import html
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "hooks"), str(HERE.parent / "tests")]

from attachments_kit import make_pdf, make_xlsx  # noqa: E402
from files_kit import make_docx, para, run, table  # noqa: E402
from plant_forms import atom, id18_digits, id18x, mobile, page, readings  # noqa: E402

from govsite.guard import personal  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭林罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姜范傅钟卢汪"
GIVEN3 = ("德福", "秀英", "桂兰", "志强", "海燕", "建华", "红霞", "玉梅", "淑珍", "振宇", "晓东", "凤英", "金山",
          "长林", "守义", "宝珍", "永贵", "文斌", "春生", "素芬", "明亮", "国栋", "广田", "翠花",
          # given names of old soldiers that are everyday words too
          "保国", "满仓", "文明", "长江", "得胜", "建设")
GIVEN2 = "伟芳娜敏静丽强磊军洋勇艳杰娟涛斌超霞刚平辉鹏华飞"
# given names that are everyday words jieba reads as the words (建设 vn, 长江 ns, 光荣 …), not in given_words.txt
WORD_GIVEN = ("建设", "得胜", "长江", "光荣", "长城", "平安", "文明", "满仓")
TITLES = ("老兵", "老党员", "烈属", "军属", "抗美援朝老战士", "参战老兵", "困难退役军人", "老复员军人", "伤残军人",
          "退役军人", "优抚对象", "老红军遗孀", "对越自卫反击战老兵")
VISITS = ("慰问了", "走访了", "看望了", "走访慰问了", "探望了", "先后看望了", "登门慰问了", "实地走访了")
HEADERS = ("户主", "家属", "受助对象", "退役军人", "联系人", "申请人", "慰问对象", "优抚对象", "烈士家属",
           "户主姓名", "家属姓名", "帮扶对象", "走访对象")
VILLAGES = ("张庄村", "王楼村", "李家村", "刘寨村", "前进村", "东风村", "柳树屯", "杨庄村")
ESTATES = ("幸福小区", "金水花园", "阳光家园", "锦绣苑", "和平里小区", "绿城小区", "建业新村", "民安小区")
HAN = "〇一二三四五六七八九"
TOWNS = ("示例镇", "城关镇", "东城街道", "新华街道")


def name3(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN3)


def name2(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN2)


def masked(rng):
    return rng.choice((lambda: rng.choice(SURNAMES) + "*" + rng.choice(GIVEN3)[1],
                       lambda: rng.choice(SURNAMES) + "某某", lambda: rng.choice(SURNAMES) + "某",
                       lambda: rng.choice(SURNAMES) + "*"))()


def fullwidth(text):
    return "".join(chr(0xFF10 + int(c)) if c.isdigit() else c for c in text)


def md_table(headers, rows):
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def html_table(headers, rows, caption=""):
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def xlsx_hidden(rows):
    """A workbook whose second sheet, hidden, holds the rows."""
    import io

    import openpyxl
    from attachments_kit import FIXED, _fixed_zip
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表为慰问情况汇总"])
    sheet = book.create_sheet("明细")
    for row in rows:
        sheet.append(row)
    sheet.sheet_state = "hidden"
    book.properties.created = book.properties.modified = FIXED
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def address(rng, kind):
    b, u, r = rng.randint(1, 28), rng.randint(1, 6), f"{rng.randint(1, 18)}0{rng.randint(1, 4)}"
    estate, village = rng.choice(ESTATES), rng.choice(VILLAGES)
    return {
        "estate b-u-r no 室": f"{estate}{b}号楼{u}单元{r}",
        "estate 栋-u-r no 室": f"{estate}{b}栋{u}单元{r}",
        "estate 幢 r no 室": f"{estate}{b}幢{r}",
        "estate b-u-r Chinese numerals": f"{estate}{HAN[b % 10] if b < 10 else '十' + HAN[b % 10]}号楼"
                                        f"{HAN[u]}单元{''.join(HAN[int(c)] for c in r)}",
        "village 组 号": f"{village}{rng.randint(1, 12)}组{rng.randint(1, 99)}号",
        "village Chinese 组 号": f"{village}{HAN[rng.randint(1, 9)]}组{rng.randint(1, 99)}号",
        "village 号 alone": f"{village}{rng.randint(1, 199)}号",
        "town village 组": f"{rng.choice(TOWNS)}{village}{HAN[rng.randint(1, 9)]}组",
        "village 村民组 号": f"{village}第{HAN[rng.randint(1, 9)]}村民组{rng.randint(1, 99)}号",
    }[kind]


def cases(rng: random.Random, negative: bool = False):
    """Yield (class, rule, readings, payload). With negative, the same forms with no person in them."""
    NAME, ID, MOB, ADDR = personal.RULE_NAME, personal.RULE_ID, personal.RULE_MOBILE, personal.RULE_ADDRESS
    who = (lambda: masked(rng)) if negative else (lambda: name3(rng))
    who2 = (lambda: masked(rng)) if negative else (lambda: name2(rng))
    town = rng.choice(TOWNS)
    # tables with a people header in some column
    for header in rng.sample(HEADERS, 3):
        cols = ["序号", "所在镇（街道）", header, "类别", "慰问金（元）"]
        rng.shuffle(cols)
        rows = []
        for k in range(rng.randint(1, 3)):
            values = {"序号": str(k + 1), "所在镇（街道）": rng.choice(TOWNS), header: who(),
                      "类别": rng.choice(("烈属", "伤残军人", "困难退役军人")), "慰问金（元）": "500"}
            rows.append([values[c] for c in cols])
        yield f"md table, 3-char names under a people header ({header})", NAME, ("source",), (
            "content/a.md", "# 慰问名单\n\n" + md_table(cols, rows))
        yield "html table in Markdown, 3-char names under a people header", NAME, ("source",), (
            "content/a.md", html_table(cols, rows) + "\n")
        yield "html page table, 3-char names under a people header", NAME, ("output",), (
            "a.html", page(html_table(cols, rows)))
    # two-character names in one-person-a-row tables
    header = rng.choice(HEADERS)
    rows = [[str(k + 1), who2(), rng.choice(TOWNS)] for k in range(rng.randint(2, 4))]
    yield "md table, 2-char names under a people header", NAME, ("source",), (
        "content/a.md", md_table(["序号", header, "所在镇（街道）"], rows))
    # caption and image file names
    p = who()
    yield "html table caption with a name", NAME, ("output",), ("a.html", page(html_table(
        ["项目", "金额（元）"], [["慰问金", "1000"]], caption=f"{p}家庭慰问情况")))
    yield "md caption line before a table", NAME, ("source",), (
        "content/a.md", f"**表1　{rng.choice(TITLES)}{p}家庭帮扶情况**\n\n" + md_table(["项目", "金额（元）"],
                                                                                  [["慰问金", "1000"]]))
    yield "image file name with a name", NAME, ("source",), (f"content/files/{rng.choice(('慰问', '看望', '走访'))}{p}.jpg",
                                                             None)
    yield "image file name with a title and name", NAME, ("source",), (
        f"content/files/{rng.choice(('老兵', '烈属', '老党员'))}{p}{rng.choice(('家中', '合影', '近照'))}.jpg", None)
    # visits with titles
    title, visit = rng.choice(TITLES), rng.choice(VISITS)
    yield "visited + title + 3-char name", NAME, ("unit",), (
        f"区退役军人事务局{visit}{title}{p}，为其送去慰问金和慰问品。")
    yield "visited + title + 2-char name", NAME, ("unit",), (
        f"节日前夕，局领导{visit}{rng.choice(TITLES)}{who2()}，详细询问其身体状况。")
    yield "visited + several titled names", NAME, ("unit",), (
        f"工作组{visit}{title}{who()}、{rng.choice(TITLES)}{who()}等{rng.randint(3, 9)}户家庭。")
    yield "visited + name + 家中", NAME, ("unit",), f"{rng.choice(('来到', '走进'))}{title}{who()}家中，送上节日祝福。"
    yield "title + name + 老人", NAME, ("unit",), f"{visit}{title}{who()}老人。"
    yield "visited + title + name in a feed", NAME, ("output",), ("feed.xml", atom(
        f"<p>{visit}{title}{who()}，送上慰问金。</p>", "single"))
    # a masked number, an age, a bare visit verb, 家庭, a title after the name
    p3, mid = who(), id18_digits(rng)
    masked_id = rng.choice((mid[:6] + "*" * 8 + mid[14:], mid[:2] + "*" * 14 + mid[16:], mid[:3] + "*" * 11 + mid[14:]))
    masked_phone = (ph := mobile(rng))[:3] + "****" + ph[7:]
    yield "name beside a masked ID number", NAME, ("unit",), (
        f"{p3}{rng.choice(('（身份证号：', '，身份证号码', ' ', '　'))}{masked_id}{rng.choice(('）', '', '，退役士兵'))}")
    yield "name beside a masked mobile", NAME, ("unit",), (
        f"{p3}{rng.choice(('，联系电话', ' ', '　', '（'))}{masked_phone}{rng.choice(('', '）', '，示例镇'))}")
    yield "name, age", NAME, ("unit",), (
        f"{p3}{rng.choice(('，', '，今年', '（', ','))}{rng.randint(60, 99)}岁{rng.choice(('，', '）', '，示例镇人'))}")
    yield "bare visit verb + name", NAME, ("unit",), (
        f"{rng.choice(('局领导', '工作人员', '', '区委书记'))}{rng.choice(('慰问', '看望', '走访', '探望', '看望慰问', '走访慰问'))}"
        f"{p3}{rng.choice(('', '。', '，送去慰问金', '并合影'))}")
    yield "visit title + name in a file name", NAME, ("source",), (
        f"content/files/{rng.choice(('慰问', '看望', '走访'))}{p3}{rng.choice(('', '老人', '-1'))}.jpg", None)
    yield "name + 家庭", NAME, ("unit",), (
        f"{rng.choice(('', '烈属', '向'))}{p3}家庭{rng.choice(('帮扶情况', '慰问情况', '发放慰问金', '被评为最美家庭'))}")
    yield "name + 老兵/老战士 after it", NAME, ("unit",), (
        f"{rng.choice(('', '看望', '为'))}{p3}{rng.choice(('老兵', '老战士', '老党员', '老军人'))}"
        f"{rng.choice(('今年92岁', '送去慰问金', '讲述战斗经历'))}")
    yield "name, home village or town", NAME, ("unit",), (
        f"{p3}，{rng.choice(TOWNS)}{rng.choice(VILLAGES + ('',))}人，{rng.randint(1930, 1960)}年出生")
    yield "names before a count and a title or 户", NAME, ("unit",), (
        f"{p3}、{who()}{rng.choice(('两位老兵', '二位老战士', '2位老党员', '等3户', '等5户困难家庭'))}")
    if not negative:
        hm = "".join(HAN[int(c)] for c in ph)
        yield "mobile in Chinese numerals with 零", MOB, ("unit",), f"手机{hm.replace('〇', '零')}"
        yield "mobile in Chinese numerals, spaced groups", MOB, ("unit",), f"手机：{hm[:3]} {hm[3:7]} {hm[7:]}"
        yield "mobile in Chinese numerals, dashes", MOB, ("unit",), f"联系电话：{hm[:3]}-{hm[3:7]}-{hm[7:]}"
    # YAML data lists
    names = [who() for _ in range(rng.randint(2, 4))]
    key = rng.choice(("慰问对象", "走访对象", "受助对象", "帮扶对象", "人员"))
    yield "yaml flow list of names", NAME, ("source",), (
        "data/visits.yml", f"标题: 走访慰问\n{key}: [{', '.join(names)}]\n")
    yield "yaml block list of names", NAME, ("source",), (
        "data/visits.yml", f"标题: 走访慰问\n{key}:\n" + "".join(f"  - {n}\n" for n in names))
    yield "yaml list of records, English keys", NAME, ("source",), (
        "data/visits.yml", "records:\n" + "".join(f"  - name: {n}\n    town: {rng.choice(TOWNS)}\n" for n in names))
    # CSV with English headers
    phone, number = mobile(rng), id18_digits(rng)
    rows = "".join(f"{n},{rng.choice(TOWNS)},退役士兵\n" for n in names)
    yield "csv English header name, 3-char", NAME, ("attachment", "output"), (
        "a.csv", ("name,town,type\n" + rows).encode("gbk"))
    rows2 = "".join(f"{who2()},{rng.choice(TOWNS)}\n" for _ in range(3))
    yield "csv English header name, 2-char", NAME, ("attachment", "output"), (
        "a.csv", ("name,town\n" + rows2).encode("utf-8"))
    rows3 = "".join(f"{who2()},{rng.choice(TOWNS)}\n" for _ in range(rng.randint(1, 3)))
    yield "csv English or pinyin name header, 2-char", NAME, ("attachment", "output"), (
        "a.csv", (f"{rng.choice(('Full Name', 'real_name', 'xingming', 'XM', 'NAME'))},town\n" + rows3).encode(
            rng.choice(("utf-8", "gbk"))))
    # a given name that is an everyday word (张建设, 刘得胜), a surname jieba reads as a word (曾, 余)
    pw = (lambda: masked(rng)) if negative else (lambda: rng.choice(SURNAMES + "曾余曾余") + rng.choice(WORD_GIVEN))
    yield "visit + title + word given name", NAME, ("unit",), (
        f"{rng.choice(VISITS)}{rng.choice(TITLES)}{pw()}{rng.choice(('，送去慰问金。', '。', ''))}")
    yield "bare visit + word given name", NAME, ("unit",), (
        f"{rng.choice(('局领导', ''))}{rng.choice(('慰问', '看望', '走访', '走访慰问'))}{pw()}")
    yield "word given name + 家庭", NAME, ("unit",), f"{rng.choice(('', '烈属', '向'))}{pw()}家庭帮扶情况"
    if negative:
        # words that begin with a surname, in a photo's file name and alone
        yield "photo named by a word beginning with a surname", NAME, ("source",), (
            f"content/files/{rng.choice(('全家福', '常青树', '全家福合影', '常青树照片'))}{rng.choice(('', '1', '_2'))}.jpg",
            None)
        yield "the people of a whole place, alone", NAME, ("unit",), f"全{rng.choice('镇庄村乡县屯寨')}人"
    if not negative:
        yield "csv English header phone", MOB, ("attachment", "output"), (
            "a.csv", f"name,phone\n{masked(rng)},{phone}\n".encode())
        yield "csv English header id", ID, ("attachment", "output"), (
            "a.csv", f"name,id\n{masked(rng)},{number}\n".encode())
    # docx tables and headers
    yield "docx table under a people header", NAME, ("attachment", "output"), ("a.docx", make_docx(
        [para(run("慰问名单")), table([["序号", rng.choice(HEADERS), "所在镇"], ["1", who(), town], ["2", who(), town]])]))
    yield "docx page header with a name", NAME, ("attachment", "output"), ("a.docx", make_docx(
        [para(run("正文"))], header=f"经办人：{who()}"))
    yield "docx paragraph visited + title", NAME, ("attachment", "output"), ("a.docx", make_docx(
        [para(run(f"{rng.choice(VISITS)}{rng.choice(TITLES)}{who()}，送去慰问金。"))]))
    # xlsx hidden sheet
    yield "xlsx hidden sheet, people header", NAME, ("attachment", "output"), ("a.xlsx", xlsx_hidden(
        [["序号", rng.choice(HEADERS), "所在镇"], [1, who(), town], [2, who(), town]]))
    yield "xlsx hidden sheet, 2-char names under 户主", NAME, ("attachment", "output"), ("a.xlsx", xlsx_hidden(
        [["序号", "户主", "所在镇"], [1, who2(), town], [2, who2(), town]]))
    # PDF text layer
    yield "pdf list of visited people", NAME, ("attachment", "output"), ("a.pdf", make_pdf([[
        "走访慰问对象名单", *[f"{k + 1}  {who()}  {rng.choice(TOWNS)}  {rng.choice(TITLES)}" for k in range(3)]]]))
    yield "pdf sentence visited + title", NAME, ("attachment", "output"), ("a.pdf", make_pdf([[
        f"{rng.choice(VISITS)}{rng.choice(TITLES)}{who()}。"]]))
    if negative:
        return
    # ID numbers with x/X or full-width digits in attachments
    x = id18x(rng)
    for form, value in (("lower x", x.lower()), ("upper X", x), ("full-width digits", fullwidth(number)),
                        ("full-width X", fullwidth(x).replace("X", "Ｘ"))):
        yield f"ID {form} in xlsx", ID, ("attachment", "output"), ("a.xlsx", make_xlsx(
            {"名单": [["姓名", "身份证号"], [masked(rng), value]]}))
        yield f"ID {form} in docx table", ID, ("attachment", "output"), ("a.docx", make_docx(
            [table([["姓名", "公民身份号码"], [masked(rng), value]])]))
        yield f"ID {form} in pdf", ID, ("attachment", "output"), ("a.pdf", make_pdf([[f"{masked(rng)}  {value}"]]))
        yield f"ID {form} in csv gbk", ID, ("attachment", "output"), ("a.csv", f"姓名,身份证号\n{masked(rng)},{value}\n"
                                                                       .encode("gbk"))
    # phones with a country code, or in Chinese numerals
    for form, value in (("+86", f"+86{phone}"), ("+86 space", f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}"),
                        ("0086", f"0086{phone}"), ("0086-", f"0086-{phone}"),
                        ("(+86)", f"(+86){phone}"), ("86-", f"86-{phone}")):
        yield f"mobile {form} in xlsx", MOB, ("attachment", "output"), ("a.xlsx", make_xlsx(
            {"名单": [["姓名", "联系方式"], [masked(rng), value]]}))
        yield f"mobile {form} in prose without a label", MOB, ("unit",), f"如有疑问请致电{value}咨询。"
    han = "".join(HAN[int(c)] for c in phone)
    yield "mobile in Chinese numerals after 手机", MOB, ("unit",), f"手机{han}"
    yield "mobile in Chinese numerals after 电话：", MOB, ("unit",), f"联系电话：{han}。"
    yield "mobile in Chinese numerals, 幺 for 1", MOB, ("unit",), f"手机号码：{han.replace('一', '幺')}"
    yield "mobile in Chinese numerals, no label", MOB, ("unit",), f"有事可打{han}找他。"
    yield "mobile in Chinese numerals in docx", MOB, ("attachment", "output"), ("a.docx", make_docx(
        [para(run(f"联系电话：{han}"))]))
    # addresses
    for kind in ("estate b-u-r no 室", "estate 栋-u-r no 室", "estate 幢 r no 室", "estate b-u-r Chinese numerals",
                 "village 组 号", "village Chinese 组 号", "village 号 alone", "town village 组", "village 村民组 号"):
        where = address(rng, kind)
        yield f"address {kind}", ADDR, ("unit",), f"{masked(rng)}，现住{where}。"
        yield f"address {kind}, no cue", ADDR, ("unit",), f"{where}"
        yield f"address {kind} in a 住址 column", ADDR, ("source",), (
            "content/a.md", md_table(["姓名", "住址"], [[masked(rng), where], [masked(rng), address(rng, kind)]]))


NEGATIVE_EXTRA = ()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per", type=int, default=8)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--negatives", action="store_true")
    args = ap.parse_args()
    planted, missed = collections.Counter(), collections.Counter()
    examples = {}
    for k in range(args.per):
        rng = random.Random(args.seed * 1000 + k)
        for cls, rule, how, payload in cases(rng, args.negatives):
            planted[cls] += 1
            found = readings(rule, how, payload)
            if args.negatives:
                bad = any(rs for rs in found.values())
            else:
                bad = any(rule not in rs and not _refused(rs) for rs in found.values())
            if bad:
                missed[cls] += 1
                examples.setdefault(cls, []).append((payload if isinstance(payload, str) else payload[0:2], found))
    word = "false alarms" if args.negatives else "missed"
    for cls in planted:
        print(f"{missed[cls]:3d}/{planted[cls]:<3d} {cls}")
    print(f"all: {sum(missed.values())} of {sum(planted.values())} {word}; "
          f"classes with any: {sum(1 for c in planted if missed[c])} of {len(planted)}")
    if args.show:
        for cls, shown in examples.items():
            for what, found in shown[:4]:
                if isinstance(what, tuple) and isinstance(what[1], bytes):
                    what = what[0]
                print(f"-- {cls}: {what!r} -> {found}")


def _refused(rules: set[str]) -> bool:
    return any(r.startswith(("无法", "不能", "未能", "crash Unreadable")) or "格式" in r for r in rules)


if __name__ == "__main__":
    main()
