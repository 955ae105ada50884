"""Every kind of input a template repository holds gets a clear answer (issue 8): empty drafts,
binary files, every encoding and line ending, invalid UTF-8, NUL and control characters, emoji,
combining marks, right-to-left text and drafts in other languages."""
import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from apolint.lint import lint_sources
from apolint.read import Source, iter_sources

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "apolint" / "data" / "report.schema.json").read_text())
DRAFT = "Dear Valued Customer,\n\nWe\u2019re sorry for any inconvenience.\n"


def run(*args, stdin=None):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "apolint", *args], input=stdin, capture_output=True,
                          env=env, timeout=300)


# "sorry for any inconvenience" is inconvenience-cliche's (which supersedes vague-apology there);
# either rule flagging the words shows the offsets were right.
VAGUE = {"vague-apology", "inconvenience-cliche"}


def findings(report):
    return [(f.rule, f.line, f.column, f.text) for f in report.findings]


# --- empty and whitespace-only drafts: no findings, a note, a score that fails no gate ---------

@pytest.mark.parametrize("text", ["", " ", "\n\n\n", " \t\r\n \u00a0\u200b\ufeff"])
def test_empty_and_whitespace_drafts_have_a_note_and_no_findings(lint, text):
    report = lint(text)
    assert report.findings == []
    assert report.note == "empty draft: nothing to check"
    assert report.score == 100 and not any(report.components.values())
    data = report.to_dict()
    assert data["note"] == "empty draft: nothing to check" and "error" not in data


def test_empty_file_on_the_command_line(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_bytes(b"  \r\n\r\n")
    r = run("check", "--format", "json", str(tmp_path))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [f["note"] for f in data["files"]] == ["empty draft: nothing to check"] * 2
    text = run("check", str(tmp_path / "empty.txt"))
    assert b"empty draft: nothing to check" in text.stdout and text.returncode == 0


# --- binary files ------------------------------------------------------------------------------

BINARIES = {
    "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "scan.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    "macros.zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
}


def test_binary_files_in_a_walk_are_skipped_with_a_notice(tmp_path):
    for name, data in BINARIES.items():
        (tmp_path / (name + ".txt")).write_bytes(data)  # a draft suffix, binary content
    (tmp_path / "real.txt").write_text("I'm sorry we lost your parcel; I've sent a new one today.")
    r = run("check", "--format", "json", str(tmp_path))
    data = json.loads(r.stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["real.txt"]
    notices = r.stderr.decode().strip().splitlines()
    assert len(notices) == len(BINARIES)
    assert all(line.endswith(": skipped binary file") for line in notices)
    assert r.returncode != 2  # a skipped binary in a walk is not an input error


def test_binary_file_named_explicitly_is_an_error_and_the_others_are_linted(tmp_path):
    for name, data in BINARIES.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("I'm sorry we lost your parcel #5512; I've sent a new one today.")
    paths = [str(tmp_path / n) for n in BINARIES] + [str(good)]
    r = run("check", "--format", "json", *paths)
    assert r.returncode == 2
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    errors = [f.get("error") for f in data["files"]]
    assert errors[:-1] == ["binary file (not a text draft)"] * len(BINARIES)
    assert errors[-1] is None and data["files"][-1]["score"] is not None
    err_lines = r.stderr.decode().strip().splitlines()
    assert len(err_lines) == len(BINARIES) and all("binary file" in line for line in err_lines)
    assert b"Traceback" not in r.stderr


# --- encodings and line endings ---------------------------------------------------------------

ENCODED = {
    "utf-8": DRAFT.encode("utf-8"),
    "utf-8 with BOM": codecs.BOM_UTF8 + DRAFT.encode("utf-8"),
    "utf-16-le with BOM": codecs.BOM_UTF16_LE + DRAFT.encode("utf-16-le"),
    "utf-16-be with BOM": codecs.BOM_UTF16_BE + DRAFT.encode("utf-16-be"),
    "utf-32 with BOM": DRAFT.encode("utf-32"),
}


@pytest.mark.parametrize("name", ENCODED)
def test_encodings_decode_to_the_same_findings(tmp_path, name):
    path = tmp_path / "draft.txt"
    path.write_bytes(ENCODED[name])
    sources = list(iter_sources([str(path)]))
    assert isinstance(sources[0], Source)
    text = sources[0].text.lstrip("\ufeff")
    assert text == DRAFT
    report = next(lint_sources(sources))
    assert ("generic-salutation", 1, 1, "Dear Valued Customer") in findings(report)
    vague = [f for f in report.findings if f.rule in VAGUE]
    assert vague and vague[0].line == 3


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_files_keep_columns_on_the_command_line(tmp_path, newline):
    path = tmp_path / "draft.txt"
    original = "Hi there,\n\nThanks for writing.  We apologize for any inconvenience.\n".replace("\n", newline)
    path.write_bytes(original.encode())
    data = json.loads(run("check", "--format", "json", str(path)).stdout)
    f = next(f for f in data["files"][0]["findings"] if f["rule"] in VAGUE)
    assert (f["line"], f["column"]) == (3, 22)
    assert original[f["start"]:f["end"]] == f["text"] and f["text"].startswith("We apologize")


def test_invalid_utf8_names_the_byte_offset_and_others_are_linted(tmp_path):
    bad = tmp_path / "cp1252.txt"
    bad.write_bytes("We\u2019re sorry about the café order.".encode("cp1252"))
    good = tmp_path / "good.txt"
    good.write_text("I'm sorry we lost your parcel; I've sent a new one today.")
    r = run("check", "--format", "json", str(bad), str(good))
    assert r.returncode == 2
    data = json.loads(r.stdout)
    assert data["files"][0]["error"].startswith("not valid UTF-8 at byte 2 (byte 0x92)")
    assert "--encoding" in data["files"][0]["error"]
    assert data["files"][1]["score"] is not None
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "cp1252.txt" in err[0] and "byte 2" in err[0]
    fixed = run("check", "--format", "json", "--encoding", "cp1252", str(bad))
    assert fixed.returncode != 2
    assert json.loads(fixed.stdout)["files"][0].get("error") is None
    unknown = run("check", "--encoding", "klingon", str(bad))
    assert unknown.returncode == 2 and b"unknown encoding 'klingon'" in unknown.stderr


def test_invalid_utf8_on_stdin():
    r = run("check", "-", stdin=b"Sorry \xff\xfe for the delay")
    assert r.returncode == 2 and b"not valid UTF-8 at byte 6" in r.stderr


# --- characters inside the text ---------------------------------------------------------------

@pytest.mark.parametrize("text,needle", [
    ("We apologize\x00 for any inconvenience.\x00", "We apologize"),  # NUL bytes (decoded text)
    ("We\x07 apologize for any\x0b inconvenience.\x7f\x1b\x01", "We\x07 apologize"),  # control chars
    ("😞 We apologize for any inconvenience 👍🏽👨‍👩‍👧.", "We apologize"),  # emoji, ZWJ sequence
    ("Cafe\u0301 team: we apologize for any inconve\u0301nience.", "we apologize"),  # combining marks
    ("\u05e9\u05dc\u05d5\u05dd! We apologize for any inconvenience. \u202eevil\u202c", "We apologize"),  # RTL
])
def test_unusual_characters_keep_offsets(lint, text, needle):
    report = lint(text)
    for f in report.findings:
        assert text[f.start:f.end] == f.text
    where = text.index(needle)
    vague = [f for f in report.findings if f.rule in VAGUE and f.start <= where < f.end]
    assert vague, findings(report)
    assert vague[0].line == 1 and vague[0].column == vague[0].start + 1
    assert needle in vague[0].text


def test_nul_bytes_in_a_utf16_file_are_text_not_binary(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(ENCODED["utf-16-le with BOM"])
    assert b"\x00" in path.read_bytes()
    assert isinstance(next(iter_sources([str(path)])), Source)


def test_control_characters_never_reach_the_terminal(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(b"Dear Valued Customer,\n\nWe apologize\x1b]0;owned\x07 for any\x1b[2J inconvenience.\n")
    r = run("check", str(path))
    assert b"\x1b" not in r.stdout and b"\x07" not in r.stdout
    assert "\u241b".encode() in r.stdout  # shown as the ESC picture instead
    # carets still under the flagged words
    lines = r.stdout.decode().splitlines()
    shown = next(i for i, line in enumerate(lines) if "We apologize" in line and "│" in line)
    assert lines[shown + 1].index("^") == lines[shown].index("We apologize")


def test_wide_characters_keep_carets_aligned(tmp_path):
    """Carets sit under the finding's first character in terminal cells: emoji and CJK take two
    cells, combining marks none."""
    from rich.cells import cell_len

    path = tmp_path / "draft.txt"
    path.write_text("Dear Valued Customer,\n\n顧客 😞😞 cafe\u0301: we apologize for any inconvenience.\n")
    data = json.loads(run("check", "--format", "json", str(path)).stdout)["files"][0]["findings"]
    lines = run("check", str(path)).stdout.decode().splitlines()
    shown = [i for i, line in enumerate(lines) if "│" in line and "^" not in line]
    assert len(shown) == len(data) >= 2
    for i, f in zip(shown, data):
        gutter = lines[i].index("│") + 2
        before = lines[i][gutter:gutter + f["column"] - 1]
        assert cell_len(lines[i + 1][:lines[i + 1].index("^")]) == cell_len(lines[i][:gutter]) + cell_len(before)
        assert lines[i][gutter + f["column"] - 1:].startswith(f["text"].split("\n")[0])


# --- drafts that are not English ---------------------------------------------------------------

FOREIGN = {
    "french": "Bonjour Marie,\n\nNous sommes vraiment désolés pour le retard de votre commande. Nous vous avons remboursé les frais.",
    "spanish": "Hola Ana,\n\nLamentamos mucho el retraso de su pedido. Le hemos reembolsado los gastos de envío.",
    "german": "Sehr geehrte Frau Müller,\n\nes tut uns leid, dass Ihre Bestellung verspätet ist. Wir haben Ihnen die Versandkosten erstattet.",
    "italian": "Gentile cliente, ci scusiamo per il ritardo nella consegna del suo ordine. Abbiamo rimborsato le spese.",
    "portuguese": "Olá Ana, pedimos desculpa pelo atraso na entrega da sua encomenda. Reembolsámos os portes de envio.",
    "japanese": "お客様へ\n\nご注文の配送が遅れましたこと、心よりお詫び申し上げます。",
    "russian": "Уважаемый клиент, приносим извинения за задержку вашего заказа.",
    "arabic": "عزيزي العميل، نعتذر عن التأخير في طلبك.",
    "hebrew": "לקוח יקר, אנו מתנצלים על העיכוב בהזמנה שלך.",
}


@pytest.mark.parametrize("language", FOREIGN)
def test_other_languages_get_one_note_not_nonsense(lint, language):
    text = FOREIGN[language]
    report = lint(text)
    assert [f.rule for f in report.findings] == ["not-english"]
    note = report.findings[0]
    assert note.severity == "info" and note.line == 1 and note.column == 1
    assert text[note.start:note.end] == note.text == text.splitlines()[0].rstrip()
    assert "does not look like English" in note.message
    assert report.note.startswith("not assessed")
    assert report.score == 100 and not any(report.components.values())


ENGLISH = [
    "Order #1182 refunded. Apologies. Tracking: 1Z999AA10123456784. Ping me if anything's off. - Sam",
    "sry abt that!! refunded u, lmk",
    "Hi Oluwaseun, Priya Ramaswamy here from Zalando Payments: sorry, the refund is sent.",
    "Hi Ana,\n\n> Hola, mi pedido no ha llegado y nadie me responde. ¿Dónde está?\n\nI'm sorry your parcel is late; I've sent a replacement today.",
    "Hi {{ first_name }},\n\nWe're sorry the {{ product_name }} on {{ order_date }} was late; we've refunded {{ amount }}.",
    "We apologize for any inconvenience.",
]


@pytest.mark.parametrize("text", ENGLISH)
def test_english_drafts_are_assessed(lint, text):
    report = lint(text)
    assert "not-english" not in {f.rule for f in report.findings}
    assert report.note is None


def test_not_english_on_the_command_line(tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(FOREIGN["french"])
    r = run("check", str(path))
    out = r.stdout.decode()
    assert "info not-english" in out and "not assessed" in out
    assert r.returncode == 0  # an info note fails no default gate...
    assert run("check", "--fail-on", "info", str(path)).returncode == 1  # ...unless asked to


def test_a_lint_stream_is_consumed_lazily():
    """Memory stays bounded over a large collection: reports come out while sources are still
    being read, at most one batch ahead (a 200 MB collection is never held at once)."""
    pulled = 0

    def sources():
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield Source(f"d{i}.txt", "I'm sorry we lost your parcel; I've sent a new one today.")

    from apolint.parse import BATCH_SIZE

    stream = lint_sources(sources())
    first = next(stream)
    assert first.path == "d0.txt"
    assert pulled <= BATCH_SIZE + 1
    for _ in range(3 * BATCH_SIZE):
        next(stream)
    assert pulled <= 5 * BATCH_SIZE


# --- malformed collections --------------------------------------------------------------------

@pytest.mark.parametrize("name,content,expected", [
    ("bad.json", '[{"id": 1, "body": "Sorry"},\n {"id": 2 "body": "x"}]\n', "invalid JSON at line 2 column 11: Expecting ',' delimiter"),
    ("bad.yaml", '- id: 1\n  body: "Sorry\n', "invalid YAML at line 3"),
    ("bad.csv", 'id,body\n1,"Sorry about\n2,fine\n', 'invalid CSV at line 2: the quoted field opened here is never closed; expected a closing "'),
])
def test_malformed_collections_name_file_line_and_expectation(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content)
    good = tmp_path / "good.txt"
    good.write_text("I'm sorry we lost your parcel #5512; I've sent a new one today.")
    r = run("check", "--format", "json", str(path), str(good))
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"apolint: error: {path}: ") and expected in err[0], err
    files = json.loads(r.stdout)["files"]
    assert files[-1]["path"] == str(good) and files[-1]["score"] is not None
