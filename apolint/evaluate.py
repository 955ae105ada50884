"""Evaluate apolint against a labelled corpus: per-rule precision and recall, how well the score
ranks good drafts above poor ones (AUC), per-component F1, and score-band agreement.

    python -m apolint.evaluate corpus/ [--split tune|holdout|all|whole] [--writer W] [--details]

Labels: corpus/labels/<id>.yaml next to corpus/drafts/<id>.txt (format in corpus/README.md). The
split is fixed by a hash of each draft's id, so "holdout" drafts are never the ones rules were tuned
on, whoever runs it."""
from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .report import COMPONENTS


@dataclass
class LabelledDraft:
    id: str
    text: str
    verdict: str
    score_band: tuple[int, int]
    findings: set[str]
    components: set[str]
    register: str
    failure_severity: str
    writer: str = "core"  # who wrote and labelled it: "core" (the team) or a blind writer's tag

    @property
    def split(self) -> str:
        return "holdout" if int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 3 == 0 else "tune"


@dataclass
class Evaluation:
    drafts: int
    rules: dict[str, dict] = field(default_factory=dict)  # id -> {tp, fp, fn, precision, recall}
    components: dict[str, dict] = field(default_factory=dict)  # name -> {tp, fp, fn, f1}
    auc: float | None = None
    band_agreement: float = 0.0
    macro_f1: float = 0.0
    mistakes: list[str] = field(default_factory=list)


# Rules the labelling guide (corpus/README.md) does not cover: the drafts are English, carry no
# suppression comments, and merge fields count as filled in, so these can only be scored as noise.
NOT_LABELLED = ("merge-field-fallback", "not-english", "unused-suppression")


def load_corpus(root: Path) -> list[LabelledDraft]:
    out = []
    for label_path in sorted((root / "labels").glob("*.yaml")):
        data = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        draft_path = root / "drafts" / f"{data['id']}.txt"
        out.append(LabelledDraft(
            id=data["id"],
            text=draft_path.read_text(encoding="utf-8"),
            verdict=data["verdict"],
            score_band=tuple(data["score"]),
            findings=set(data.get("findings") or []),
            components=set(data.get("components") or []),
            register=data.get("register", "email"),
            failure_severity=data.get("failure_severity", "medium"),
            writer=str(data.get("writer") or "core"),
        ))
    return out


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def auc(good: list[int], poor: list[int]) -> float | None:
    if not good or not poor:
        return None
    wins = sum(1.0 if g > p else 0.5 if g == p else 0.0 for g in good for p in poor)
    return wins / (len(good) * len(poor))


def evaluate(drafts: list[LabelledDraft], rule_ids: list[str] | None = None) -> Evaluation:
    from .lint import Options, lint_sources
    from .read import Source
    from .ruleset import builtin_rules

    rule_ids = rule_ids or [r.id for r in builtin_rules() if r.id not in NOT_LABELLED]
    reports = list(lint_sources([Source(d.id, d.text) for d in drafts], Options()))
    ev = Evaluation(drafts=len(drafts))
    for rule in rule_ids:
        ev.rules[rule] = {"tp": 0, "fp": 0, "fn": 0}
    for comp in COMPONENTS:
        ev.components[comp] = {"tp": 0, "fp": 0, "fn": 0}
    in_band = 0
    good, poor = [], []
    for draft, report in zip(drafts, reports):
        fired = {f.rule for f in report.findings}
        for rule in rule_ids:
            counts = ev.rules[rule]
            if rule in fired and rule in draft.findings:
                counts["tp"] += 1
            elif rule in fired:
                counts["fp"] += 1
                ev.mistakes.append(f"{draft.id}: {rule} fired but is not labelled")
            elif rule in draft.findings:
                counts["fn"] += 1
                ev.mistakes.append(f"{draft.id}: {rule} labelled but did not fire")
        for comp in COMPONENTS:
            counts = ev.components[comp]
            got, want = report.components[comp], comp in draft.components
            counts["tp"] += got and want
            counts["fp"] += got and not want
            counts["fn"] += want and not got
        lo, hi = draft.score_band
        in_band += lo <= report.score <= hi
        if draft.verdict == "good":
            good.append(report.score)
        elif draft.verdict == "poor":
            poor.append(report.score)
    for counts in ev.rules.values():
        counts["precision"] = _ratio(counts["tp"], counts["tp"] + counts["fp"])
        counts["recall"] = _ratio(counts["tp"], counts["tp"] + counts["fn"])
    f1s = []
    for counts in ev.components.values():
        p = _ratio(counts["tp"], counts["tp"] + counts["fp"])
        r = _ratio(counts["tp"], counts["tp"] + counts["fn"])
        counts["f1"] = (2 * p * r / (p + r)) if p and r else 0.0
        f1s.append(counts["f1"])
    ev.macro_f1 = sum(f1s) / len(f1s)
    ev.auc = auc(good, poor)
    ev.band_agreement = in_band / len(drafts) if drafts else 0.0
    return ev


def _fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.2f}"


def format_evaluation(ev: Evaluation, title: str) -> str:
    lines = [f"## {title} ({ev.drafts} drafts)", "", "rule                       precision  recall   tp  fp  fn"]
    for rule, c in sorted(ev.rules.items()):
        lines.append(f"{rule:<26} {_fmt(c['precision']):>9}  {_fmt(c['recall']):>6}  {c['tp']:>3} {c['fp']:>3} {c['fn']:>3}")
    lines += ["", "component          F1", *[f"{k:<16} {_fmt(v['f1'])}" for k, v in ev.components.items()]]
    lines += ["", f"component macro-F1: {ev.macro_f1:.2f}",
              f"AUC good vs poor (score ranks): {_fmt(ev.auc).strip()}",
              f"score inside the labelled band: {ev.band_agreement:.0%}",
              f"(not labelled in this corpus, so not scored: {', '.join(NOT_LABELLED)})"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="apolint-eval", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="corpus", help="corpus directory (drafts/ and labels/)")
    parser.add_argument("--split", choices=["all", "tune", "holdout", "whole"], default="all",
                        help="all: the tune and holdout tables; whole: one table over every draft")
    parser.add_argument("--writer", action="append", metavar="W",
                        help="only drafts by this writer (the labels' writer field; 'core' for the team's own); repeatable")
    parser.add_argument("--details", action="store_true", help="list every disagreement with the labels")
    args = parser.parse_args(argv)
    root = Path(args.corpus)
    if not (root / "labels").is_dir():
        print(f"apolint-eval: error: {root}/labels not found", file=sys.stderr)
        return 2
    drafts = load_corpus(root)
    if args.writer:
        drafts = [d for d in drafts if d.writer in args.writer]
        if not drafts:
            print(f"apolint-eval: error: no drafts by writer {', '.join(args.writer)}", file=sys.stderr)
            return 2
    splits = ["tune", "holdout"] if args.split == "all" else [args.split]
    for split in splits:
        chosen = [d for d in drafts if split == "whole" or d.split == split]
        ev = evaluate(chosen)
        title = "every draft" if split == "whole" else f"{split} split"
        if args.writer:
            title += f", writer {', '.join(args.writer)}"
        print(format_evaluation(ev, title))
        if args.details:
            print("\n".join(["", "disagreements:", *ev.mistakes]))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
