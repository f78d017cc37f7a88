"""Issue 10's zone and region fixes, each held by a test on the shipped knowledge base."""

from __future__ import annotations

from knotwork.core.finder import find, interpret
from knotwork.core.kb import KnowledgeBase, parse_zone_ref


def _zone(kb: KnowledgeBase, ref: str, kind: str = "both") -> set[str]:
    tp = kb.trigger_points[ref].point
    refs = {"essential": tp.referral.essential, "spillover": tp.referral.spillover}
    chosen = [*refs["essential"], *refs["spillover"]] if kind == "both" else refs[kind]
    return {parse_zone_ref(r)[0] for r in chosen}


def test_every_region_is_explained_by_at_least_two_muscles(kb: KnowledgeBase) -> None:
    # a zone on a part explains the coarser region it lies in (a mark there gets credit)
    by_key: dict[str, set[str]] = {key: set() for key in kb.region_entries}
    for rec in kb.trigger_points.values():
        for key in _zone(kb, rec.ref):
            here: str | None = key
            while here is not None:
                by_key[here].add(rec.muscle.id)
                here = kb.region_entries[here].parent
    assert {k: sorted(v) for k, v in by_key.items() if len(v) < 2} == {}


def test_the_ankle_is_split_and_the_back_of_it_is_reached(kb: KnowledgeBase) -> None:
    for key in ("front.ankle.inner", "front.ankle.outer", "back.ankle", "back.ankle.achilles"):
        assert key in kb.region_entries
    assert {"back.heel", "back.ankle.achilles"} <= _zone(kb, "soleus/distal")
    assert {"back.ankle.achilles", "back.heel"} <= _zone(kb, "tibialis_posterior/main")


def test_a_plain_lower_back_puts_multifidus_first_among_the_spine_muscles(
    kb: KnowledgeBase,
) -> None:
    report = interpret(kb, pain=["lower back"], none_apply=True).report
    top = [c.record.muscle.id for c in find(kb, report, limit=5).candidates]
    assert top[0] == "multifidus"


def test_the_named_zone_fixes(kb: KnowledgeBase) -> None:
    assert {"back.neck", "back.head.skull_base"} <= _zone(kb, "multifidus/cervical", "essential")
    triceps = _zone(kb, "triceps_brachii/medial_head_epicondyle")
    assert {"front.elbow", "front.hand.little_fingers"} <= triceps
    assert {"front.head.temple", "front.head.forehead"} <= _zone(kb, "sternocleidomastoid/sternal")
    assert "back.calf" not in _zone(kb, "piriformis/lateral")
    assert "back.calf" not in _zone(kb, "piriformis/medial")
    scalene = _zone(kb, "scalenes/anterior", "essential")
    assert {"front.upper_arm", "back.hand.thumb_web", "front.hand.thumb"} <= scalene
    # iliocostalis at T11: the whole lower back is no longer its main zone
    assert "back.low_back" not in _zone(kb, "iliocostalis_thoracis/t11", "essential")
    for ref in ("masseter/superficial", "masseter/deep"):
        cautions = " ".join(kb.trigger_points[ref].point.cautions)
        assert "giant cell arteritis" in cautions
