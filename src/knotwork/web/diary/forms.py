"""The diary's forms: each says what it accepts, and an error keeps everything typed."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from knotwork.web.diary.models import Session, SessionSpot
from knotwork.web.kb import get_kb

OLDEST_DAYS = 366
MAX_SPOTS = 6
NRS_HELP = "A whole number from 0 (no pain) to 10 (the worst pain you can imagine)."


def _nrs(label: str, *, required: bool) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10,
        required=required,
        help_text=NRS_HELP,
        error_messages={
            "required": "Give a number from 0 to 10.",
            "invalid": "Give a whole number from 0 to 10.",
            "min_value": "Give a number from 0 to 10.",
            "max_value": "Give a number from 0 to 10.",
        },
    )


class DayField(forms.DateField):
    """A day in the last year, not in the future."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Day")
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Give a date as YYYY-MM-DD, for example 2026-03-14.",
                "required": "Give the day.",
            },
        )
        super().__init__(**kwargs)

    def validate(self, value: datetime.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError("The day cannot be in the future.")
        if value < today - datetime.timedelta(days=OLDEST_DAYS):
            raise forms.ValidationError("The day must be within the last year.")


class RatingForm(forms.Form):
    day = DayField()
    pain_average = _nrs("Average pain over the last 24 hours", required=True)
    pain_now = _nrs("Pain right now (optional)", required=False)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep the note under 2,000 characters."},
    )


def tool_choices() -> list[tuple[str, str]]:
    """The tools the knowledge base's techniques name, by their labels."""
    kb = get_kb()
    return [
        ("", "(not said)"),
        *sorted(((t.id, t.label) for t in kb.tools.values()), key=lambda c: c[1]),
    ]


def spot_choices() -> list[tuple[str, str]]:
    kb = get_kb()
    return [
        ("", "(none)"),
        *sorted(
            (
                (ref, f"{rec.muscle.name}: {rec.point.name}")
                for ref, rec in kb.trigger_points.items()
            ),
            key=lambda c: c[1],
        ),
    ]


class SessionForm(forms.Form):
    day = DayField()
    reason = forms.ChoiceField(label="Why today", choices=Session.Reason.choices)
    pain_before = _nrs("Pain right before (optional)", required=False)
    pain_after = _nrs("Pain right after (optional)", required=False)
    pain_next_morning = _nrs("Pain the next morning (optional, or add it tomorrow)", required=False)
    adverse = forms.ChoiceField(label="Any bad effect", choices=Session.Adverse.choices)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep the note under 2,000 characters."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = spot_choices()
        tools = tool_choices()
        valid = {ref for ref, _label in choices if ref}
        for n in range(1, MAX_SPOTS + 1):
            self.fields[f"spot{n}"] = forms.ChoiceField(
                label=f"Spot {n}",
                choices=choices,
                required=False,
                error_messages={"invalid_choice": "Choose a spot from the list."},
            )
            self.fields[f"side{n}"] = forms.ChoiceField(
                label="Side", choices=SessionSpot.Side.choices, required=False, initial="both"
            )
            self.fields[f"minutes{n}"] = forms.DecimalField(
                label="Minutes",
                min_value=0.5,
                max_value=30,
                decimal_places=1,
                required=False,
                error_messages={
                    "invalid": "Give the minutes as a number, for example 2 or 1.5.",
                    "min_value": "Give at least half a minute.",
                    "max_value": "Give at most 30 minutes for one spot.",
                    "max_decimal_places": "Give the minutes to one decimal place.",
                },
            )
            self.fields[f"tool{n}"] = forms.ChoiceField(
                label="Tool",
                choices=tools,
                required=False,
                error_messages={"invalid_choice": "Choose a tool from the list."},
            )
            self.fields[f"pressure{n}"] = _nrs("Pressure (0-10, optional)", required=False)
            self.fields[f"recognised{n}"] = forms.ChoiceField(
                label="Did it bring on your pain?",
                choices=SessionSpot.Recognised.choices,
                required=False,
                initial=SessionSpot.Recognised.unsure,
            )
        self._valid_spots = valid

    def spot_rows(self) -> list[dict[str, Any]]:
        rows = []
        for n in range(1, MAX_SPOTS + 1):
            rows.append(
                {
                    name: self[f"{name}{n}"]
                    for name in ("spot", "side", "tool", "minutes", "pressure", "recognised")
                }
                | {"n": n}
            )
        return rows

    def more_spots_used(self) -> bool:
        """Spots 3 and on hold something (typed, prefilled, or with an error): show them."""
        return any(
            (self[f"{name}{n}"].value() not in (None, "") and name == "spot")
            or self[f"{name}{n}"].errors
            for n in range(3, MAX_SPOTS + 1)
            for name in ("spot", "minutes", "pressure")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        spots = [data.get(f"spot{n}") for n in range(1, MAX_SPOTS + 1)]
        if not any(spots):
            raise forms.ValidationError("Choose at least one spot you pressed.")
        for n, ref in enumerate(spots, start=1):
            if ref and data.get(f"minutes{n}") is None:
                self.add_error(f"minutes{n}", "Give the minutes for this spot.")
        return data

    def spots(self) -> list[dict[str, Any]]:
        """The spots chosen, in order."""
        data = self.cleaned_data
        out: list[dict[str, Any]] = []
        for n in range(1, MAX_SPOTS + 1):
            ref = data.get(f"spot{n}")
            if not ref:
                continue
            out.append(
                {
                    "trigger_point": ref,
                    "side": data.get(f"side{n}") or SessionSpot.Side.both,
                    "tool": data.get(f"tool{n}") or "",
                    "minutes": data[f"minutes{n}"],
                    "pressure": data.get(f"pressure{n}"),
                    "recognised": data.get(f"recognised{n}") or SessionSpot.Recognised.unsure,
                    "order": len(out) + 1,
                }
            )
        return out


class PainMapForm(forms.Form):
    day = DayField()
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": "Keep the note under 2,000 characters."},
    )


class SessionUpdateForm(forms.Form):
    """How a session felt, added or corrected afterwards (the timer logs only what it ran)."""

    reason = forms.ChoiceField(label="Why that day", choices=Session.Reason.choices)
    pain_before = _nrs("Pain right before (optional)", required=False)
    pain_after = _nrs("Pain right after (optional)", required=False)
    pain_next_morning = _nrs("Pain the next morning (optional)", required=False)
    adverse = forms.ChoiceField(label="Any bad effect", choices=Session.Adverse.choices)

    FIELDS = ("reason", "pain_before", "pain_after", "pain_next_morning", "adverse")


class DeleteEverythingForm(forms.Form):
    WORDS = "delete my diary"
    confirm = forms.CharField(
        label=f'Type "{WORDS}" to delete every entry',
        max_length=40,
        error_messages={"required": f'Type "{WORDS}" to confirm.'},
    )

    def clean_confirm(self) -> str:
        value = str(self.cleaned_data["confirm"]).strip().lower()
        if value != self.WORDS:
            raise forms.ValidationError(f'Type exactly "{self.WORDS}" to confirm.')
        return value


class DeleteAccountForm(forms.Form):
    WORDS = "delete my account"
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput,
        max_length=200,
        error_messages={"required": "Give your password."},
    )
    confirm = forms.CharField(
        label=f'Type "{WORDS}"',
        max_length=40,
        error_messages={"required": f'Type "{WORDS}" to confirm.'},
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        from allauth.account.adapter import get_adapter

        value = str(self.cleaned_data["password"])
        # through authenticate(), as every sign-in form: django-axes and allauth's rate
        # limit count a wrong password here too, so this is no side door for guessing
        if not get_adapter().reauthenticate(self.user, value):
            raise forms.ValidationError("That is not your password.")
        return value

    def clean_confirm(self) -> str:
        value = str(self.cleaned_data["confirm"]).strip().lower()
        if value != self.WORDS:
            raise forms.ValidationError(f'Type exactly "{self.WORDS}" to confirm.')
        return value
