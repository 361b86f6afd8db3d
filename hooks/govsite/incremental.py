"""`make serve`'s one incremental layer: a result is reused while the digest of its declared inputs is the same.

Everything the editor loop keeps between saves goes through `Memo.reuse(label, inputs, compute)`: a file's parse
and schema check (inputs: its name and whole text), a page's HTML (the templates and settings it is rendered
with, its place, its context), a Markdown conversion, a feed item, a law citation link. `compute` must read
nothing but `inputs` (and the engine's code, which `mkdocs serve` does not reload). The inputs are described
completely (`describe`: scalars with their type, containers in order, dataclasses field by field, shared values
and cycles included) and the description's SHA-1 is the key, so the same key means the same inputs: a change
anywhere gives a new key, and nothing is ever invalidated by hand.

One exception to describing inputs: a record (`Memo.made_from`) keeps one value per key (a document, a file's
parse, a page rendered at its address) with the parts it was made of, compared rather than described, so that an
unchanged file's document or a page of unchanged documents costs a few comparisons (mostly identity: what the
last save handed out is handed out again). A document's parts are named by hand, so the tests run with `verify`:
every value a record hands over is made again and compared.

One lifecycle: a pass is one load and render of the site (`begin`); what a pass did not use is dropped at the
next, so memory follows the site. `mkdocs build` runs without a Memo (Site.memo None): everything is computed.

The adapter uses the same rule for what only MkDocs does (mkdocs_adapter/serve.py: front matter splits, pages written).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import operator
import time
from pathlib import Path


class Unkeyable(Exception):
    """A value the incremental layer cannot describe completely: such a render is never reused."""


_LONG = 512  # characters: a longer string is described by its SHA-1
_SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time, dt.timedelta)
_PLAIN_EQUAL = (int, bool, type(None), dt.date, bytes)  # of the same type, equal means the same text
_FIELD_VALUES: dict = {}  # dataclass type -> functions giving the tuple of its fields' values: all, and those not from its source (same)
_TAGS: dict = {}  # type -> "module.name:" written before a scalar's repr (Markup is not str)
_CLASSES: dict = {}  # dataclass type -> (field names, frozen, "module.name(")
# Memo.verify compares every field, those told by their file's digest too (`source_digest`): a value handed over
# and changed since by a caller has the digest it was made with, and only its fields show the change.
_WHOLE = [False]


def _tag(kind) -> str:
    tag = _TAGS.get(kind)
    if tag is None:
        tag = _TAGS[kind] = f"{kind.__module__}.{kind.__qualname__}:"
    return tag


def _describe(value, out: list, memo: dict, seen: dict, depth: int = 0) -> bool:
    """Append a complete description of `value` to `out`: the same description means the same value.

    Plain data only: scalars (with their type: Markup is not str), lists, tuples, dicts in their order, sets,
    and dataclass instances by type and every field — except the fields a class names in SOURCE_FIELDS, made from
    one file's text alone, when the instance carries that text's digest (`source_digest`). A mutable value
    (list, dict, set, dataclass that is not frozen) met again is written as the number of its first appearance
    (`seen`), so shared values and cycles (a policy and its interpretations) are described completely, identity
    included. Anything else (functions, other objects, attributes outside the fields) or a deep nesting raises
    Unkeyable. Returns whether the value is immutable throughout (scalars, tuples and frozen dataclasses of
    such): only those are described once per pass (`memo`, by id), as their text does not depend on where they
    are met.
    """
    kind = type(value)
    tag = _TAGS.get(kind)  # scalars seen before: the common case, one lookup (speed: this runs for every value)
    if tag is not None or kind in _SCALARS or isinstance(value, str):
        out.append(tag or _tag(kind))
        if isinstance(value, str) and len(value) > _LONG:
            # A body or a page's HTML, often met in several contexts of a pass: described by its digest, once
            # per pass, rather than copied into every description that holds it.
            known = memo[id(value)]
            if known is None:
                known = memo[id(value)] = (value, f"#{len(value)}:{hashlib.sha1(value.encode('utf-8', 'surrogatepass')).hexdigest()}")
            out.append(known[1])
        else:
            out.append(repr(value))
        return True
    if depth > 60:
        raise Unkeyable("deep nesting")
    info = _CLASSES.get(kind)
    if info is None and hasattr(kind, "__dataclass_fields__") and not isinstance(value, type):
        names = tuple(f.name for f in dataclasses.fields(kind))
        from_source = tuple(getattr(kind, "SOURCE_FIELDS", ()))
        info = _CLASSES[kind] = (names, kind.__dataclass_params__.frozen, f"{kind.__module__}.{kind.__qualname__}(",
                                 tuple(n for n in names if n not in from_source) if from_source else None)
    mutable = kind is list or kind is dict or kind is set or (info is not None and not info[1])
    if mutable:
        number = seen.get(id(value))
        if number is not None:
            out.append(f"@{number}")
            return False
        seen[id(value)] = len(seen)
    if kind is list or kind is tuple:
        out.append("[" if kind is list else "(")
        fixed = kind is tuple
        for item in value:
            fixed = _describe(item, out, memo, seen, depth + 1) and fixed
        out.append("]")
        return fixed
    if kind is dict:
        out.append("{")
        for key, item in value.items():
            _describe(key, out, memo, seen, depth + 1)
            _describe(item, out, memo, seen, depth + 1)
        out.append("}")
        return False
    if kind is set or kind is frozenset:
        parts: list = []
        all_fixed = True
        for item in value:
            one: list = []
            all_fixed = _describe(item, one, Descriptions(), {}, depth + 1) and all_fixed  # alone: sorted by text
            parts.append("".join(one))
        if not all_fixed:
            raise Unkeyable("set of mutable values")
        out.append("<" + "|".join(sorted(parts)) + ">")
        return kind is frozenset
    if info is not None:
        known = memo[id(value)]
        if known is not None:
            out.append(known[1])
            return True
        names, frozen, opening, not_from_source = info
        state = getattr(value, "__dict__", None)
        if state is not None and len(state) > len(names):
            raise Unkeyable(kind.__qualname__)  # state outside the fields
        if not_from_source is not None and value.source_digest and not _WHOLE[0]:
            names = not_from_source  # made from the file's text alone: its digest (`source_digest`) says it all
        one = [opening]
        fixed = frozen
        try:
            for name in names:
                one.append(name)
                fixed = _describe(getattr(value, name), one, memo, seen, depth + 1) and fixed
        except AttributeError:  # a field never set
            raise Unkeyable(kind.__qualname__) from None
        one.append(")")
        text = "".join(one)
        if fixed:
            if len(text) > _LONG:
                # A document or a 目录 row is met in many keys of a pass (every list page it is on): those hold the
                # digest of its description, not a copy of it to be joined and hashed again in each.
                text = f"{opening}#{hashlib.sha1(text.encode('utf-8', 'surrogatepass')).hexdigest()})"
            memo[id(value)] = (value, text)  # the value is kept, so its id is not reused during the pass
        out.append(text)
        return fixed
    raise Unkeyable(kind.__qualname__)



class Descriptions(dict):
    """Descriptions of immutable values by id (each entry holds its value, so the id is not reused while it is
    here). `before`: the last pass's, taken over when a value is met again: an object the load handed over
    unchanged (Memo.intern) is not described again. A lookup that finds nothing gives None."""

    __slots__ = ("before",)

    def __init__(self, before: dict | None = None):
        super().__init__()
        self.before = before if before is not None else {}

    def __missing__(self, key):
        found = self.before.pop(key, None)
        if found is not None:
            self[key] = found
        return found


def same(a, b) -> bool:
    """Whether `a` and `b` have the same description (a strict ==: Markup is not str, 1 is not True, 9:00+08:00
    is not 01:00 UTC). Only plain data; anything else is never the same unless it is the same object. Shared
    mutable values and cycles (a 阳光安置 year and the notices of its stages, which name the year) are compared
    as a description numbers them: a value met again must be met again on the other side too, at the same place."""
    return _same(a, b, {}, set(), 0)


def _same(a, b, pairs: dict, met_b: set, depth: int) -> bool:
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b) or depth > 60:
        return False
    if isinstance(a, str) or kind in _PLAIN_EQUAL:
        return a == b
    if kind in _SCALARS:
        return a == b and repr(a) == repr(b)  # floats (-0.0), datetimes and times (their time zone)
    fields = None
    if kind is not tuple and kind is not frozenset:
        fields = getattr(kind, "__dataclass_fields__", None)
        if kind is list or kind is dict or kind is set or (fields is not None and not kind.__dataclass_params__.frozen):
            paired = pairs.get(id(a))
            if paired is not None or id(b) in met_b:  # met before (a cycle, or a value shared)
                return paired == id(b)
            pairs[id(a)] = id(b)
            met_b.add(id(b))
    depth += 1
    if kind is tuple or kind is list:
        return len(a) == len(b) and all(x is y or _same(x, y, pairs, met_b, depth) for x, y in zip(a, b))
    if kind is dict:
        return len(a) == len(b) and all(_same(ka, kb, pairs, met_b, depth) and _same(va, vb, pairs, met_b, depth)
                                        for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    if kind is set or kind is frozenset:
        return a == b and all(type(x) is str for x in a)
    if fields is None or isinstance(a, type):
        return False
    if len(getattr(a, "__dict__", ())) != len(getattr(b, "__dict__", ())):
        return False
    getters = _FIELD_VALUES.get(kind)
    if getters is None:  # the fields' values as one tuple, read in C (a Document has some thirty)
        names = tuple(fields)
        from_source = tuple(getattr(kind, "SOURCE_FIELDS", ()))
        getters = _FIELD_VALUES[kind] = (_values_of(names), _values_of(tuple(n for n in names if n not in from_source))
                                         if from_source else None)
    # As a description: the fields made from one file's text alone are told by that text's digest (the
    # `source_digest` field, compared with the others), not walked (a policy's parsed file).
    values = getters[1] if getters[1] is not None and a.source_digest and not _WHOLE[0] else getters[0]
    for x, y in zip(values(a), values(b)):
        if x is not y and not _same(x, y, pairs, met_b, depth):
            return False
    return True


def _values_of(names: tuple):
    """A function giving the tuple of these attributes' values."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda value: tuple(getattr(value, n) for n in names)


def _equal(a, b) -> bool:
    """`same` field by field (a file's digest standing for nothing), or the same description (sets of tuples,
    which `same` never calls the same): for Memo.verify."""
    _WHOLE[0] = True
    try:
        if same(a, b):
            return True
        try:
            return describe(a) == describe(b)
        except Unkeyable:
            return False
    finally:
        _WHOLE[0] = False


def describe(value) -> str:
    """The complete description of `value` (raises Unkeyable)."""
    out: list = []
    _describe(value, out, Descriptions(), {})
    return "".join(out)


def digest(value) -> bytes:
    """SHA-1 of the description of `value` (raises Unkeyable)."""
    return hashlib.sha1(describe(value).encode("utf-8", "surrogatepass")).digest()


class Memo:
    """Results by (label, digest of inputs), for the length of a `make serve` session."""

    def __init__(self, verify: bool = False):
        self.entries: dict = {}  # (label, key) -> (result,): last pass
        self.kept: dict = {}  # this pass
        # descriptions of immutable values met in this pass, and in the last (describe is the hot loop)
        self.memo = Descriptions()
        self.instances: dict = {}  # key -> the value handed out by intern() in this pass
        self.instances_before: dict = {}  # ... in the last pass
        self.derivations: dict = {}  # (label, id of a frozen value) -> (value, what derived() made of it): this pass
        self.derivations_before: dict = {}  # ... the last pass
        self.assemblies: dict = {}  # (label, key) -> (parts, what assembled() made of them): this pass
        self.assemblies_before: dict = {}  # ... the last pass
        self.records: dict = {}  # key -> (the parts a value was made of, the value): this pass (made_from)
        self.records_before: dict = {}  # ... the last pass
        # Tests: a value made_from() hands over is made again and compared, so that a part a caller forgot to
        # name (an input of the value that is not among its parts) fails the test instead of serving it stale.
        self.verify = verify
        self.files: dict = {}  # file -> (its status, its text) read in this pass (file_text)
        self.files_before: dict = {}  # ... in the last pass
        self.undescribable: set[str] = set()  # labels whose inputs cannot be described, or cost too much to
        # label -> [seconds describing, times, seconds computing, times, seconds of the first computation]
        self.costs: dict[str, list] = {}
        self.hits = self.misses = self.unkeyable = 0

    def begin(self) -> None:
        """Start a pass. Describing a big context (a policy and everything it links to) can cost more than
        computing the result: such labels are simply computed from now on (measured on the first pass, when
        everything is computed, leaving out each label's first computation)."""
        self.undescribable.update(label for label, (described, d, computed, c, first) in self.costs.items()
                                  if d and described / d > (computed / c if c else first))
        self.entries, self.kept, self.memo = self.kept, {}, Descriptions(dict(self.memo))
        self.instances_before, self.instances = self.instances, {}
        self.derivations_before, self.derivations = self.derivations, {}
        self.assemblies_before, self.assemblies = self.assemblies, {}
        self.records_before, self.records = self.records, {}
        self.files_before, self.files = self.files, {}
        self.hits = self.misses = self.unkeyable = 0

    def key(self, label: str, inputs) -> bytes | None:
        """The digest of `inputs`, or None when they cannot (or should not) be described: compute then."""
        if label in self.undescribable:
            self.unkeyable += 1
            return None
        out: list = []
        started = time.process_time()
        try:
            _describe(inputs, out, self.memo, {})
        except Unkeyable:
            self.undescribable.add(label)
            self.unkeyable += 1
            return None
        finally:
            cost = self.costs.setdefault(label, [0.0, 0, 0.0, 0, 0.0])
            cost[0] += time.process_time() - started
            cost[1] += 1
        return hashlib.sha1("".join(out).encode("utf-8", "surrogatepass")).digest()

    # A file written this recently may be written again within the same tick of the file system's clock without
    # its status changing (a second save of the same size): its text is read again on the next pass.
    SETTLED_NS = 2_000_000_000

    def file_text(self, file: str, status) -> str | None:
        """The text of `file` read in the last pass, when its status (model.file_status: inode, size, times) is
        the same and was already settled then: a file is an input like any other, and a file no one wrote since
        has the same text. What git, make and rsync trust; the settling time covers their "racy" case."""
        if status is None:
            return None
        found = self.files_before.get(file) or self.files.get(file)
        if found is None or found[0] != status:
            return None
        self.files[file] = found
        return found[1]

    def remember_file(self, file: str, status, text: str) -> None:
        """Keep the text read from `file` (status taken before reading) for the next pass, if it had settled."""
        if status is not None and max(status[3], status[4]) < time.time_ns() - self.SETTLED_NS:
            self.files[file] = (status, text)

    def intern(self, key, value):
        """The value handed out for `key` before (in this pass or the last) when it is the same (`same`), else
        `value`. The load makes its documents anew on every save; handing out the one made before lets every
        key that holds an unchanged document reuse its description instead of describing it again."""
        found = self.instances.get(key)
        if found is None:
            found = self.instances_before.get(key)
        if found is not None and same(found, value):
            self.instances[key] = found
            return found
        self.instances[key] = value
        return value

    def made_from(self, key, parts: tuple, make, equal=None):
        """make(), or the value handed out for `key` in this pass or the last when it was made of the same parts
        (each the very object or `same`): a record of what one value is made of. `parts` must name every input
        make() reads (a document: its file's digest and whatever other files or the date change in it), and
        be plain data (see `same`). A value made anew is interned (`intern`), so that an equal one stays the
        object handed out before. `equal(before, now)`, when given, compares the whole parts instead of `same`:
        for parts made of thousands of scalars in tuples (what a check across the site reads of each document),
        which == compares in C where `same` walks them in Python; the caller makes sure == is exact for them."""
        found = self.records.get(key) or self.records_before.get(key)
        if found is not None and len(found[0]) == len(parts) and (
                equal(found[0], parts) if equal is not None else all(
                    a is b or same(a, b) for a, b in zip(found[0], parts))):
            value = found[1]
            if self.verify and not _equal(make(), value):
                raise AssertionError(f"made_from: {key!r} changed with none of its parts: an input is not named")
            self.instances[key] = value
        else:
            value = self.intern(key, make())
        self.records[key] = (parts, value)
        return value

    def derived(self, label: str, value, make):
        """make(value) for a frozen value (a Document handed out by intern): the same object, met again in this
        pass or the next, gets the very object made before, so that the keys holding it (a 目录 page's rows) are
        described from the last pass's descriptions instead of anew. `make` must read nothing but `value`."""
        entry = (label, id(value))
        found = self.derivations.get(entry) or self.derivations_before.get(entry)
        if found is None or found[0] is not value:
            found = (value, make(value))
        self.derivations[entry] = found
        return found[1]

    def assembled(self, label: str, key, parts: tuple, make):
        """make(), a function of `parts` alone, or what it made for `key` in this pass or the last when every part
        is the very object it was then (reused results, interned values): nothing is described or compared."""
        entry = (label, key)
        found = self.assemblies.get(entry) or self.assemblies_before.get(entry)
        if found is None or len(found[0]) != len(parts) or any(a is not b for a, b in zip(found[0], parts)):
            found = (parts, make())
        self.assemblies[entry] = found
        return found[1]

    def reuse(self, label: str, inputs, compute, copy=None):
        """compute(), or its result for the same inputs in this pass or the last. `copy` (for mutable results)
        is applied to what is stored and to what is handed out, so no caller can change what the next gets."""
        key = self.key(label, inputs)
        if key is not None:
            found = self.entries.get((label, key)) or self.kept.get((label, key))
            if found is not None:
                self.kept[(label, key)] = found
                self.hits += 1
                return copy(found[0]) if copy else found[0]
        self.misses += 1
        started = time.process_time()
        result = compute()
        if key is not None:
            cost = self.costs[label]
            # The first computation of a label also compiles its template and warms its caches: judged apart,
            # so that a render cheaper than describing its inputs is recognised as such.
            if cost[4]:
                cost[2] += time.process_time() - started
                cost[3] += 1
            else:
                cost[4] = time.process_time() - started or 1e-9
            self.kept[(label, key)] = (copy(result) if copy else result,)
        return result


def template_frame(site) -> str:
    """What every template render reads besides its context: the text of every template under
    overrides/govsite/ (a changed template or include changes every page), the globals (settings, today) and the
    law library (the `markdown` filter and citations show article texts and statuses). Computed once per load and
    library state."""
    library = getattr(site.models.get("laws"), "digest", "")
    frames = site.models.setdefault("_template_frames", {})
    frame = frames.get(library)
    if frame is None:
        folder = Path(site.root) / "overrides" / "govsite"
        h = hashlib.sha1()
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        h.update(describe((site.settings, site.today, library)).encode("utf-8", "surrogatepass"))
        frame = frames[library] = h.hexdigest()
    return frame
