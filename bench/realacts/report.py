"""The three tables in Markdown, the history row, and docs/accuracy.md kept across runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .corpus import FAMILIES

COLUMNS = [*FAMILIES, "all"]


def _cell(agree: int, total: int) -> str:
    return "—" if not total else f"{agree}/{total} ({100 * agree / total:.0f} %)"


def _field_rows(fields: dict[str, dict[str, dict[str, int]]]) -> list[str]:
    rows = ["| field | " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * len(COLUMNS)]
    for name, per in fields.items():
        rows.append(f"| {name} | " + " | ".join(_cell(per.get(f, {}).get("agree", 0), per.get(f, {}).get("total", 0)) for f in COLUMNS) + " |")
    return rows


def facts_table(facts: dict[str, Any]) -> str:
    rows = _field_rows(facts["fields"])
    within = facts["present_within_1"]
    rows.append("| listed_present within 1 | " + " | ".join(_cell(within.get(f, {}).get("agree", 0), within.get(f, {}).get("total", 0)) for f in COLUMNS) + " |")
    total = [sum(per.get(f, {}).get(k, 0) for per in facts["fields"].values()) for f in COLUMNS for k in ("agree", "total")]
    rows.append("| **every fact** | " + " | ".join(_cell(total[2 * i], total[2 * i + 1]) for i in range(len(COLUMNS))) + " |")
    return "\n".join(rows)


def alarms_table(alarms: dict[str, Any]) -> str:
    rows = ["| documents | " + " | ".join(COLUMNS) + " |", "|---|" + "---:|" * len(COLUMNS)]
    labels = {
        "documents": "read or not",
        "unreadable": "not read (exit 2)",
        "with_error": "with at least one `error`",
        "sure": "… false alarm for sure (sidecar: no defect)",
        "review": "… defect named by the sidecar, or no sidecar: to review",
    }
    for key, label in labels.items():
        rows.append(f"| {label} | " + " | ".join(str(alarms["families"].get(f, {}).get(key, 0)) for f in COLUMNS) + " |")
    rows.append(f"| `structure` errors (\"not a deliberation\") | {len(alarms['structure_errors'])} | | | | |")
    return "\n".join(rows)


def _score(caught: int, made: int) -> str:
    return "—" if not made else f"{100 * caught / made:.0f} %"


def mutation_table(mutation: dict[str, Any]) -> str:
    rows = ["| operator | rule | made | caught | score | " + " | ".join(FAMILIES) + " |", "|---|---|---:|---:|---:|" + "---:|" * len(FAMILIES)]
    for name, row in mutation["families"].items():
        per = row["by_doc_family"]
        cells = " | ".join(_cell(per[f]["caught"], per[f]["made"]) for f in FAMILIES)
        rows.append(f"| {name} | `{row['rule']}` | {row['made']} | {row['caught']} | {_score(row['caught'], row['made'])} | {cells} |")
    every = mutation["doc_families"]
    cells = " | ".join(_cell(every[f]["caught"], every[f]["made"]) for f in FAMILIES)
    rows.append(f"| **all** | | {every['all']['made']} | {every['all']['caught']} | {_score(every['all']['caught'], every['all']['made'])} | {cells} |")
    return "\n".join(rows)


def _details(summary: str, lines: list[str]) -> str:
    if not lines:
        return f"{summary}: none."
    return f"<details><summary>{summary} ({len(lines)})</summary>\n\n" + "\n".join(lines) + "\n\n</details>"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def render(results: dict[str, Any]) -> str:
    """The whole report: the three tables and what each lists."""
    facts, alarms, mutation = results["facts"], results["false_alarms"], results.get("mutation")
    parts = [
        f"#### Facts against the sidecars ({facts['documents']} documents with a sidecar)", "", facts_table(facts), "",
        _details("Disagreements", [f"- `{d['doc']}` {d['field']}: {_md(d['detail'])}" for d in facts["disagreements"]]), "",
        "#### False alarms", "", alarms_table(alarms), "",
        _details("False alarms for sure", [f"- `{e['doc']}`: " + "; ".join(_md(x) for x in e["errors"][:4]) for e in alarms["sure"]]), "",
        _details("Errors to review (the sidecar names a defect, or there is no sidecar)", [f"- `{e['doc']}` (sidecar: {e['sidecar']}): " + "; ".join(_md(x) for x in e["errors"][:3]) for e in alarms["review"]]), "",
        _details("`structure` errors on real acts", [f"- `{e['doc']}`: {_md(e['message'])}" for e in alarms["structure_errors"]]), "",
        _details("Not read", [f"- `{e['doc']}`: {_md(e['error'])}" for e in alarms["unreadable"]]), "",
        _details("Internal errors", [f"- `{e['doc']}`: {_md(e['message'])}" for e in alarms["internal_errors"]]), "",
    ]
    invariance = results.get("invariance")
    if invariance is not None:
        parts += [
            f"#### Line breaks: the same facts on one line ({invariance['documents']} documents with line breaks, flattened)", "",
            "\n".join(_field_rows(invariance["fields"])), "",
            _details("Differences", [f"- `{d['doc']}` {d['field']}: {_md(d['lines'])} → {_md(d['flat'])}" for d in invariance["differences"]]), "",
        ]
    if mutation is not None:
        parts += [
            "#### Mutation score", "", mutation_table(mutation), "",
            _details("Missed mutants", [f"- `{m['doc']}`:{m['line']} {m['family']}: {_md(m['what'])} — delib: {_md(m['seen'])}" for m in mutation["missed"]]), "",
        ]
    return "\n".join(parts)


def summary_row(results: dict[str, Any]) -> str:
    """One line of the history table."""
    run, facts, alarms, mutation = results["run"], results["facts"], results["false_alarms"], results.get("mutation")
    agree = sum(v.get("all", {}).get("agree", 0) for v in facts["fields"].values())
    total = sum(v.get("all", {}).get("total", 0) for v in facts["fields"].values())
    within = facts["present_within_1"].get("all", {"agree": 0, "total": 0})
    every = alarms["families"]["all"]
    flat = results.get("invariance")
    same = "—"
    if flat is not None:
        same = _cell(sum(v.get("all", {}).get("agree", 0) for v in flat["fields"].values()), sum(v.get("all", {}).get("total", 0) for v in flat["fields"].values()))
    score = "—"
    weakest = ""
    if mutation is not None:
        m = mutation["doc_families"]["all"]
        score = _cell(m["caught"], m["made"])
        made = [(r["caught"] / r["made"], n) for n, r in mutation["families"].items() if r["made"]]
        weakest = ", ".join(f"{n} {100 * s:.0f} %" for s, n in sorted(made)[:3])
    return (f"| {run['date']} | `{run['commit']}` | {run['label']} | {every['documents']} | {_cell(agree, total)} | {_cell(within['agree'], within['total'])} | "
            f"{every['with_error']} | {every['sure']} | {len(alarms['structure_errors'])} | {every['unreadable']} | {same} | {score} | {weakest} |")


HISTORY_HEAD = ("| date | commit | documents measured | docs | facts agreeing | present names within 1 | docs with an error | false alarms for sure | "
                "`structure` errors | not read | same facts on one line | mutants caught | weakest operators |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")


def write_doc(path: Path, results: dict[str, Any], intro: str) -> None:
    """Add the run to the history and (re)write the detailed block of its label; keep every other block."""
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    history = re.findall(r"^\| \d{4}-\d\d-\d\d .*$", _between(old, "history"), re.M)
    history.append(summary_row(results))
    label = results["run"]["label"]
    blocks = dict(re.findall(r"<!-- run:(.+?) -->\n(.*?)<!-- /run -->\n", old, re.S))
    run = results["run"]
    heading = f"### {label}\n\n{run['date']}, commit `{run['commit']}`, {run['documents']} documents ({run['paths']}), {run['seconds']:.0f} s.\n\n"
    blocks[label] = heading + render(results) + "\n"
    kept = old.split("\n## History\n", 1)[0] if old.strip() else intro  # the hand-written method stays
    text = kept.rstrip() + "\n\n## History\n\n<!-- history -->\n" + HISTORY_HEAD + "\n" + "\n".join(history) + "\n<!-- /history -->\n\n## Runs\n\n"
    text += "\n".join(f"<!-- run:{name} -->\n{body}<!-- /run -->\n" for name, body in blocks.items())
    path.write_text(text, encoding="utf-8")


def _between(text: str, name: str) -> str:
    m = re.search(rf"<!-- {name} -->\n(.*?)<!-- /{name} -->", text, re.S)
    return m.group(1) if m else ""
