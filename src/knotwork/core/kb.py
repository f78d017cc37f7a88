"""The knowledge base as loaded: its shapes (regions, trigger points) and :func:`load_kb`.

:func:`load_kb` reads every YAML file of a knowledge-base folder
(:mod:`knotwork.core.kbfiles`), validates each against its model in
:mod:`knotwork.core.schema`, builds the regions and trigger points, then checks the
references between files (:mod:`knotwork.core.kbcheck`). Problems
(:mod:`knotwork.core.kbproblems`) are collected, not raised one at a time, and each names
the file, the entry and the field, so a person fixing the data sees them all.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from knotwork.core.i18n import _, language
from knotwork.core.kbfiles import load_file, rel_path
from knotwork.core.kbproblems import KBError, KBProblem
from knotwork.core.schema import (
    Aggravator,
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
    Precaution,
    RedFlag,
    RedFlagsFile,
    RegionEntry,
    RegionsFile,
    RoutinesFile,
    RoutineTemplate,
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
    within: tuple[str, ...] = ()
    """Concrete regions a midline region also lies within (both sides of a paired one)."""

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
    aggravators: dict[str, Aggravator]
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
    routines: dict[str, RoutineTemplate] = field(default_factory=dict)
    """Routines to start from (routines.yaml), such as a therapist's protocol."""
    precautions: dict[str, Precaution] = field(default_factory=dict)
    """Things that change how to press (vocabulary.yaml), in the order they are asked."""
    cache: dict[str, object] = field(default_factory=dict, repr=False)
    """Indexes built from this knowledge base on first use (resolver, finder index)."""

    def ask_next(self, yes: Iterable[str]) -> list[str]:
        """The other signs of the same conditions as these yes answers (each flag's
        ``ask_also``), once each, in order: what to ask next however the yes was given."""
        return list(dict.fromkeys(a for f in yes for a in self.flags[f].ask_also))

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
            *((f"precaution {p.id}", p.sources) for p in self.precautions.values()),
            ("regions", self.region_sources),
        ]
        for entry, citations in cited:
            for c in citations:
                yield entry, c.source, c.detail


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
        for i, outer in enumerate(entry.within):
            target = entries.get(outer)
            if target is None:
                problems.append(
                    KBProblem(rel, f"region {key}", f"within[{i}]", f"unknown region {outer!r}")
                )
            elif entry.paired or not target.paired or target.view != entry.view:
                problems.append(
                    KBProblem(
                        rel,
                        f"region {key}",
                        f"within[{i}]",
                        "a midline region lies within a paired region of its own view",
                    )
                )
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
                within=tuple(
                    f"{outer}.{s.value}"
                    for outer in entry.within
                    if outer in entries and entries[outer].paired and not entry.paired
                    for s in (Side.left, Side.right)
                ),
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
        rel = rel_path(path, root)
        mf = load_file(MuscleFile, path, root, problems)
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

    regions_file = load_file(RegionsFile, need("regions.yaml"), root, problems)
    vocab_file = load_file(VocabularyFile, need("vocabulary.yaml"), root, problems)
    sources_file = load_file(SourcesFile, need("sources.yaml"), root, problems)
    flags_file = load_file(RedFlagsFile, need("red_flags.yaml"), root, problems)
    spots_file = load_file(SpotsFile, need("spots.yaml"), root, problems)
    evidence_file = load_file(EvidenceFile, need("evidence.yaml"), root, problems)
    # phrasing is optional: a knowledge base without it still understands its synonyms
    phrasing_file = (
        load_file(PhrasingFile, need("phrasing.yaml"), root, problems)
        if need("phrasing.yaml").exists()
        else PhrasingFile()
    )
    # routine templates are optional too: the finder needs none
    routines_file = (
        load_file(RoutinesFile, need("routines.yaml"), root, problems)
        if need("routines.yaml").exists()
        else RoutinesFile(routines=[])
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
        or routines_file is None
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
        precautions=_index(vocab_file.precautions, "id", voc, "precaution", problems),
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
        routines=_index(routines_file.routines, "id", "routines.yaml", "routine", problems),
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
    from knotwork.core.kbcheck import cross_check  # it reads a KnowledgeBase: loaded here

    problems += cross_check(kb)
    if problems:
        raise KBError(problems)
    return kb


# --------------------------------------------------------------------------- zone references


def parse_zone_ref(ref: str) -> tuple[str, bool]:
    """The one reader of the zone-reference grammar: ``key`` (the trigger point's side, or
    the midline) or ``key@both`` (both sides). Returns the key and whether both sides."""
    key, sep, _rest = ref.partition("@")
    return key, bool(sep)


@functools.cache
def default_kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return load_kb(DATA_DIR)


__all__ = [
    "DATA_DIR",
    "KBError",
    "KBProblem",
    "KnowledgeBase",
    "Region",
    "TriggerPointRecord",
    "default_kb",
    "load_kb",
    "parse_zone_ref",
    "region_label",
]
