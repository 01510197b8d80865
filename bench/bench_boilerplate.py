"""Whole-page cleaning on the boilerplate dev set: the pages as pasted .txt articles, scored by its score.py.

    python bench/bench_boilerplate.py [--data ../shared/data/boilerplate-dev] [--split all|tune|held-out]

(the default folder can also be set with BOILERPLATE_DEV).
The archive-wide repetition signal sees every page, as it would in a build. Pages are split by a
hash of their name: `tune` (3 in 4) was used to develop the rules, `held-out` (1 in 4) was not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model import Source  # noqa: E402
from generator.reading import chrome, clean, ingest  # noqa: E402

DATA = Path(os.environ.get("BOILERPLATE_DEV") or ROOT.parent / "shared/data/boilerplate-dev")
SPLITS = ("all", "tune", "held-out")


def held_out(name: str) -> bool:
    return hashlib.sha1(name.encode()).digest()[0] % 4 == 0


def in_split(name: str, split: str) -> bool:
    return split == "all" or (split == "held-out") == held_out(name)


def cleaned_pages(data: Path) -> dict[str, str]:
    """{page name: the text the cleaner keeps}, every page read as a pasted .txt article."""
    pages = sorted((data / "pages").glob("*.txt"))
    sources = {}
    for page in pages:
        result = ingest.read(page, page.parent)
        if isinstance(result, Source):
            sources[page.stem] = result
    survey = chrome.survey(list(sources.values()))
    kept = {}
    for name, source in sources.items():
        article = clean.clean(source, survey)
        kept[name] = "\n\n".join([article.meta.title, *article.paragraphs])
    return kept


def score(data: Path, kept: dict[str, str], split: str) -> dict[str, float]:
    """recall / rejection / harmonic from the dev set's own scorer, on one split."""
    gold = {k: v for k, v in json.loads((data / "gold.json").read_text(encoding="utf-8")).items() if in_split(k, split)}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        for name in gold:
            (out / f"{name}.txt").write_text(kept.get(name, ""), encoding="utf-8")
        (Path(tmp) / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, str(data / "score.py"), str(out), "--gold", str(Path(tmp) / "gold.json"), "--pages", str(data / "pages")],
            capture_output=True, text=True, check=True,
        )
    line = next(l for l in result.stdout.splitlines() if l.startswith("cleaned output"))
    recall, rejection, harmonic = (float(x) for x in re.findall(r"\d\.\d{3}", line)[:3])
    return {"pages": len(gold), "recall": recall, "rejection": rejection, "harmonic": harmonic, "line": line}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", choices=SPLITS, default=None, help="one split (default: all three)")
    args = parser.parse_args()
    if not (args.data / "gold.json").is_file():
        sys.exit(f"no dev set at {args.data} (gold.json missing)")
    start = time.perf_counter()
    kept = cleaned_pages(args.data)
    print(f"cleaned {len(kept)} pages in {time.perf_counter() - start:.1f} s")
    print(f"{'split':<10} {'pages':>5} {'recall':>8} {'rejection':>10} {'harmonic':>9}")
    for split in [args.split] if args.split else SPLITS:
        figures = score(args.data, kept, split)
        print(f"{split:<10} {figures['pages']:>5} {figures['recall']:>8.3f} {figures['rejection']:>10.3f} {figures['harmonic']:>9.3f}")


if __name__ == "__main__":
    main()
