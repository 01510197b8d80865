"""Reading files: encodings, line ends, mojibake, front matter and its errors."""

from __future__ import annotations

import pytest

from generator.errors import Problem
from generator.model import Skipped, Source
from generator.reading import ingest
from tests.conftest import SEED_ARTICLES

TEXT = "Ukraine’s Deputy Defence Minister Hanna Maliar said “2 km”.\nSecond line café.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("cp1252"), "windows-1252"),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (TEXT.replace("\n", "\r").encode("cp1252"), "windows-1252"),
    ],
)
def test_every_encoding_reads_to_the_same_text(tmp_path, data, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    source = ingest.read(path, tmp_path)
    assert isinstance(source, Source)
    assert source.encoding == encoding
    assert [b.text for b in source.blocks] == TEXT.strip().split("\n")


def test_mojibake_is_repaired_and_recorded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ukraineâ€™s forces advanced â€œ2 kmâ€\x9d near Bakhmut.\n", encoding="utf-8")
    source = ingest.read(path, tmp_path)
    assert source.blocks[0].text == "Ukraine’s forces advanced “2 km” near Bakhmut."
    assert "mojibake repaired" in source.repairs


def test_front_matter_is_parsed_and_body_lines_keep_their_numbers(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: A title\ndate: 2023-05-12\ntags: [a, b]\n---\n\nFirst paragraph.\n", encoding="utf-8")
    source = ingest.read(path, tmp_path)
    assert source.front_matter["title"] == "A title"
    assert source.blocks[0].line == 7


@pytest.mark.parametrize(
    "front, line, words",
    [
        ("title: ok\npublisher: x\n", 3, "unknown front matter field 'publisher'"),
        ("title: [unclosed\n", 3, "not valid YAML"),
        ("title: ok\ntags: 5\n", 3, "'tags' must be a list"),
        ("title: !!python/object:os.system ls\n", 2, "not valid YAML"),
    ],
)
def test_front_matter_errors_name_file_and_line(tmp_path, front, line, words):
    path = tmp_path / "bad.md"
    path.write_text(f"---\n{front}---\nBody text here.\n", encoding="utf-8")
    problems = ingest.read(path, tmp_path)
    assert isinstance(problems, list) and problems
    assert isinstance(problems[0], Problem)
    assert problems[0].path == "bad.md" and problems[0].line == line
    assert words in problems[0].message


def test_markdown_articles_lose_their_markup_not_their_words(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# The *headline*\n\nA [linked](http://x.org) and **bold** <b>tag</b> word.\n", encoding="utf-8")
    source = ingest.read(path, tmp_path)
    assert [(b.text, b.heading) for b in source.blocks] == [
        ("The headline", True),
        ("A linked and bold <b>tag</b> word.", False),
    ]


def test_unsupported_and_hidden_files_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"PK")
    (tmp_path / ".gitkeep").write_bytes(b"")
    results = [ingest.read(p, tmp_path) for p in ingest.discover(tmp_path)]
    assert all(isinstance(r, Skipped) for r in results)
    assert "save articles as .txt or .md" in results[1].reason


def test_the_seeds_read_as_utf8_text():
    for path in SEED_ARTICLES:
        source = ingest.read(path, path.parent)
        assert isinstance(source, Source), path
        assert source.encoding == "utf-8"
        assert len(source.blocks) > 5
