"""The finder's question form. It arrives by GET so the report lives in the URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from knotwork.core.kb import KnowledgeBase
from knotwork.core.schema import Tier


class FinderForm(forms.Form):
    r = forms.MultipleChoiceField(
        label=_("Where does it hurt?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    pain = forms.CharField(
        label=_("Or say where, in your own words"),
        required=False,
        max_length=500,
        help_text=_("For example: right back dimple, top of right buttock"),
    )
    q = forms.MultipleChoiceField(
        label=_("How does it feel?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    w = forms.MultipleChoiceField(
        label=_("What makes it worse?"), required=False, widget=forms.CheckboxSelectMultiple
    )
    worse = forms.CharField(
        label=_("Anything else that makes it worse, in your own words"),
        required=False,
        max_length=500,
        help_text=_("For example: leaning over the sink, lifting groceries out of a car trunk"),
    )
    f = forms.MultipleChoiceField(
        label=_("Do any of these apply to you?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
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
        super().__init__(*args, **kwargs)
        self.kb = kb
        self.fields["r"].choices = [(rid, r.label) for rid, r in sorted(kb.regions.items())]
        self.fields["q"].choices = [(q.id, q.label) for q in kb.qualities.values()]
        self.fields["w"].choices = [(a.id, a.label) for a in kb.aggravators.values()]
        self.fields["f"].choices = [
            (flag.id, flag.question)
            for flag in kb.flags.values()
            if flag.tier is not Tier.context or flag.id == "first_episode"
        ]
        for name in ("r", "q", "w", "f"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "%(value)s is not one of the choices on this page; pick from the list."
            )

    def has_question(self) -> bool:
        """Whether the person has told us anything yet (so results are worth showing)."""
        data = self.data
        return any(data.get(k) for k in ("r", "pain", "f", "q", "w", "worse", "age"))
