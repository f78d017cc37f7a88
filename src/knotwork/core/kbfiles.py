"""Reading the knowledge base's files: YAML read safely (a key given twice is refused),
validated against the schema, and every problem named by file, entry and field."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from knotwork.core.kbproblems import KBProblem

if TYPE_CHECKING:
    import yaml

M = TypeVar("M", bound=BaseModel)


@functools.cache
def _safe_loader() -> type[yaml.SafeLoader]:
    """The safe loader (the C one when present), refusing a key said twice in one mapping:
    plain YAML keeps the last silently, and a knowledge-base entry would lose a field.
    Made on first use, so a command that reads a compiled copy never imports PyYAML."""
    import yaml

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _SafeLoader(base):  # type: ignore[valid-type,misc]
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

    return _SafeLoader


def read_yaml(path: Path, root: Path, problems: list[KBProblem]) -> Any:
    rel = rel_path(path, root)
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
    import yaml

    try:
        # the C loader when present: same safe subset of YAML, about ten times faster
        return yaml.load(text, Loader=_safe_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(KBProblem(rel, where, "", f"not valid YAML: {reason}", cause=True))
        return None


def rel_path(path: Path, root: Path) -> str:
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
    "routines": "routine",
    "steps": "step",
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


def load_file(model: type[M], path: Path, root: Path, problems: list[KBProblem]) -> M | None:
    data = read_yaml(path, root, problems)
    if data is None and not any(p.file == rel_path(path, root) for p in problems):
        problems.append(KBProblem(rel_path(path, root), "", "", "file is empty", cause=True))
        return None
    if data is None:
        return None
    return _validate(model, data, rel_path(path, root), problems)
