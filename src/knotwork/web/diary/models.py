"""The diary's records: daily pain, self-treatment sessions and their spots, questionnaires.

Every row has one owner and an opaque UUID, the only id a URL ever shows. Views reach
rows only through :func:`owned`, so a stranger's id is a 404, never a 403.
"""

from __future__ import annotations

import uuid
from typing import TypeVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

NRS = [MinValueValidator(0), MaxValueValidator(10)]


class Owned(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class DailyRating(Owned):
    """Pain over the last 24 hours (and now), once a day: a second entry replaces the first."""

    day = models.DateField()
    pain_average = models.PositiveSmallIntegerField(validators=NRS)
    pain_now = models.PositiveSmallIntegerField(validators=NRS, null=True, blank=True)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "day"], name="one_rating_a_day"),
            models.CheckConstraint(
                condition=models.Q(pain_average__lte=10), name="pain_average_0_10"
            ),
        ]
        ordering = ["-day"]


class Session(Owned):
    """One self-treatment session."""

    class Reason(models.TextChoices):
        planned = "planned", "planned"
        flare = "flare", "a flare-up"
        experiment = "experiment", "part of a test"
        other = "other", "other"

    class Adverse(models.TextChoices):
        none = "none", "none"
        soreness = "soreness", "soreness lasting more than 2 days"
        bruising = "bruising", "bruising"
        numbness = "numbness", "numbness or tingling"
        other = "other", "other"

    day = models.DateField()
    reason = models.CharField(max_length=12, choices=Reason.choices, default=Reason.planned)
    pain_before = models.PositiveSmallIntegerField(validators=NRS, null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(validators=NRS, null=True, blank=True)
    pain_next_morning = models.PositiveSmallIntegerField(validators=NRS, null=True, blank=True)
    adverse = models.CharField(max_length=12, choices=Adverse.choices, default=Adverse.none)
    routine = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-day", "-created_at"]


class SessionSpot(models.Model):
    """One trigger point pressed in a session."""

    class Side(models.TextChoices):
        left = "left", "left"
        right = "right", "right"
        both = "both", "both"

    class Recognised(models.TextChoices):
        yes = "yes", "yes, this is my pain"
        no = "no", "no"
        unsure = "unsure", "not sure"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="spots")
    order = models.PositiveSmallIntegerField(default=1)
    trigger_point = models.CharField(max_length=120)
    side = models.CharField(max_length=5, choices=Side.choices, default=Side.both)
    tool = models.CharField(max_length=40, blank=True)
    minutes = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(30)],
        default=2,
    )
    pressure = models.PositiveSmallIntegerField(validators=NRS, null=True, blank=True)
    recognised = models.CharField(
        max_length=6, choices=Recognised.choices, default=Recognised.unsure
    )

    class Meta:
        ordering = ["order"]


class InstrumentResponse(Owned):
    """A questionnaire answered (item values) or its score typed from a licensed form."""

    instrument = models.CharField(max_length=60)
    version = models.CharField(max_length=20)
    day = models.DateField()
    answers = models.JSONField(default=dict, blank=True)
    labels = models.JSONField(default=dict, blank=True)  # PSFS: the activities named
    total = models.FloatField()
    subscales = models.JSONField(default=dict, blank=True)
    band = models.CharField(max_length=80, blank=True)
    typed_total = models.BooleanField(default=False)

    class Meta:
        ordering = ["-day", "-created_at"]


class PainMap(Owned):
    """Where it hurt on a day: the body-map regions of a finder report, kept as a dated entry."""

    day = models.DateField()
    regions = models.JSONField(default=list)  # region ids, as the knowledge base names them
    report = models.CharField(max_length=4000, blank=True)  # the finder report's query
    note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-day", "-created_at"]


M = TypeVar("M", bound=Owned)


def owned(model: type[M], owner: object) -> models.QuerySet[M]:
    """The rows of ``model`` that belong to ``owner``: the only way views reach rows."""
    manager: models.Manager[M] = model._default_manager
    return manager.filter(owner=owner)


class Experiment(Owned):
    """A planned test of one spot: its days drawn at random when it was made, never changed."""

    spot = models.CharField(max_length=120)
    start = models.DateField()
    arms = models.CharField(max_length=120)  # "ABBA...": one letter a day from start
    smallest_that_matters = models.FloatField(default=2.0)
    seed = models.BigIntegerField()

    class Meta:
        ordering = ["-start", "-created_at"]
