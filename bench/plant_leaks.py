"""Copy a built output folder and plant personal data in it, for comparing the output guard's findings between
revisions (`bench/guard_checks.py --dump`: they must be the same, with their values).

    .venv/bin/python bench/plant_leaks.py --out /tmp/site-10k-out --to /tmp/site-10k-planted [--pages 40] [--seed 7]

Planted, with generated names and numbers: in `--pages` pages with an article (before its end), three each of a
list 等N名同志, a contact 同志 with a landline, 联系人 with a mobile, an image's alt text, a 姓名 table, a home
address, an ID number, a case file's 收到…的申请, Lorem ipsum and a link to another host; in feeds/all.xml's first
item, api/catalogue.json's first summary and searchindex/c/5.json's first record, names, numbers and an address.
Everything planted is written as the templates and the engine write it (escaped text in HTML, JSON strings).
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林"
GIVEN = ("建华", "国强", "秀英", "志明", "海燕", "明", "伟", "丽娟", "晓东", "桂兰", "振宇", "玉梅", "德胜", "静")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _id18(rng: random.Random) -> str:
    first = f"410105{rng.randint(1950, 1999)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, ID_WEIGHTS)) % 11]


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"


def _snippets(rng: random.Random) -> list[str]:
    a, b, c = _person(rng), _person(rng), _person(rng)
    return [
        f"<p>经审核，{a}、{b}、{c}等{rng.randint(3, 9)}名同志符合条件。</p>",
        f"<p>如有疑问，请与{a}同志联系，电话0371-6{rng.randint(1000000, 9999999)}。</p>",
        f"<p>联系人：{c}，手机{_mobile(rng)}。</p>",
        f'<p><img src="/favicon.ico" alt="{b}同志在慰问现场"></p>',
        f"<table><tr><th>姓名</th><th>安置去向</th></tr><tr><td>{a}</td><td>区环卫所</td></tr>"
        f"<tr><td>{b}</td><td>区民政局</td></tr></table>",
        f"<p>家庭住址：示例区人民路{rng.randint(1, 300)}号{rng.randint(1, 20)}栋{rng.randint(1, 6)}单元"
        f"{rng.randint(1, 30)}0{rng.randint(1, 4)}室</p>",
        f"<p>身份证号：{_id18(rng)}</p>",
        f"<p>我局收到{c}的政府信息公开申请，已于法定期限内答复。</p>",
        "<p>Lorem ipsum dolor sit amet</p>",
        f'<p><a href="https://evil{rng.randint(1, 99)}.example.com/x">外部</a></p>',
    ]


def _insert(path: Path, before: str, text: str, after: str = "") -> None:
    """`text` put in `path` right before the first `before` that follows the first `after` (when given)."""
    content = path.read_text(encoding="utf-8")
    at = content.index(before, content.index(after) + len(after) if after else 0)
    path.write_text(content[:at] + text + content[at:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="a built output folder (left as it is)")
    parser.add_argument("--to", type=Path, required=True, help="the copy to plant in (replaced)")
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    shutil.rmtree(args.to, ignore_errors=True)
    shutil.copytree(args.out, args.to)
    pages = sorted(p for p in args.to.rglob("index.html") if "<article" in p.read_text(encoding="utf-8"))
    for page in rng.sample(pages, args.pages):
        _insert(page, "</article>", "\n".join(rng.sample(_snippets(rng), 3)) + "\n")
    _insert(args.to / "feeds/all.xml", "</description>", f"联系人：{_person(rng)}，手机{_mobile(rng)}", after="<item>")
    _insert(args.to / "api/catalogue.json", "", f"经审核，{_person(rng)}、{_person(rng)}、{_person(rng)}等3名同志符合条件，"
            f"身份证号{_id18(rng)}。", after='"summary": "')
    _insert(args.to / "searchindex/c/5.json", "", f"联系人：{_person(rng)}，手机{_mobile(rng)} "
            "家庭住址：示例区建设路12号3栋2单元501室 ", after='["')
    print(f"planted in {args.pages} pages, a feed, the catalogue and an index chunk of {args.to}")


if __name__ == "__main__":
    main()
