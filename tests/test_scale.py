"""Speed and scale features, tested for behaviour (never for time): worker processes keep input
order, the cache answers unchanged drafts without parsing and misses when anything that decides
a report changes, memory does not keep Docs, and the progress bar never touches stdout."""
import gc
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.tokens import Doc
from typer.testing import CliRunner

import apolint.lint as lint_module
import apolint.runner as runner
from apolint import cache as cache_module
from apolint.cache import Cache, fingerprint
from apolint.cli import app
from apolint.lint import BATCH_SIZE, Options, active_rules, lint_sources
from apolint.read import ReadFailure, Source
from apolint.ruleset import builtin_rules, load_rule_file

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = [
    "Hi Ana,\n\nI'm sorry we sent the wrong size of the Alder boots in order #{n}. I've sent the right pair today.\n\nBest,\nSam",
    "We apologize for any inconvenience this may have caused.",
    "Dear Valued Customer,\n\nYour order {n} was delayed due to unprecedented demand. We are sorry for the trouble.",
    "Sorry, our courier lost your parcel {n}.",
    "I'm so so sorry, truly sorry. Sorry again for the wait on ticket {n}!",
]


def library(count: int) -> list[Source]:
    return [Source(f"draft-{i}.txt", DRAFTS[i % len(DRAFTS)].replace("{n}", str(1000 + i))) for i in range(count)]


def summary(report):
    return (report.path, report.score, report.components, [(f.rule, f.start, f.end, f.message) for f in report.findings],
            report.error)


@pytest.fixture()
def count_parses(monkeypatch):
    """Counts the drafts handed to the parser (lint_batch is the only way a draft reaches nlp.pipe)."""
    calls = []
    real = lint_module.lint_batch

    def counting(sources, options):
        calls.append(len(sources))
        return real(sources, options)

    monkeypatch.setattr(lint_module, "lint_batch", counting)
    return calls


# ---------------------------------------------------------------- jobs

def test_jobs_keep_input_order_with_failures_and_cache_hits_interleaved(monkeypatch, tmp_path):
    # Small thresholds so a short test really starts the worker pool.
    monkeypatch.setattr(runner, "MIN_DRAFTS_FOR_JOBS", 4)
    monkeypatch.setattr(runner, "CHUNK_SIZE", 3)
    pools = []
    real_start = runner._start_pool
    monkeypatch.setattr(runner, "_start_pool", lambda jobs, options: pools.append(jobs) or real_start(jobs, options))

    sources = library(14)
    sources.insert(5, ReadFailure("missing.txt", "no such file"))
    sources.insert(11, ReadFailure("binary.png", "binary file (not a text draft)"))
    serial = [summary(r) for r in lint_sources(list(sources), Options(), jobs=1)]
    assert pools == []

    cache = Cache(tmp_path / "cache", fingerprint(Options(), active_rules(Options())))
    # Warm a few entries so hits, failures and parsed drafts alternate in the stream.
    list(lint_sources([s for s in sources[::4] if isinstance(s, Source)], Options(), cache=cache))
    cache = Cache(tmp_path / "cache", fingerprint(Options(), active_rules(Options())))
    parallel = [summary(r) for r in lint_sources(list(sources), Options(), jobs=2, cache=cache)]
    assert pools == [2], "the pool should have started"
    assert cache.hits >= 3 and cache.misses >= 8
    assert [s[0] for s in parallel] == [s.path for s in sources]
    assert parallel == serial


def test_small_input_stays_in_one_process(monkeypatch):
    pools = []
    monkeypatch.setattr(runner, "_start_pool", lambda jobs, options: pools.append(jobs))
    reports = list(lint_sources(library(5), Options(), jobs=8))
    assert len(reports) == 5 and pools == []


# ---------------------------------------------------------------- cache

def test_rerun_over_unchanged_library_parses_nothing(tmp_path, count_parses):
    sources = library(12)
    cache = Cache(tmp_path, fingerprint(Options(), active_rules(Options())))
    cold = [summary(r) for r in lint_sources(sources, Options(), cache=cache)]
    assert sum(count_parses) == 12 and cache.misses == 12 and cache.hits == 0
    count_parses.clear()
    cache = Cache(tmp_path, fingerprint(Options(), active_rules(Options())))
    warm = [summary(r) for r in lint_sources(sources, Options(), cache=cache)]
    assert count_parses == [], "a warm run must not parse"
    assert cache.hits == 12 and cache.misses == 0
    assert warm == cold
    assert not list(tmp_path.rglob(".tmp-*")), "no temporary files left behind"


def test_same_text_under_another_name_is_a_hit_with_its_own_path(tmp_path, count_parses):
    cache = Cache(tmp_path, fingerprint(Options(), active_rules(Options())))
    first = next(lint_sources([Source("a.txt", DRAFTS[1])], Options(), cache=cache))
    count_parses.clear()
    second = next(lint_sources([Source("b.txt", DRAFTS[1])], Options(), cache=cache))
    assert count_parses == []
    assert second.path == "b.txt" and second.text == DRAFTS[1]
    assert summary(second)[1:] == summary(first)[1:]
    count_parses.clear()
    next(lint_sources([Source("b.html", DRAFTS[1])], Options(), cache=cache))
    assert count_parses == [1], "another suffix may mean other markup: a miss"


def test_changed_option_misses(tmp_path, count_parses):
    sources = library(3)
    list(lint_sources(sources, Options(), cache=Cache(tmp_path, fingerprint(Options(), active_rules(Options())))))
    count_parses.clear()
    chat = Options(channel="chat")
    cache = Cache(tmp_path, fingerprint(chat, active_rules(chat)))
    list(lint_sources(sources, chat, cache=cache))
    assert sum(count_parses) == 3 and cache.hits == 0
    selected = Options(select=("vague-apology",))
    assert fingerprint(selected, active_rules(selected)) != fingerprint(Options(), active_rules(Options()))


def test_changed_rule_file_misses(tmp_path):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    source = builtin_rules()[0].path
    copy = rules_dir / source.name
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    before = fingerprint(Options(), (load_rule_file(copy),))
    assert fingerprint(Options(), (load_rule_file(copy),)) == before, "the fingerprint is deterministic"
    copy.write_text(source.read_text(encoding="utf-8").replace("summary:", "summary: Changed.", 1), encoding="utf-8")
    after = fingerprint(Options(), (load_rule_file(copy),))
    assert after != before
    cache = Cache(tmp_path / "c", before)
    source = Source("x.txt", DRAFTS[0])
    report = next(lint_sources([source], Options()))
    cache.put(cache.key(source), report)
    assert cache.get(cache.key(source), source) is not None
    stale = Cache(tmp_path / "c", after)
    assert stale.get(stale.key(source), source) is None


def test_changed_lexicon_or_model_version_misses(tmp_path, monkeypatch):
    rules = active_rules(Options())
    before = fingerprint(Options(), rules)
    package = tmp_path / "apolint"
    (package / "data").mkdir(parents=True)
    for p in (ROOT / "apolint" / "data").iterdir():
        (package / "data" / p.name).write_bytes(p.read_bytes())
    monkeypatch.setattr(cache_module, "PACKAGE_DIR", package)
    copied = fingerprint(Options(), rules)
    (package / "data" / "lexicon.yaml").write_text(
        (ROOT / "apolint" / "data" / "lexicon.yaml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint(Options(), rules) != copied
    monkeypatch.undo()
    assert fingerprint(Options(), rules) == before
    monkeypatch.setattr(cache_module, "_dist_version", lambda name: "9.9.9" if name == "spacy" else "1")
    assert fingerprint(Options(), rules) != before


def test_damaged_entry_is_a_miss_and_is_replaced(tmp_path):
    cache = Cache(tmp_path, fingerprint(Options(), active_rules(Options())))
    list(lint_sources([Source("a.txt", DRAFTS[2])], Options(), cache=cache))
    entry = next(tmp_path.rglob("*.json"))
    entry.write_text("{not json", encoding="utf-8")
    cache = Cache(tmp_path, cache.fingerprint)
    report = next(lint_sources([Source("a.txt", DRAFTS[2])], Options(), cache=cache))
    assert cache.misses == 1 and report.findings
    assert json.loads(entry.read_text(encoding="utf-8"))["score"] == report.score


def test_cli_warm_run_parses_nothing_and_matches(tmp_path, count_parses):
    for i, source in enumerate(library(6)):
        (tmp_path / source.path).write_text(source.text, encoding="utf-8")
    args = ["check", "--format", "json", "--fail-on", "never", "--cache-dir", str(tmp_path / "c"), str(tmp_path)]
    cold = CliRunner().invoke(app, args)
    assert cold.exit_code == 0, cold.output
    assert sum(count_parses) == 6
    count_parses.clear()
    warm = CliRunner().invoke(app, args)
    assert warm.exit_code == 0 and count_parses == []
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    assert (tmp_path / "c" / "CACHEDIR.TAG").is_file() and (tmp_path / "c" / ".gitignore").is_file()
    (tmp_path / "draft-0.txt").write_text("Sorry for the trouble.", encoding="utf-8")
    edited = CliRunner().invoke(app, args)
    assert edited.exit_code == 0 and count_parses == [1], "only the edited draft is parsed again"


# ---------------------------------------------------------------- the command line

def run(*args, cwd=None, **kwargs):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "apolint", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300, **kwargs)


def test_no_cache_writes_nothing_and_clean_removes_the_cache(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFTS[0], encoding="utf-8")
    r = run("check", "--no-cache", "--cache-dir", str(tmp_path / "c"), str(draft))
    assert r.returncode in (0, 1), r.stderr
    assert not (tmp_path / "c").exists()
    r = run("check", str(draft), cwd=tmp_path)  # default location: .apolint_cache in the working directory
    assert (tmp_path / ".apolint_cache" / "CACHEDIR.TAG").is_file()
    r = run("clean", cwd=tmp_path)
    assert r.returncode == 0 and "removed" in r.stdout
    assert not (tmp_path / ".apolint_cache").exists()
    r = run("clean", cwd=tmp_path)
    assert r.returncode == 0 and "no cache" in r.stdout


def test_clean_refuses_a_directory_that_is_not_a_cache(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "keep.txt").write_text("important", encoding="utf-8")
    r = run("clean", "--cache-dir", str(project))
    assert r.returncode == 2
    assert r.stderr.startswith("apolint: error:") and len(r.stderr.strip().splitlines()) == 1
    assert (project / "keep.txt").read_text(encoding="utf-8") == "important"


def test_json_stays_valid_with_progress_bar_on_a_terminal(tmp_path):
    """stderr is a real pseudo-terminal (so the automatic bar turns on); stdout is a pipe."""
    count = 60  # above progress.MIN_DRAFTS
    for i in range(count):
        (tmp_path / f"d{i:03}.txt").write_text(f"Sorry for the delay with order #{4000 + i}.", encoding="utf-8")
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="120", TERM="xterm")
    env.pop("NO_COLOR", None)
    out_path = tmp_path.parent / f"{tmp_path.name}-stdout.json"  # a file: a full pipe would block the child
    out_file = open(out_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "apolint", "check", "--format", "json", "--no-cache",
                             "--jobs", "1", str(tmp_path)], stdout=out_file, stderr=slave, env=env)
    os.close(slave)
    stderr = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            stderr += chunk
        elif proc.poll() is not None:
            break
    proc.wait(timeout=300)
    out_file.close()
    os.close(master)
    stdout = out_path.read_bytes()
    data = json.loads(stdout)  # one valid JSON document, nothing else on stdout
    assert data["summary"]["files"] == count
    assert [f["path"] for f in data["files"]] == [str(tmp_path / f"d{i:03}.txt") for i in range(count)]
    assert b"linting" in stderr, "the bar should have been drawn on the terminal"


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    for i in range(60):
        (tmp_path / f"d{i:03}.txt").write_text(f"Sorry for the delay with order #{5000 + i}.", encoding="utf-8")
    r = run("check", "--format", "json", "--no-cache", str(tmp_path))
    assert json.loads(r.stdout)["summary"]["files"] == 60
    assert "linting" not in r.stderr


# ---------------------------------------------------------------- memory and pipeline

def test_docs_are_not_retained_while_streaming():
    gc.collect()
    baseline = sum(isinstance(o, Doc) for o in gc.get_objects())
    live = []
    for n, _ in enumerate(lint_sources(library(3 * BATCH_SIZE), Options()), 1):
        if n % 16 == 0:
            gc.collect()
            live.append(sum(isinstance(o, Doc) for o in gc.get_objects()) - baseline)
    assert max(live) <= 2, f"Docs kept alive while streaming: {live}"


def test_only_the_components_the_rules_read_are_loaded():
    import dataclasses

    from apolint.parse import load_nlp
    from apolint.pipeline import excluded_components

    assert excluded_components(builtin_rules()) == ("ner",)
    assert "ner" not in load_nlp(excluded_components(builtin_rules())).pipe_names
    entity_rule = dataclasses.replace(builtin_rules()[0], checks=[
        {"kind": "pattern", "patterns": [[{"LOWER": "dear"}, {"ENT_TYPE": "PERSON"}]]}])
    assert excluded_components(builtin_rules() + (entity_rule,)) == ()


def test_no_module_reads_entities_that_are_not_loaded():
    """NER is excluded unless a rule pattern asks for it, so code that reads token.ent_type_ or
    doc.ents would silently see nothing: dates, times, amounts come from apolint/mentions.py."""
    offenders = []
    for path in (ROOT / "apolint").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if "ent_type" in code or "ent_iob" in code or ".ents" in code:
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_config_change_misses_and_keeps_per_file_settings(tmp_path, count_parses, monkeypatch):
    """A configuration decides per file (rules, severities): editing it must not reuse entries."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.txt").write_text(DRAFTS[2].replace("{n}", "7"), encoding="utf-8")
    args = ["check", "--format", "json", "--fail-on", "never", "--cache-dir", str(tmp_path / "c"), "d.txt"]
    first = json.loads(CliRunner().invoke(app, args).stdout)
    assert "generic-salutation" in {f["rule"] for f in first["files"][0]["findings"]}
    count_parses.clear()
    (tmp_path / "apolint.toml").write_text('severity = {generic-salutation = "info"}\n', encoding="utf-8")
    second = json.loads(CliRunner().invoke(app, args).stdout)
    assert count_parses == [1], "a changed configuration must not be answered from the cache"
    assert {f["severity"] for f in second["files"][0]["findings"] if f["rule"] == "generic-salutation"} == {"info"}
    count_parses.clear()
    third = json.loads(CliRunner().invoke(app, args).stdout)
    assert count_parses == [] and third == second


def test_loading_rules_and_a_warm_run_do_not_import_spacy(tmp_path):
    """A run answered from the cache (and `apolint rules`) must not pay for importing spaCy."""
    (tmp_path / "d.txt").write_text(DRAFTS[0].replace("{n}", "1"), encoding="utf-8")
    cache_dir = tmp_path / "c"
    assert run("check", "--fail-on", "never", "--cache-dir", str(cache_dir), str(tmp_path / "d.txt")).returncode == 0
    probe = ("import sys, runpy; sys.argv = ['apolint', 'check', '--fail-on', 'never', '--cache-dir', sys.argv[1], sys.argv[2]]\n"
             "try:\n    runpy.run_module('apolint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
             "print('SPACY' if 'spacy' in sys.modules else 'NO-SPACY', file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", probe, str(cache_dir), str(tmp_path / "d.txt")], capture_output=True,
                       text=True, env=dict(os.environ, NO_COLOR="1"), timeout=300)
    assert "NO-SPACY" in r.stderr, r.stderr
    assert "score" in r.stdout
