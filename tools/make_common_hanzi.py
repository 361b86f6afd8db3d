"""Writes hooks/govsite/guard/files/common_hanzi.txt: the most used Chinese characters, simplified and traditional
(run once; the output is committed).

    .venv/bin/python tools/make_common_hanzi.py

The ranking is by the frequencies of jieba's dictionary (words counted in a large corpus of modern Chinese),
each word's count given to each of its characters; the traditional forms come from OpenCC (s2t). The file is
what tells the text of a GBK or Big5 file from mojibake (guard/files/encoding.py).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import jieba
import opencc

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hooks/govsite/guard/files/common_hanzi.txt"
TOP = 3500  # the size of 《通用规范汉字表》's first level: what everyday text is made of


def main() -> None:
    counts: Counter[str] = Counter()
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        for char in word:
            if "\u4e00" <= char <= "\u9fff":
                counts[char] += int(freq)
    ranked = [char for char, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))][:TOP]
    to_traditional = opencc.OpenCC("s2t")
    traditional = sorted({to_traditional.convert(char) for char in ranked} - set(ranked))
    OUT.write_text(f"# 常用汉字（简体按 jieba 词典词频排序的前 {TOP} 个，及其繁体字形；tools/make_common_hanzi.py 生成）\n"
                   f"简体：{''.join(ranked)}\n繁体：{''.join(traditional)}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
