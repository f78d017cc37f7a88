"""Loading and cross-checking the knowledge base.

:func:`load_kb` reads every YAML file of a knowledge-base folder, validates each
against its model in :mod:`knotwork.core.schema`, then checks the references
between files. Problems are collected, not raised one at a time, and each names
the file, the entry and the field, so a person fixing the data sees them all.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from knotwork.core.i18n import _, language
from knotwork.core.schema import (
    Area,
    ChoirSides,
    Citation,
    Differential,
    EvidenceFile,
    EvidenceSummary,
    FlagGroup,
    FlagRule,
    Muscle,
    MuscleFile,
    PhrasingFile,
    RedFlag,
    RedFlagsFile,
    RegionEntry,
    RegionsFile,
    Side,
    Source,
    SourcesFile,
    Spot,
    SpotsFile,
    Term,
    Tier,
    TierAdvice,
    Tool,
    TriggerPoint,
    View,
    VocabularyFile,
)

DATA_DIR = Path(__file__).parent / "data"

M = TypeVar("M", bound=BaseModel)
_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SafeLoader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader (the C one when present), refusing a key said twice in one mapping:
    plain YAML keeps the last silently, and a knowledge-base entry would lose a field."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: the constructor below says so
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} is given twice (first on line {first})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


_SAFE_LOADER: type[yaml.SafeLoader] = _SafeLoader


# --------------------------------------------------------------------------- errors


_SEVERITY = {tier: n for n, tier in enumerate(Tier)}
"""Tiers in order of seriousness (Tier is declared least to most serious)."""


@dataclass(frozen=True, order=True)
class KBProblem:
    """One problem in the knowledge base, located as precisely as we can."""

    file: str
    entry: str
    field: str
    message: str
    cause: bool = dataclasses.field(default=False, compare=False)
    """A file that could not be read at all: listed first, the rest may follow from it."""

    def __str__(self) -> str:
        where = " > ".join(part for part in (self.entry, self.field) if part)
        return f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"


class KBError(Exception):
    """The knowledge base did not load; :attr:`problems` says why."""

    def __init__(self, problems: Sequence[KBProblem]) -> None:
        # files that could not be read come first: the problems after them may follow
        self.problems = sorted(problems, key=lambda p: (not p.cause, p))
        super().__init__("\n".join(str(p) for p in self.problems))


# --------------------------------------------------------------------------- loaded shapes


@dataclass(frozen=True)
class Region:
    """A concrete region: one side (or the midline) of a region entry."""

    id: str
    key: str
    side: Side
    name: str
    view: View
    area: str
    choir: tuple[int, ...]
    parent: str | None
    near: tuple[str, ...]
    synonyms: tuple[str, ...]

    @property
    def label(self) -> str:
        """The region in the person's own frame, e.g. 'the top of your right buttock', in
        the language of the moment (worked out when asked, never frozen at load, so one
        process can serve two languages)."""
        return region_label(self.name, self.side)


_LABELS: dict[tuple[str, Side, str], str] = {}


def region_label(name: str, side: Side) -> str:
    """Name a region from the person's own point of view (remembered per language: every
    map on a page names all 168 regions)."""
    key = (name, side, language())
    found = _LABELS.get(key)
    if found is None:
        found = _region_label(name, side)
        if len(_LABELS) < 10_000:  # regions x sides x languages: bounded
            _LABELS[key] = found
    return found


def _region_label(name: str, side: Side) -> str:
    head, sep, tail = name.partition(" of the ")
    if side is Side.midline:
        # "the middle of the spine ...", but "your tailbone (coccyx)"
        if sep and "(" not in head:
            return _("the {name}").format(name=name)
        return _("your {name}").format(name=name)
    word = _("left") if side is Side.left else _("right")
    if not sep:
        return _("your {side} {name}").format(side=word, name=name)
    if tail.split(" ")[0] in {"head", "skull", "neck", "spine", "back"}:
        return _("the {name} ({side} side)").format(name=name, side=word)
    # "top of the buttock" reads best as "the top of your right buttock"
    return _("the {part} of your {side} {whole}").format(part=head, side=word, whole=tail)


@dataclass(frozen=True)
class TriggerPointRecord:
    """A trigger point with its muscle, as the finder and the faces use it."""

    ref: str
    muscle: Muscle
    point: TriggerPoint
    spots: tuple[int, ...]


@dataclass
class KnowledgeBase:
    root: Path
    region_entries: dict[str, RegionEntry]
    regions: dict[str, Region]
    areas: dict[str, Area]
    qualities: dict[str, Term]
    aggravators: dict[str, Term]
    differentials: dict[str, Differential]
    tools: dict[str, Tool]
    sources: dict[str, Source]
    tiers: dict[Tier, TierAdvice]
    flags: dict[str, RedFlag]
    rules: dict[str, FlagRule]
    muscles: dict[str, Muscle]
    trigger_points: dict[str, TriggerPointRecord]
    spots: dict[int, Spot]
    evidence: dict[str, EvidenceSummary] = field(default_factory=dict)
    flag_groups: dict[str, FlagGroup] = field(default_factory=dict)
    phrasing: PhrasingFile = field(default_factory=PhrasingFile)
    """How people say things (phrasing.yaml): word forms, negation, paths, condition names."""
    region_sources: tuple[Citation, ...] = ()
    files: dict[str, str] = field(default_factory=dict)
    """Which file each muscle came from, relative to the root."""
    cache: dict[str, object] = field(default_factory=dict, repr=False)
    """Indexes built from this knowledge base on first use (resolver, finder index)."""

    def sides_of(self, key: str) -> list[str]:
        """Concrete region ids for a side-neutral key: two when paired, one at the midline."""
        entry = self.region_entries[key]
        if entry.paired:
            return [f"{key}.left", f"{key}.right"]
        return [f"{key}.midline"]

    def zone_regions(self, ref: str, side: Literal["left", "right", "both"]) -> list[str]:
        """Concrete region ids of a zone reference for a trigger point on ``side``: a paired
        key is that side (``key@both``: both), a midline key the midline."""
        key, both = parse_zone_ref(ref)
        if not self.region_entries[key].paired:
            return [f"{key}.midline"]
        if both or side == "both":
            return [f"{key}.left", f"{key}.right"]
        return [f"{key}.{side}"]

    def citations(self) -> Iterator[tuple[str, str, str | None]]:
        """Every (citing entry, source id, detail) in the knowledge base."""
        for record in self.trigger_points.values():
            for c in record.point.sources:
                yield record.ref, c.source, c.detail
            muscle = record.muscle
            if muscle.prevalence_lbp is not None and record.point is muscle.trigger_points[0]:
                c = muscle.prevalence_lbp.source
                yield muscle.id, c.source, c.detail
        cited: list[tuple[str, Iterable[Citation]]] = [
            *((f"spot {s.number}", s.sources) for s in self.spots.values()),
            *((f"flag {f.id}", f.sources) for f in self.flags.values()),
            *((f"rule {r.id}", r.sources) for r in self.rules.values()),
            *((f"differential {d.id}", d.sources) for d in self.differentials.values()),
            *((f"evidence {e.id}", e.sources) for e in self.evidence.values()),
            ("regions", self.region_sources),
        ]
        for entry, citations in cited:
            for c in citations:
                yield entry, c.source, c.detail


# --------------------------------------------------------------------------- reading files


def _read_yaml(path: Path, root: Path, problems: list[KBProblem]) -> Any:
    rel = _rel(path, root)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(
            KBProblem(rel, "", "", f"cannot read file: {exc.strerror or exc}", cause=True)
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(
            KBProblem(
                rel,
                f"line {line}",
                "",
                f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot start a character "
                "(save the file as UTF-8)",
                cause=True,
            )
        )
        return None
    try:
        # the C loader when present: same safe subset of YAML, about ten times faster
        return yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(KBProblem(rel, where, "", f"not valid YAML: {reason}", cause=True))
        return None


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


_SINGULAR = {
    "regions": "region",
    "flags": "flag",
    "rules": "rule",
    "tiers": "tier",
    "spots": "spot",
    "sources": "source",
    "trigger_points": "trigger point",
    "qualities": "quality",
    "aggravators": "aggravator",
    "differentials": "differential",
    "tools": "tool",
    "areas": "area",
}


def _entry_name(data: Any, loc: Sequence[int | str]) -> tuple[str, list[str]]:
    """Walk ``data`` along a Pydantic error location.

    Returns the innermost entry's human name (its id, key or number) and the
    field path below that entry.
    """
    entry = ""
    fields: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            if fields:
                fields[-1] = f"{fields[-1]}[{part}]"
            else:
                fields.append(f"[{part}]")
        else:
            fields.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, Mapping):
            for name_field in ("id", "key", "number", "tier"):
                if name_field in node and isinstance(node[name_field], str | int):
                    kind = fields[-1].split("[")[0] if fields else ""
                    kind = _SINGULAR.get(kind, kind)
                    label = f"{kind} {node[name_field]}".strip()
                    entry = f"{entry} > {label}" if entry else label
                    fields = []
                    break
    return entry, fields


def _validate(model: type[M], data: Any, rel: str, problems: list[KBProblem]) -> M | None:
    if data is None:
        problems.append(KBProblem(rel, "", "", "file is empty", cause=True))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = [p for p in err["loc"] if isinstance(p, int | str)]
            entry, fields = _entry_name(data, loc)
            message = err["msg"]
            if err["type"] == "extra_forbidden":
                message = "unknown field (check the spelling; see docs/kb.md for the fields)"
            elif err["type"] == "missing":
                message = "required field is missing"
            elif err["type"] == "string_pattern_mismatch":
                message = f"{err['msg']}; got {err.get('input')!r}"
            problems.append(KBProblem(rel, entry, ".".join(fields), message))
        return None


def _load_file(model: type[M], path: Path, root: Path, problems: list[KBProblem]) -> M | None:
    data = _read_yaml(path, root, problems)
    if data is None and not any(p.file == _rel(path, root) for p in problems):
        problems.append(KBProblem(_rel(path, root), "", "", "file is empty", cause=True))
        return None
    if data is None:
        return None
    return _validate(model, data, _rel(path, root), problems)


# --------------------------------------------------------------------------- building


def _index(
    items: Iterable[Any], attr: str, rel: str, kind: str, problems: list[KBProblem]
) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for item in items:
        k = getattr(item, attr)
        if k in out:
            problems.append(KBProblem(rel, f"{kind} {k}", attr, "duplicate id"))
        out[k] = item
    return out


def _expand_regions(
    entries: dict[str, RegionEntry], problems: list[KBProblem]
) -> dict[str, Region]:
    regions: dict[str, Region] = {}
    rel = "regions.yaml"

    def concrete(key: str, side: Side) -> str | None:
        target = entries.get(key)
        if target is None:
            return None
        if target.paired:
            return f"{key}.{side.value}" if side is not Side.midline else None
        return f"{key}.midline"

    for key, start in entries.items():
        # a parent chain must end: a cycle would make every walk up the regions endless
        chain = [key]
        parent_key = start.parent
        while parent_key is not None and parent_key in entries and parent_key not in chain:
            chain.append(parent_key)
            parent_key = entries[parent_key].parent
        if parent_key is not None and parent_key in chain:
            loop = " -> ".join([*chain[chain.index(parent_key) :], parent_key])
            problems.append(KBProblem(rel, f"region {key}", "parent", f"parents go round: {loop}"))
    for key, entry in entries.items():
        sides = [Side.left, Side.right] if entry.paired else [Side.midline]
        if entry.parent is not None:
            parent = entries.get(entry.parent)
            if parent is None:
                problems.append(
                    KBProblem(rel, f"region {key}", "parent", f"unknown region {entry.parent!r}")
                )
            elif parent.paired != entry.paired:
                problems.append(
                    KBProblem(
                        rel,
                        f"region {key}",
                        "parent",
                        "a parent must be paired when its child is, and midline when it is",
                    )
                )
            elif not key.startswith(f"{entry.parent}.") and parent.view != entry.view:
                problems.append(
                    KBProblem(rel, f"region {key}", "parent", "parent is on the other view")
                )
        for near in entry.near:
            if near not in entries:
                problems.append(KBProblem(rel, f"region {key}", "near", f"unknown region {near!r}"))
        for side in sides:
            if isinstance(entry.choir, ChoirSides):
                choir: tuple[int, ...] = (
                    entry.choir.left if side is Side.left else entry.choir.right,
                )
            else:
                choir = tuple(entry.choir)
            near_ids: list[str] = []
            for near in entry.near:
                target = entries.get(near)
                if target is None:
                    continue
                if target.paired and side is Side.midline:
                    near_ids += [f"{near}.left", f"{near}.right"]
                else:
                    cid = concrete(near, side)
                    if cid:
                        near_ids.append(cid)
            rid = f"{key}.{side.value}"
            parent_id = concrete(entry.parent, side) if entry.parent else None
            regions[rid] = Region(
                id=rid,
                key=key,
                side=side,
                name=entry.name,
                view=entry.view,
                area=entry.area,
                choir=choir,
                parent=parent_id,
                near=tuple(near_ids),
                synonyms=tuple(entry.synonyms),
            )
    return regions


def _load_muscles(root: Path, problems: list[KBProblem]) -> dict[str, tuple[str, Muscle]]:
    """Muscle id -> (file, muscle) for every file in ``muscles/``."""
    muscle_files: dict[str, tuple[str, Muscle]] = {}
    muscle_dir = root / "muscles"
    paths = sorted(muscle_dir.glob("*.yaml")) + sorted(muscle_dir.glob("*.yml"))
    if not paths:
        problems.append(KBProblem("muscles/", "", "", "no muscle files found"))
    for path in paths:
        rel = _rel(path, root)
        mf = _load_file(MuscleFile, path, root, problems)
        if mf is None:
            continue
        mid = mf.muscle.id
        if path.stem != mid:
            problems.append(
                KBProblem(rel, f"muscle {mid}", "id", f"file name should be {mid}.yaml")
            )
        if mid in muscle_files:
            problems.append(
                KBProblem(rel, f"muscle {mid}", "id", f"also defined in {muscle_files[mid][0]}")
            )
        muscle_files[mid] = (rel, mf.muscle)
    return muscle_files


def load_kb(root: Path | str | None = None) -> KnowledgeBase:
    """Load, validate and cross-check the knowledge base in ``root``.

    Raises :class:`KBError` listing every problem found.
    """
    root = Path(root) if root is not None else DATA_DIR
    problems: list[KBProblem] = []
    if not root.is_dir():
        raise KBError([KBProblem(str(root), "", "", "knowledge-base folder not found")])

    def need(name: str) -> Path:
        return root / name

    regions_file = _load_file(RegionsFile, need("regions.yaml"), root, problems)
    vocab_file = _load_file(VocabularyFile, need("vocabulary.yaml"), root, problems)
    sources_file = _load_file(SourcesFile, need("sources.yaml"), root, problems)
    flags_file = _load_file(RedFlagsFile, need("red_flags.yaml"), root, problems)
    spots_file = _load_file(SpotsFile, need("spots.yaml"), root, problems)
    evidence_file = _load_file(EvidenceFile, need("evidence.yaml"), root, problems)
    # phrasing is optional: a knowledge base without it still understands its synonyms
    phrasing_file = (
        _load_file(PhrasingFile, need("phrasing.yaml"), root, problems)
        if need("phrasing.yaml").exists()
        else PhrasingFile()
    )

    muscle_files = _load_muscles(root, problems)
    if (
        regions_file is None
        or vocab_file is None
        or sources_file is None
        or flags_file is None
        or spots_file is None
        or evidence_file is None
        or phrasing_file is None
    ):
        raise KBError(problems)

    region_entries = _index(regions_file.regions, "key", "regions.yaml", "region", problems)
    regions = _expand_regions(region_entries, problems)
    voc = "vocabulary.yaml"
    kb = KnowledgeBase(
        root=root,
        region_entries=region_entries,
        regions=regions,
        areas=_index(vocab_file.areas, "id", voc, "area", problems),
        qualities=_index(vocab_file.qualities, "id", voc, "quality", problems),
        aggravators=_index(vocab_file.aggravators, "id", voc, "aggravator", problems),
        differentials=_index(vocab_file.differentials, "id", voc, "differential", problems),
        tools=_index(vocab_file.tools, "id", voc, "tool", problems),
        sources=_index(sources_file.sources, "id", "sources.yaml", "source", problems),
        tiers=_index(flags_file.tiers, "tier", "red_flags.yaml", "tier", problems),
        flags=_index(flags_file.flags, "id", "red_flags.yaml", "flag", problems),
        rules=_index(flags_file.rules, "id", "red_flags.yaml", "rule", problems),
        muscles={mid: m for mid, (_, m) in sorted(muscle_files.items())},
        trigger_points={},
        spots=_index(spots_file.spots, "number", "spots.yaml", "spot", problems),
        evidence=_index(evidence_file.summaries, "id", "evidence.yaml", "summary", problems),
        flag_groups=_index(flags_file.groups, "id", "red_flags.yaml", "group", problems),
        phrasing=phrasing_file,
        region_sources=tuple(regions_file.sources),
        files={mid: rel for mid, (rel, _) in muscle_files.items()},
    )
    spot_of: dict[str, list[int]] = {}
    for spot in kb.spots.values():
        for ref in spot.trigger_points:
            spot_of.setdefault(ref, []).append(spot.number)
    for mid, muscle in kb.muscles.items():
        seen: set[str] = set()
        for tp in muscle.trigger_points:
            ref = f"{mid}/{tp.id}"
            if tp.id in seen:
                problems.append(
                    KBProblem(
                        kb.files[mid],
                        f"muscle {mid} > trigger point {tp.id}",
                        "id",
                        "duplicate trigger point id",
                    )
                )
            seen.add(tp.id)
            kb.trigger_points[ref] = TriggerPointRecord(
                ref=ref, muscle=muscle, point=tp, spots=tuple(sorted(spot_of.get(ref, [])))
            )
    problems += cross_check(kb)
    if problems:
        raise KBError(problems)
    return kb


# --------------------------------------------------------------------------- cross-checks


def parse_zone_ref(ref: str) -> tuple[str, bool]:
    """The one reader of the zone-reference grammar: ``key`` (the trigger point's side, or
    the midline) or ``key@both`` (both sides). Returns the key and whether both sides."""
    key, sep, _rest = ref.partition("@")
    return key, bool(sep)


class _Checker:
    """Collects cross-reference problems for :func:`cross_check`."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.problems: list[KBProblem] = []

    def add(self, rel: str, entry: str, fld: str, message: str) -> None:
        self.problems.append(KBProblem(rel, entry, fld, message))

    def citations(self, rel: str, entry: str, fld: str, cites: Iterable[Any]) -> None:
        for i, c in enumerate(cites):
            if c.source not in self.kb.sources:
                self.add(
                    rel,
                    entry,
                    f"{fld}[{i}].source",
                    f"unknown source {c.source!r} (add it to sources.yaml)",
                )

    def zone(self, rel: str, entry: str, fld: str, refs: Sequence[str]) -> None:
        for i, ref in enumerate(refs):
            key, both = parse_zone_ref(ref)
            target = self.kb.region_entries.get(key)
            if target is None:
                self.add(rel, entry, f"{fld}[{i}]", f"unknown region {key!r}")
            elif both and not target.paired:
                self.add(
                    rel,
                    entry,
                    f"{fld}[{i}]",
                    f"{key!r} is a midline region; '@both' needs a paired one",
                )
        for dup in sorted({r for r in refs if list(refs).count(r) > 1}):
            self.add(rel, entry, fld, f"{dup!r} is listed twice")

    def vocabulary(
        self,
        rel: str,
        entry: str,
        fld: str,
        ids: Sequence[str],
        vocab: Mapping[str, Any],
        what: str,
    ) -> None:
        for i, vid in enumerate(ids):
            if vid not in vocab:
                self.add(rel, entry, f"{fld}[{i}]", f"unknown {what} {vid!r} (see vocabulary.yaml)")

    def regions(self) -> None:
        self.citations("regions.yaml", "", "sources", self.kb.region_sources)
        for diff in self.kb.differentials.values():
            self.citations("vocabulary.yaml", f"differential {diff.id}", "sources", diff.sources)
        for summary in self.kb.evidence.values():
            self.citations("evidence.yaml", f"summary {summary.id}", "sources", summary.sources)
        for key, entry in self.kb.region_entries.items():
            if entry.area not in self.kb.areas:
                self.add("regions.yaml", f"region {key}", "area", f"unknown area {entry.area!r}")

    def red_flags(self) -> None:
        rel = "red_flags.yaml"
        for tier in Tier:
            if tier not in self.kb.tiers:
                self.add(rel, "", "tiers", f"no advice for tier {tier}")
        for flag in self.kb.flags.values():
            entry = f"flag {flag.id}"
            self.citations(rel, entry, "sources", flag.sources)
            if flag.group is not None and flag.group not in self.kb.flag_groups:
                self.add(rel, entry, "group", f"unknown group {flag.group!r} (see groups)")
            self.zone(rel, entry, "asked_when_marked", flag.asked_when_marked)
            for other in flag.ask_also:
                if other not in self.kb.flags or other == flag.id:
                    self.add(rel, entry, "ask_also", f"unknown or own flag {other!r}")
            for other in flag.yields_to:
                if other not in self.kb.flags or other == flag.id:
                    self.add(rel, entry, "yields_to", f"unknown or own flag {other!r}")
                elif _SEVERITY[self.kb.flags[other].tier] < _SEVERITY[flag.tier]:
                    # a yes may only give way to a question at least as serious
                    self.add(rel, entry, "yields_to", f"{other!r} is less serious than this flag")
        for rule in self.kb.rules.values():
            entry = f"rule {rule.id}"
            self.citations(rel, entry, "sources", rule.sources)
            needed = list(rule.all_of) + (list(rule.at_least.of) if rule.at_least else [])
            for fid in needed:
                if fid not in self.kb.flags:
                    self.add(rel, entry, "flags", f"unknown flag {fid!r}")
            if rule.at_least and rule.at_least.count > len(rule.at_least.of):
                self.add(rel, entry, "at_least.count", "count is larger than the list it counts")

    def phrasing(self) -> None:
        rel = "phrasing.yaml"
        kb = self.kb
        for i, broad in enumerate(kb.phrasing.broad):
            for area in broad.areas:
                if area not in kb.areas:
                    self.add(rel, f"broad[{i}]", "areas", f"unknown area {area!r}")
            for area, key in broad.becomes.items():
                if area not in broad.areas or key not in kb.region_entries:
                    self.add(rel, f"broad[{i}]", "becomes", f"{area}: {key} is not one of its")
        if kb.phrasing.midline is not None:
            for place, middle in kb.phrasing.midline.regions.items():
                for key in (place, middle):
                    if key not in kb.region_entries:
                        self.add(rel, "midline", "regions", f"unknown region {key!r}")
        for path in kb.phrasing.paths:
            for i, stop in enumerate(path.stops):
                if stop.region not in kb.region_entries:
                    self.add(
                        rel,
                        f"path {path.id}",
                        f"stops[{i}].region",
                        f"unknown region {stop.region!r}",
                    )
        for cond in kb.phrasing.conditions:
            entry = f"condition {cond.id}"
            self.zone(rel, entry, "regions", cond.regions)
            self.citations(rel, entry, "sources", cond.sources)
            for i, number in enumerate(cond.spots):
                if number not in kb.spots:
                    self.add(rel, entry, f"spots[{i}]", f"unknown Perfect Spot {number}")
            for i, fid in enumerate(cond.ask):
                if fid not in kb.flags:
                    self.add(rel, entry, f"ask[{i}]", f"unknown flag {fid!r}")

    def muscle(self, mid: str, muscle: Muscle) -> None:
        kb, rel = self.kb, self.kb.files[mid]
        if muscle.area not in kb.areas:
            self.add(rel, f"muscle {mid}", "area", f"unknown area {muscle.area!r}")
        if muscle.prevalence_lbp is not None:
            self.citations(rel, f"muscle {mid}", "prevalence_lbp", [muscle.prevalence_lbp.source])
            for i, area in enumerate(muscle.prevalence_lbp.areas):
                if area not in kb.areas:
                    where = f"prevalence_lbp.areas[{i}]"
                    self.add(rel, f"muscle {mid}", where, f"unknown area {area!r}")
        for tp in muscle.trigger_points:
            entry = f"muscle {mid} > trigger point {tp.id}"
            if tp.location_region not in kb.region_entries:
                self.add(rel, entry, "location_region", f"unknown region {tp.location_region!r}")
            self.zone(rel, entry, "referral.essential", tp.referral.essential)
            self.zone(rel, entry, "referral.spillover", tp.referral.spillover)
            for ref in sorted(set(tp.referral.essential) & set(tp.referral.spillover)):
                self.add(rel, entry, "referral", f"{ref!r} is both essential and spillover")
            self.vocabulary(rel, entry, "qualities", tp.qualities, kb.qualities, "quality")
            self.vocabulary(rel, entry, "aggravators", tp.aggravators, kb.aggravators, "aggravator")
            self.vocabulary(
                rel, entry, "differentials", tp.differentials, kb.differentials, "differential"
            )
            for t_i, treatment in enumerate(tp.self_treatment):
                self.vocabulary(
                    rel, entry, f"self_treatment[{t_i}].tools", treatment.tools, kb.tools, "tool"
                )
            for i, comp in enumerate(tp.companions):
                if comp not in kb.trigger_points:
                    self.add(rel, entry, f"companions[{i}]", f"unknown trigger point {comp!r}")
                elif comp == f"{mid}/{tp.id}":
                    self.add(
                        rel,
                        entry,
                        f"companions[{i}]",
                        "a trigger point cannot be its own companion",
                    )
            self.citations(rel, entry, "sources", tp.sources)

    def spots(self) -> None:
        for number, spot in self.kb.spots.items():
            entry = f"spot {number}"
            self.zone("spots.yaml", entry, "pain_locations", spot.pain_locations)
            for i, ref in enumerate(spot.trigger_points):
                if ref not in self.kb.trigger_points:
                    self.add(
                        "spots.yaml",
                        entry,
                        f"trigger_points[{i}]",
                        f"unknown trigger point {ref!r}",
                    )
            self.citations("spots.yaml", entry, "sources", spot.sources)


def cross_check(kb: KnowledgeBase) -> list[KBProblem]:
    """Every reference between files must point at something that exists."""
    checker = _Checker(kb)
    checker.regions()
    checker.red_flags()
    checker.phrasing()
    for mid, muscle in kb.muscles.items():
        checker.muscle(mid, muscle)
    checker.spots()
    return checker.problems


@functools.cache
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load_kb(DATA_DIR)
