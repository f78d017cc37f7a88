"""Cross-checks over a loaded knowledge base: every reference points at something that is
there (regions, flags, sources, areas), once every file has been read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from knotwork.core.kb import KnowledgeBase, parse_zone_ref
from knotwork.core.kbproblems import KBProblem
from knotwork.core.schema import Muscle, Tier

_SEVERITY = {tier: n for n, tier in enumerate(Tier)}
"""Red-flag tiers from least to most serious."""


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
        for prec in self.kb.precautions.values():
            where = f"precaution {prec.id}"
            self.citations("vocabulary.yaml", where, "sources", prec.sources)
            for i, scope in enumerate(prec.danger):
                for j, key in enumerate(scope.regions):
                    if key not in self.kb.region_entries:
                        fld = f"danger[{i}].regions[{j}]"
                        self.add("vocabulary.yaml", where, fld, f"unknown region {key!r}")
                self.vocabulary(
                    "vocabulary.yaml",
                    where,
                    f"danger[{i}].tools",
                    scope.tools,
                    self.kb.tools,
                    "tool",
                )
        for key, entry in self.kb.region_entries.items():
            if entry.area not in self.kb.areas:
                self.add("regions.yaml", f"region {key}", "area", f"unknown area {entry.area!r}")

    def aggravators(self) -> None:
        for term in self.kb.aggravators.values():
            for i, other in enumerate(term.kind_of):
                if other not in self.kb.aggravators or other == term.id:
                    self.add(
                        "vocabulary.yaml",
                        f"aggravator {term.id}",
                        f"kind_of[{i}]",
                        f"unknown or own aggravator {other!r}",
                    )

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
            hints = {h.lower() for h in flag.hints}
            for k, kind in enumerate(flag.hint_kinds):
                for h in kind:
                    if h.lower() not in hints:
                        self.add(rel, entry, f"hint_kinds[{k}]", f"{h!r} is not one of its hints")
            if flag.asked_when_felt is not None:
                felt = flag.asked_when_felt
                self.zone(rel, entry, "asked_when_felt.regions", felt.regions)
                for q in felt.qualities:
                    if q not in self.kb.qualities:
                        self.add(rel, entry, "asked_when_felt.qualities", f"unknown quality {q!r}")
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
        for way, pairs in (
            ("above", kb.phrasing.beside.above),
            ("below", kb.phrasing.beside.below),
        ):
            for ref, there in pairs.items():
                for key in (ref, there):
                    if key not in kb.region_entries:
                        self.add(rel, f"beside.{way}", ref, f"unknown region {key!r}")
        for i, both in enumerate(kb.phrasing.both_faces):
            for key in both.regions:
                if key not in kb.region_entries:
                    self.add(rel, f"both_faces[{i}]", "regions", f"unknown region {key!r}")
            views = [kb.region_entries[k].view for k in both.regions if k in kb.region_entries]
            if len(set(views)) != len(views):
                self.add(rel, f"both_faces[{i}]", "regions", "two regions of one view")
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
                named = [p.precaution for p in treatment.precautions]
                self.vocabulary(
                    rel,
                    entry,
                    f"self_treatment[{t_i}].precautions",
                    named,
                    kb.precautions,
                    "precaution",
                )
                for dup in sorted({p for p in named if named.count(p) > 1}):
                    where = f"self_treatment[{t_i}].precautions"
                    self.add(rel, entry, where, f"{dup!r} is named twice")
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

    def routines(self) -> None:
        rel = "routines.yaml"
        for rid, routine in self.kb.routines.items():
            entry = f"routine {rid}"
            for i, step in enumerate(routine.steps):
                record = self.kb.trigger_points.get(step.trigger_point)
                where = f"steps[{i}]"
                if record is None:
                    unknown = f"unknown trigger point {step.trigger_point!r}"
                    self.add(rel, entry, f"{where}.trigger_point", unknown)
                    continue
                techniques = record.point.self_treatment
                if step.posture is not None and all(t.posture != step.posture for t in techniques):
                    have = ", ".join(sorted({t.posture.value for t in techniques}))
                    self.add(
                        rel,
                        entry,
                        f"{where}.posture",
                        f"{step.trigger_point} has no technique done {step.posture.value} "
                        f"(it has: {have})",
                    )
                if step.tool is not None and all(step.tool not in t.tools for t in techniques):
                    have = ", ".join(sorted({tool for t in techniques for tool in t.tools}))
                    self.add(
                        rel,
                        entry,
                        f"{where}.tool",
                        f"{step.trigger_point} has no technique with the tool {step.tool!r} "
                        f"(it has: {have})",
                    )
            self.citations(rel, entry, "sources", routine.sources)


def cross_check(kb: KnowledgeBase) -> list[KBProblem]:
    """Every reference between files must point at something that exists."""
    checker = _Checker(kb)
    checker.regions()
    checker.aggravators()
    checker.red_flags()
    checker.phrasing()
    for mid, muscle in kb.muscles.items():
        checker.muscle(mid, muscle)
    checker.spots()
    checker.routines()
    return checker.problems
