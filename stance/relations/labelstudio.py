"""``stance review --import``: a Label Studio JSON export back into labeled rows of the corpus schema.

Per task, the annotations not cancelled are read (``result`` of the ``stance`` choice and the ``roles`` spans,
as configured by :data:`stance.relations.review.LABEL_CONFIG`). The source and target are the annotated spans
when the annotation has any (a corrected holder or target), else the task's own; no source span means the
text's own tone. Every task is accounted for: written, or left out with its reason: no annotation, no stance
chosen, skipped by the annotator (a cancelled annotation), ``wrong pair``, annotators who disagree, two
target spans, a duplicate of another task (same text, source and target; kept once when the labels agree,
left out when they differ), or already in a known dataset (``--known``). The rows written are checked like the dataset (:func:`stance.training.dataset.problems`):
source and target in the text, labels valid, ids unique.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from stance.errors import InputError
from stance.relations.review import WRONG_PAIR
from stance.schema import DATASET_COLUMNS, LABELS, LANGS


@dataclass
class ImportReport:
    tasks: int = 0
    written: int = 0
    left_out: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)

    def leave_out(self, reason: str, task_id) -> None:
        self.left_out[reason] += 1
        self.examples.setdefault(reason, [])
        if len(self.examples[reason]) < 5:
            self.examples[reason].append(str(task_id))

    def lines(self) -> list[str]:
        out = [f"{self.tasks} tasks read, {self.written} rows written"]
        for reason, count in sorted(self.left_out.items()):
            out.append(f"  {count} left out: {reason} (task {', '.join(self.examples[reason])}"
                       f"{'…' if count > 5 else ''})")
        return out


def read_export(path) -> list[dict]:
    """The tasks of a Label Studio JSON export; :class:`InputError` when it is not one."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not JSON ({error.msg} at line {error.lineno}, column {error.colno})") from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) and isinstance(t.get("data"), dict) for t in tasks):
        raise InputError(f"{path}: not a Label Studio JSON export (expected a list of tasks with 'data')")
    for task in tasks:
        if not isinstance(task["data"].get("text"), str):
            raise InputError(f"{path}: task {task.get('id')} has no 'text' in its data")
    return tasks


def _outcome(annotation: dict, data: dict) -> tuple:
    """(stance or None or WRONG_PAIR, source, target or None when two targets) of one annotation."""
    choice, sources, targets, spans = None, [], [], False
    for region in annotation.get("result") or []:
        value = region.get("value") or {}
        if region.get("from_name") == "stance" and value.get("choices"):
            choice = value["choices"][0]
        elif region.get("from_name") == "roles" and value.get("labels"):
            spans = True
            text = data["text"][value["start"]:value["end"]] if "start" in value else value.get("text", "")
            (sources if "source" in value["labels"] else targets).append(text)
    if not spans:
        return choice, data.get("source") or "", data.get("target") or ""
    if len(targets) != 1 or len(sources) > 1:
        return choice, None, None
    return choice, sources[0] if sources else "", targets[0]


def row_id(text: str, source: str, target: str) -> str:
    """A stable id for a reviewed row: the same pair gets the same id in every import."""
    return "rv" + hashlib.sha1(f"{text}\x1f{source}\x1f{target}".encode("utf-8")).hexdigest()[:12]


def read_table(path, required) -> pd.DataFrame:
    """A dataset CSV read strictly (:mod:`stance.io.csvfile`), every field as text; :class:`InputError` for a
    missing file, a malformed record, a missing or repeated column."""
    from stance.io import csvfile
    from stance.io.scoring import check_header, check_unique

    columns = check_header(path, list(required))
    check_unique(path, columns)
    records = [fields for _, fields in csvfile.records(path)][1:]
    return pd.DataFrame(records, columns=columns, dtype=object) if records else pd.DataFrame(
        {c: pd.Series(dtype=object) for c in columns})


def _known_pairs(paths) -> dict[tuple, tuple[str, str]]:
    known = {}
    for path in paths or ():
        frame = read_table(path, ["text", "source", "target", "stance"])
        for text, source, target, stance in zip(frame["text"], frame["source"], frame["target"], frame["stance"]):
            known.setdefault((text, source, target), (Path(path).name, stance))
    return known


def import_export(tasks: list[dict], *, split: str = "train", known=()) -> tuple[pd.DataFrame, ImportReport]:
    """Labeled rows (``DATASET_COLUMNS`` + ``split``) from Label Studio ``tasks``; see the module docstring."""
    from stance.text.sentences import detect_language

    report, rows = ImportReport(tasks=len(tasks)), {}
    conflicts = set()
    seen_known = _known_pairs(known)
    for task in tasks:
        data, task_id = task["data"], task.get("id", "?")
        annotations = task.get("annotations") or []
        done = [a for a in annotations if not a.get("was_cancelled")]
        if not done:
            report.leave_out("skipped by the annotator" if annotations else "no annotation", task_id)
            continue
        outcomes = {_outcome(a, data) for a in done}
        if len(outcomes) > 1:
            report.leave_out("annotators disagree", task_id)
            continue
        stance, source, target = outcomes.pop()
        if stance is None:
            report.leave_out("no stance chosen", task_id)
        elif stance == WRONG_PAIR:
            report.leave_out("wrong pair", task_id)
        elif stance not in LABELS:
            report.leave_out(f"unknown choice {stance!r}", task_id)
        elif target is None:
            report.leave_out("not one target span (or several source spans)", task_id)
        else:
            key = (data["text"], source, target)
            if key in seen_known:
                name, label = seen_known[key]
                same = "same label" if label == stance else f"labelled {label} there"
                report.leave_out(f"already in {name} ({same})", task_id)
            elif key in conflicts:
                report.leave_out("duplicate task with another label", task_id)
            elif key in rows:
                if rows[key]["stance"] == stance:
                    report.leave_out("duplicate task, same label (kept once)", task_id)
                else:
                    report.leave_out("duplicate task with another label", task_id)
                    report.leave_out("duplicate task with another label", rows.pop(key)["task"])
                    conflicts.add(key)
            else:
                lang = data.get("lang") if data.get("lang") in LANGS else detect_language(data["text"])
                rows[key] = {"id": row_id(*key), "doc_id": str(data.get("doc_id") or f"labelstudio-{task_id}"),
                             "lang": lang, "text": data["text"], "source": source, "target": target,
                             "stance": stance, "split": split, "task": task_id}
    frame = pd.DataFrame(list(rows.values()), columns=[*DATASET_COLUMNS, "split", "task"]).drop(columns="task")
    report.written = len(frame)
    return frame, report


def merge_into(existing, new: pd.DataFrame) -> pd.DataFrame:
    """``existing`` reviewed rows followed by the ``new`` ones it does not have (same id = same pair)."""
    old = read_table(existing, DATASET_COLUMNS)
    return pd.concat([old, new[~new["id"].isin(set(old["id"]))]], ignore_index=True)
