"""The finder's question form. It arrives by GET so the report lives in the URL."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from knotwork.core.kb import KnowledgeBase
from knotwork.core.resolve import InputLimitError, check_limits

OWN_WORDS_CHARS = 2000
"""An own-words box takes a paragraph; more is refused, saying what it accepts."""


def own_words(field_name: str, label: Any, help_text: Any) -> forms.CharField:
    """A box for the person's own words, bounded as the core bounds them (the error says
    what is accepted)."""

    def check(value: str) -> None:
        try:
            check_limits(field_name, [value])
        except InputLimitError as exc:
            raise forms.ValidationError(exc.message) from None

    return forms.CharField(
        label=label,
        required=False,
        max_length=OWN_WORDS_CHARS,
        validators=[check],
        help_text=help_text,
    )


class IdsField(forms.Field):
    """Several ids from a known set; says which value is not one of them.

    Lighter than MultipleChoiceField: the finder page offers ~250 choices and renders
    its own checkboxes, so there is no need to build Django's choice widgets.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed: frozenset[str] = frozenset()

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        values = [value] if isinstance(value, str) else list(value)
        for item in values:
            if item not in self.allowed:
                raise forms.ValidationError(
                    _("%(value)s is not one of the choices on this page; pick from the list."),
                    code="invalid_choice",
                    params={"value": item},
                )
        return values


class FinderForm(forms.Form):
    r = IdsField(label=_("Where does it hurt?"), required=False)
    pain = own_words(
        "pain",
        _("Or say where, in your own words"),
        _("For example: right back dimple, top of right buttock"),
    )
    q = IdsField(label=_("How does it feel?"), required=False)
    w = IdsField(label=_("What makes it worse?"), required=False)
    worse = own_words(
        "worse",
        _("Anything else that makes it worse, in your own words"),
        _("For example: leaning over the sink, lifting groceries out of a car trunk"),
    )
    f = IdsField(label=_("Do any of these apply to you?"), required=False)
    n = IdsField(label=_("Safety questions answered no"), required=False)
    ng = IdsField(label=_("Groups of safety questions where none apply"), required=False)
    none = forms.BooleanField(label=_("None of the other questions apply to me"), required=False)
    flags_text = own_words(
        "flags",
        _("Anything else about your health we should know, in your own words"),
        _("For example: on blood thinners, pregnant, a fall last week"),
    )
    care = IdsField(label=_("Anything that changes how to press?"), required=False)
    age = forms.IntegerField(
        label=_("Your age"),
        required=False,
        min_value=0,
        max_value=120,
        error_messages={
            "invalid": _("Enter your age as a whole number of years, from 0 to 120."),
            "min_value": _("Enter your age as a whole number of years, from 0 to 120."),
            "max_value": _("Enter your age as a whole number of years, from 0 to 120."),
        },
    )

    def __init__(self, kb: KnowledgeBase, *args: Any, **kwargs: Any) -> None:
        # Django deep-copies every field for every form so that a form may change its
        # own; this one never does, so the fields are configured once per knowledge base
        # and shared (their labels are lazy, so each request still gets its language)
        self.base_fields = {}  # type: ignore[misc]  # nothing to copy
        super().__init__(*args, **kwargs)
        self.kb = kb
        # every question, the context ones too: inflammatory back pain is told apart by
        # its features (morning stiffness, easing with exercise ...), so they are asked
        self.flag_choices = [(flag.id, flag.question) for flag in kb.flags.values()]
        self.fields = dict(_configured_fields(kb))

    def has_question(self) -> bool:
        """Whether the person has told us anything yet (so results are worth showing)."""
        data = self.data
        return any(
            data.get(k)
            for k in (
                "r",
                "pain",
                "f",
                "n",
                "ng",
                "none",
                "flags_text",
                "q",
                "w",
                "worse",
                "age",
                "care",
            )
        )


def _configured_fields(kb: KnowledgeBase) -> dict[str, forms.Field]:
    """The finder form's fields, each id list told the ids it accepts (kept per knowledge
    base; no form changes them)."""
    kept = kb.cache.get("finder_fields")
    if kept is None:
        fields: dict[str, forms.Field] = copy.deepcopy(FinderForm.base_fields)
        flag_ids = frozenset(kb.flags)
        allowed = {
            "r": frozenset(kb.regions),
            "q": frozenset(kb.qualities),
            "w": frozenset(kb.aggravators),
            "f": flag_ids,
            "n": flag_ids,
            "ng": frozenset(kb.flag_groups),
            "care": frozenset(kb.precautions),
        }
        for name, ids in allowed.items():
            field = fields[name]
            assert isinstance(field, IdsField)
            field.allowed = ids
        kept = kb.cache["finder_fields"] = fields
    assert isinstance(kept, dict)
    return kept
