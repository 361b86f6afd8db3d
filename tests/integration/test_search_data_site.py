"""What the editors keep for the search (data/search/), in the real strict build: every synonym and everyday word
finds something, every intent's page is a record, lists are marked, and a page that does not exist stops the
build with the line to fix.

Expected values come from the data files and the pages' text, not from the index's own lists.
"""
from __future__ import annotations

import functools
import json
import re
import struct

import yaml

from govsite.search.text import fold
from govsite.types.laws.numerals import int_to_chinese
from sitekit import REPO, copy_site, run_build, search_record_texts

FLAG_LISTING = 4


def _records(site):
    titles = json.loads((site / "searchindex/titles.json").read_text(encoding="utf-8"))
    texts = search_record_texts(site)
    table = (site / "searchindex/records.bin").read_bytes()
    flags = [struct.unpack_from("<BBHH", table, 8 + 6 * rid)[1] for rid in range(len(titles))]
    return [(row[0], fold(" ".join([row[1], *(row[4:5] or [""]), text])), flag)
            for row, text, flag in zip(titles, texts, flags)]


def test_every_synonym_and_everyday_word_finds_something(built_site):
    """Searching any word of synonyms.yml finds pages: a group of synonyms has a member on some page, and every
    official term an everyday word stands for is on some page (an everyday word whose official term the site
    does not use would find nothing: a mistake to fix in the data)."""
    data = yaml.safe_load((REPO / "data/search/synonyms.yml").read_text(encoding="utf-8"))
    text = " ".join(t for _, t, _ in _records(built_site))
    for group in data["同义词"]:
        assert any(fold(w) in text for w in group), group
    for entry in data["俗称"]:
        missing = [w for w in entry["正式说法"] if fold(w) not in text]
        assert not missing, (entry["说法"], missing)
    assert len(data["俗称"]) >= 30  # seeded from the law texts and the Q&A, for editors to extend


def test_every_intent_page_is_a_search_record(built_site):
    data = yaml.safe_load((REPO / "data/search/intents.yml").read_text(encoding="utf-8"))
    urls = [url for url, _, _ in _records(built_site)]
    words = json.loads((built_site / "searchindex/words.json").read_text(encoding="utf-8"))
    assert [urls[rid] for rid, *_ in words["intents"]] == [entry["页面"] for entry in data["入口"]]
    laws = {urls[rid] for rid in words["laws"]}
    assert {"laws/tuiyi-junren-baozhangfa/", "laws/geren-xinxi-baohufa/", "laws/tuiyi-shibing-anzhi-tiaoli/"} <= laws
    assert not any("#" in url for url in laws)


def test_lists_and_catalogues_are_marked_and_documents_are_not(built_site):
    flags = {url: flag for url, _, flag in _records(built_site)}
    for url in ("xxgk/zcwj/", "xxgk/ml/", "xxgk/ml/2024/all/gzbg/", "xxgk/ndbg/", "notices/", "laws/", "pufa/anli/",
                "services/guides/", "feeds/", "", "pufa/dati/tuiyi-junren-baozhangfa/", "services/"):
        assert flags[url] & FLAG_LISTING, url
    for url in ("xxgk/zcwj/2024-001/", "xxgk/ndbg/2024/", "notices/2023/yangguang-anzhi-2023-jieguo/",
                "laws/tuiyi-junren-baozhangfa/", "services/guides/youdaizheng-shenling/", "xxgk/ysqgk/", "hdjl/"):
        assert not flags[url] & FLAG_LISTING, url


def test_an_intent_page_that_does_not_exist_stops_the_build(tmp_path):
    root = copy_site(tmp_path / "repo")
    path = root / "data/search/intents.yml"
    text = path.read_text(encoding="utf-8")
    assert "    页面: hdjl/\n" in text
    path.write_text(text.replace("    页面: hdjl/\n", "    页面: hudong/\n", 1), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if t == "    页面: hudong/")
    result = run_build(root, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"data/search/intents.yml:{line} 入口“互动交流（投诉、意见建议、局长信箱）” 页面: 本站没有可搜索的页面“hudong/”" in output
    assert "Traceback" not in output


def test_a_catalogues_year_and_kind_ask_for_that_years_documents_first(built_site):
    """Each catalogue view titled with a year and a kind (政府信息公开目录：2023年、规范性文件), asked as 2023年的规范性文件
    by search.js in Node on the built index: the view may come before a document of that year holding the same
    words only when a document of another year holding them comes before it too (the year's document would then
    be beaten by another year's, and the view is the better answer). A document's year is the one its title names,
    else the one of its 索引号."""
    import re
    import subprocess

    titles = json.loads((built_site / "searchindex/titles.json").read_text(encoding="utf-8"))
    flags = {url: flag for url, _, flag in _records(built_site)}
    kinds = {}
    for row in titles:
        found = re.fullmatch(r"政府信息公开目录：(\d{4})年、([^、]+)", row[1])
        if found:
            kinds[f"{found[1]}年的{found[2]}"] = (row[0], found[1])
    assert kinds

    def year_of(row):
        named = re.findall(r"(?:19|20)\d\d", row[1])
        if named:
            return named
        index_number = re.search(r"/((?:19|20)\d\d)-\d{5}", row[4] if len(row) > 4 else "")
        return [index_number[1]] if index_number else []
    years = {row[0]: year_of(row) for row in titles}
    asked = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in kinds)
    done = subprocess.run(["node", str(REPO / "bench/search_same.js"), str(REPO / "content/assets/search/search.js"),
                           str(built_site / "searchindex")], input=asked, capture_output=True, text=True, check=True)
    for line in done.stdout.splitlines():
        answer = json.loads(line)
        view, year = kinds[answer["q"]]
        hits = answer["run"]["hits"]  # [url, score, count, held, pinned]
        place = next((i for i, h in enumerate(hits) if h[0] == view), None)
        if place is None:
            continue
        held = hits[place][3]
        later = [h[0] for h in hits[place + 1:] if h[3] == held and not flags[h[0]] & FLAG_LISTING
                 and year in years[h[0]]]
        before = [h[0] for h in hits[:place] if h[3] == held and not flags[h[0]] & FLAG_LISTING
                  and years[h[0]] and year not in years[h[0]]]
        assert not later or before, (answer["q"], hits[:place + 1], later)


# ------------------------------------------------------------------ everyday words asked in a question

def _ask(site, queries):
    """Each query searched by search.js in Node on the built index (bench/search_same.js): {query: its result}."""
    import subprocess

    done = subprocess.run(["node", str(REPO / "bench/search_same.js"), str(REPO / "content/assets/search/search.js"),
                           str(site / "searchindex")], capture_output=True, text=True, check=True,
                          input="".join(json.dumps(q, ensure_ascii=False) + "\n" for q in queries))
    return {answer["q"]: answer["run"] for answer in map(json.loads, done.stdout.splitlines())}


@functools.cache
def _intent_words() -> frozenset[str]:
    """The words of intents.yml (classes, phrasings, words that may come along), folded. Read once: the tests ask
    it for each of a thousand words."""
    intents = yaml.safe_load((REPO / "data/search/intents.yml").read_text(encoding="utf-8"))
    words = {fold(w) for c in intents["同类说法"] for w in c}
    return frozenset(words) | {fold(w) for e in intents["入口"] for w in (*e.get("可带词语", []), *(w for p in e["问法"] for w in p))}


# What people put around the word they ask about (filler words of vocabulary.yml), and the shapes of a question.
BEFORE = ["请问", "我想了解", "想问一下", ""]
AFTER = ["怎么办", "吗", "是怎么规定的", "有哪些规定"]


def test_an_everyday_word_in_a_question_finds_a_page_with_its_official_term(built_site):
    """A question made of an everyday word of synonyms.yml and filler words — one word of every entry, and more
    sampled over the whole file, seeded — is answered (not told 没有找到), and its first hit holds one of the word's
    official terms (or the word itself, when a page happens to use it): the bridge works through the split, the
    verdict and the ranking, not only in the data. (The browser test asks a sample of the same in Chromium: this
    is the one that reaches every entry.)"""
    import random

    data = yaml.safe_load((REPO / "data/search/synonyms.yml").read_text(encoding="utf-8"))
    # An official term that is itself an everyday word (复原军人 -> 复员军人 -> 退役军人) is looked for as its own
    # official terms too.
    stands = {fold(say): [fold(t) for t in entry["正式说法"]] for entry in data["俗称"] for say in entry["说法"]}
    # not the words of intents.yml: a question phrased as an intent goes to its page, by design (告状 → 互动交流)
    pairs = [(say, official + [t for o in official for t in stands.get(o, [])]) for say, official in stands.items()
             if len(say) >= 2 and say not in _intent_words()]
    rng = random.Random(11)
    sample = rng.sample(pairs, 150)
    official_of = dict(pairs)
    for entry in data["俗称"]:
        say = next((fold(s) for s in entry["说法"] if fold(s) in official_of), None)
        if say is not None:
            sample.append((say, official_of[say]))
    assert len(sample) >= 150 + len(data["俗称"]) * 9 // 10, "most entries have a word a question can be made of"
    questions = {rng.choice(BEFORE) + say + rng.choice(AFTER): (say, official) for say, official in sample}
    texts = {url: text for url, text, _ in _records(built_site)}
    asked = _ask(built_site, questions)
    wrong = []
    for question, (say, official) in questions.items():
        run = asked[question]
        first = run["hits"][0][0] if run["hits"] else None
        if run["noAnswer"] or first is None or not any(w in texts[first] for w in (say, *official)):
            wrong.append((question, official, first, run["noAnswer"], run["words"]))
    assert not wrong, wrong


def _unrelated_words(built_site, count: int, seed: int) -> list[str]:
    """Nouns of the language (jieba's dictionary: tag n, two characters, used 300 to 3,000 times — rarer ones are
    hardly typed, commoner ones say little of a question by design) that no page holds, that are not words of the
    editors' data nor hold one or sit inside one, and are not the asker's own words: subjects the site says nothing
    about (宠物, 钢琴 …). Seeded sample."""
    import random

    import jieba

    data = yaml.safe_load((REPO / "data/search/synonyms.yml").read_text(encoding="utf-8"))
    vocabulary = yaml.safe_load((REPO / "data/search/vocabulary.yml").read_text(encoding="utf-8"))
    editors = {fold(w) for e in data["俗称"] for w in (*e["说法"], *e["正式说法"])}
    editors |= {fold(w) for g in data["同义词"] for w in g}
    editors |= {fold(w) for key in ("忽略词语", "专用词语", "提问者用语", "本局名称") for w in vocabulary.get(key, [])}
    text = " ".join(t for _, t, _ in _records(built_site))
    # nor what a word of the site shortens to the Chinese way (司机 of 司法机关): read as that word, by design
    site_words = [w for group in json.loads((built_site / "searchindex/words.json").read_text(encoding="utf-8"))[
        "words"].values() for w in group.split()]
    editors |= {w[::2] for w in site_words if len(w) in (4, 6)}
    nouns = []
    with jieba.dt.get_dict_file() as handle:
        for line in handle.read().decode("utf-8").splitlines():
            word, number, tag = line.split(" ")
            word = fold(word)
            if (tag == "n" and 300 <= int(number) < 3000 and re.fullmatch(r"[\u4e00-\u9fff]{2}", word)
                    and word not in text and not any(word in e or e in word for e in editors if len(e) >= 2)
                    and not any(c in editors for c in word)):
                nouns.append(word)
    return random.Random(seed).sample(sorted(set(nouns)), count)


def test_subjects_the_site_does_not_speak_of_still_have_no_answer(built_site):
    """The bridges are not so broad that a question on something else looks answered: a noun the site never uses
    (_unrelated_words), asked about beside the site's broadest word (退役军人) or beside one everyday word of the
    data, is told 没有找到 (or in doubt, which is said as plainly). An everyday word alone stands for one subject;
    a bridge that made any noun a subject of the site (a single character such as 钱 or 卡) fails here."""
    import random

    data = yaml.safe_load((REPO / "data/search/synonyms.yml").read_text(encoding="utf-8"))
    says = sorted(fold(s) for e in data["俗称"] for s in e["说法"] if len(fold(s)) >= 2 and fold(s) not in _intent_words())
    rng = random.Random(13)
    questions = {}
    for noun in _unrelated_words(built_site, 80, 17):
        # endings that glue to no character before them (有哪些 would make 公有 of 大公)
        questions["退役军人" + noun + rng.choice(["怎么办", "吗"])] = noun
        questions[rng.choice(says) + "的" + noun + rng.choice(["怎么办", "吗"])] = noun
    asked = _ask(built_site, questions)
    # A noun the split does not keep whole (又名: a particle and a character, the asker's sentence) asks nothing.
    kept = [q for q, noun in questions.items() if noun in asked[q]["words"]]
    assert len(kept) >= 100, len(kept)
    # a question sent to an intent's page (补贴钱 holds 补贴 of 领补贴) is answered by that page, not by a bridge
    answered = [(q, asked[q]["words"], asked[q]["hits"][:1]) for q in kept
                if asked[q]["hits"] and not asked[q]["noAnswer"] and not asked[q]["intent"]]
    assert not answered, answered


# ------------------------------------------------------------------ a character typed for another of the same sound

def _mistype(word: str, rng, site_words) -> str | None:
    """`word` with one character put for another of the same usual reading (GB2312's common characters: what an
    input method offers), when that gives no word of the site nor of the language in common use (typed as meant:
    never corrected, by design); None when none does."""
    import jieba

    from govsite.search import pinyin as pinyin_module

    usual = pinyin_module._usual()
    by_sound = {}
    for char in pinyin_module.common_characters():
        if usual.get(char):
            by_sound.setdefault(usual[char][0], []).append(char)
    places = [i for i, c in enumerate(word) if usual.get(c)]
    rng.shuffle(places)
    for i in places:
        others = [c for c in by_sound.get(usual[word[i]][0], []) if c != word[i]]
        rng.shuffle(others)
        for other in others:
            typed = word[:i] + other + word[i + 1:]
            if typed not in site_words and not any(typed in w for w in site_words) and \
                    (jieba.get_FREQ(typed) or 0) < 100:
                return typed
    return None


def _site_words(site) -> set[str]:
    words = json.loads((site / "searchindex/words.json").read_text(encoding="utf-8"))
    return {w for group in words["words"].values() for w in group.split()}


def test_a_law_named_with_a_same_sounding_character_lands_on_its_article(built_site):
    """A law in force named by its short name (简称) with one character typed for another of the same sound, and an
    article in Arabic or Chinese numerals, is answered by that article: a correction (您是不是要找) is understood as
    if typed, not only searched (some such names are read as the law's without one: 蝇雄烈士保护法 holds enough of
    英雄烈士保护法's characters)."""
    import random

    from govsite.search.text import fold as fold_text

    titles = json.loads((built_site / "searchindex/titles.json").read_text(encoding="utf-8"))
    urls = {row[0] for row in titles}
    site_words = _site_words(built_site)
    rng = random.Random(23)
    questions = {}
    for path in sorted((REPO / "data/laws").glob("*.yml")):
        law = yaml.safe_load(path.read_text(encoding="utf-8"))
        if law.get("废止日期") or not law.get("简称"):
            continue
        url = f"laws/{path.stem}/"
        articles = sorted(int(u.rsplit("-", 1)[1]) for u in urls if u.startswith(url + "#art-"))
        short = fold_text(law["简称"])
        core = short[:-2] if short.endswith("条例") else short[:-1] if short.endswith("法") else short
        for n in rng.sample(articles, min(6, len(articles))):
            typed = _mistype(core, rng, site_words)
            if typed is None:
                continue
            number = rng.choice([f"第{n}条", f"{n}条", f"第{int_to_chinese(n)}条"])
            questions[typed + short[len(core):] + number] = f"{url}#art-{n}"
    assert len(questions) >= 30, len(questions)
    asked = _ask(built_site, questions)
    wrong = [(q, want, asked[q]["suggestion"], [h[0] for h in asked[q]["hits"][:2]]) for q, want in questions.items()
             if not asked[q]["hits"] or asked[q]["hits"][0][0] != want]
    assert not wrong, wrong


def test_an_everyday_word_typed_with_a_same_sounding_character_is_corrected(built_site):
    """An everyday word of synonyms.yml that no page holds, typed with one character for another of the same sound
    in a question, is corrected to it (您是不是要找) and the question answered: the word meant is on the site as the
    official terms it stands for, not as typed."""
    import random

    data = yaml.safe_load((REPO / "data/search/synonyms.yml").read_text(encoding="utf-8"))
    texts = " ".join(text for _, text, _ in _records(built_site))
    site_words = _site_words(built_site)
    says = sorted({fold(s) for e in data["俗称"] for s in e["说法"]
                   if 2 <= len(fold(s)) <= 4 and fold(s) not in texts and fold(s) not in _intent_words()})
    rng = random.Random(29)
    questions = {}
    for say in rng.sample(says, 80):
        typed = _mistype(say, rng, site_words)
        if typed is not None:
            questions["请问" + typed + "怎么办"] = say
    assert len(questions) >= 40, len(questions)
    asked = _ask(built_site, questions)
    wrong = [(q, say, asked[q]["suggestion"], asked[q]["noAnswer"]) for q, say in questions.items()
             if not asked[q]["suggestion"] or say not in asked[q]["suggestion"] or asked[q]["noAnswer"]]
    assert len(wrong) <= len(questions) // 10, (len(wrong), len(questions), wrong)


def test_a_list_holding_one_word_more_than_a_document_comes_after_it(built_site):
    """A list (the finder of benefits, a catalogue, quiz questions quoting laws) holds many words of a question
    because it gathers many texts, each word from another of them: a document holding one word fewer comes before
    it. Questions made of three specific words of a list's text that no document holds together, where some
    document holds two, asked by search.js in Node on the built index; a list whose own title holds every word is
    not such a case."""
    import random
    import subprocess

    records = _records(built_site)
    words = json.loads((built_site / "searchindex/words.json").read_text(encoding="utf-8"))
    site = sorted({w for group in words["words"].values() for w in group.split() if 2 <= len(w) <= 4})
    fillers = set(words["fillers"].split())
    holders = {w: {i for i, (_, text, _) in enumerate(records) if w in text} for w in site if w not in fillers}
    specific = [w for w, held in holders.items() if 2 <= len(held) <= len(records) * 0.05]
    documents = {i for i, (_, _, flag) in enumerate(records) if not flag & FLAG_LISTING}
    rng = random.Random(14)
    asked = {}
    for rid, (url, _, flag) in enumerate(records):
        if not flag & FLAG_LISTING:
            continue
        mine = [w for w in specific if rid in holders[w]]
        for _ in range(200):
            if len(mine) < 3 or sum(1 for q in asked.values() if q == url) >= 4:
                break
            a, b, c = rng.sample(mine, 3)
            if any(x in y for x in (a, b, c) for y in (a, b, c) if x != y):
                continue
            together = holders[a] & holders[b] & holders[c] & documents
            two = ((holders[a] & holders[b]) | (holders[a] & holders[c]) | (holders[b] & holders[c])) & documents
            if not together and two:
                asked[f"{a}的{b}和{c}怎么办"] = url
    assert len(asked) >= 10, len(asked)
    done = subprocess.run(["node", str(REPO / "bench/search_same.js"), str(REPO / "content/assets/search/search.js"),
                           str(built_site / "searchindex")],
                          input="".join(json.dumps(q, ensure_ascii=False) + "\n" for q in asked),
                          capture_output=True, text=True, check=True)
    flags = {url: flag for url, _, flag in records}
    compared = 0
    for line in done.stdout.splitlines():
        answer = json.loads(line)
        run = answer.get("complete") or answer["run"]
        hits = [h for h in run["hits"] if not h[4]]  # [url, score, count, held, pinned]; put first by intent: not ranked
        for place, (url, _, count, _, _) in enumerate(hits):
            if not flags[url] & FLAG_LISTING or count < 2:
                continue
            later = [h[0] for h in hits[place + 1:] if not flags[h[0]] & FLAG_LISTING and h[2] >= count - 1]
            assert not later, (answer["q"], url, count, later)
            compared += any(not flags[h[0]] & FLAG_LISTING and h[2] == count - 1 for h in hits[:place])
    assert compared >= 3, compared



# ------------------------------------------------------------------ everyday words the site's own text gives

def test_a_member_a_law_defines_reaches_the_articles_written_for_the_term(built_site):
    """本法所称军人家属，是指军人的配偶、父母（扶养人）、未成年子女、不能独立生活的成年子女 (read here from the
    law's text): a question about a member few records hold and a word of an article written for 军人家属 that does
    not name the member finds a record holding all its words (the member or the term) instead of partial matches.
    A member most records hold (配偶, 父母) finds plenty as typed and is not linked. Sampled, seeded."""
    import random

    import jieba

    law = (REPO / "data/laws/texts/中华人民共和国军人地位和权益保障法.md").read_text(encoding="utf-8")
    listed = re.search(r"本法所称军人家属，是指(.+?)。", law.replace("\n", "")).group(1)
    members = [re.sub(r"（[^）]*）", "", m).rsplit("的", 1)[-1] for m in listed.split("、")]
    assert {"配偶", "父母", "未成年子女", "成年子女"} <= set(members), members
    records = _records(built_site)
    holding: dict[str, int] = {}

    def held(word):
        if word not in holding:
            holding[word] = sum(1 for _, t, _ in records if word in t)
        return holding[word]

    members = [m for m in members if held(m) <= max(3, len(records) * 0.02)]
    assert len(members) >= 2, members
    rng = random.Random(13)
    written_for = [text for url, text, _ in records if re.match(r"laws/[^/]+/#art-", url) and "军人家属" in text]
    questions = {}
    for member in members:
        for text in written_for:
            if member in text:
                continue
            rare = [w for w in jieba.cut(text) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w) and not set(w) & set(member)
                    and 1 <= held(w) <= 3]
            for word in rng.sample(rare, min(2, len(rare))):
                if not any(member in t and word in t for _, t, _ in records):
                    questions[f"{member}{word}有什么规定"] = (member, word)
    assert len(questions) >= 6, questions
    asked = _ask(built_site, questions)
    wrong = [(q, run["hits"][:1], run["words"]) for q, run in ((q, asked[q]) for q in questions)
             if run["noAnswer"] or run["partial"] or not run["hits"]]
    assert not wrong, wrong


def test_a_derived_everyday_word_typed_finds_its_terms(built_site):
    """The everyday words derived from the site's own text (words.json's derived) are looked for as their terms
    when a question's word is one of them."""
    words = json.loads((built_site / "searchindex/words.json").read_text(encoding="utf-8"))
    derived = words["derived"]
    assert len(derived) >= 3, derived
    whole = {f"{say}有什么规定": official for says, official in derived for say in says}
    asked = _ask(built_site, whole)
    for question, official in whole.items():
        assert set(official) & set(asked[question]["terms"]), (question, asked[question]["terms"])
