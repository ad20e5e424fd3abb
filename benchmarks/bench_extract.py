"""Extraction speed: a 5,000-word article, and how fast hostile input is refused.

Run: ``.venv/bin/python benchmarks/bench_extract.py``. Prints figures; asserts nothing.
The article is the test corpora's passages joined, in order, until 5,000 words (every
sentence different; the lexicon's sentence caches are cleared before each timed run).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from geo.errors import ArticleError
    from geo.extract import decode_article, extract_claims
    from geo.extract.parts import clear_caches

    # the five corpora's passages (three outside writers' articles among them) joined until
    # 5,000 words: every sentence different, as in a real article (the lexicon caches a
    # sentence's figures and places, so a text that repeats itself would flatter it)
    text = ""
    for name in ("extract_corpus_fresh.yaml", "extract_corpus_fresh2.yaml",
                 "extract_corpus_fresh3.yaml", "extract_corpus_structures.yaml",
                 "extract_corpus.yaml"):
        for p in yaml.safe_load((ROOT / "tests/data" / name).read_text())["passages"]:
            if len(text.split()) < 5000:
                text += p["text"] + "\n\n"
    extract_claims(text)  # warm: the place pattern is built once per process
    times = []
    for _ in range(5):
        clear_caches()  # each run reads the article afresh
        t0 = time.perf_counter()
        claims = extract_claims(text)
        times.append(time.perf_counter() - t0)
    print(f"5,000-word article ({len(text.split()):,} words, {len(text):,} characters): "
          f"{len(claims)} claims in {1000 * statistics.median(times):.0f} ms median "
          f"(best {1000 * min(times):.0f} ms)")
    t0 = time.perf_counter()
    from geo.extract.lexicon import _place_pattern

    _place_pattern.cache_clear()
    extract_claims("Russia controls more than 80% of the Donetsk region.")
    print(f"first call in a process (builds the place pattern): "
          f"{1000 * (time.perf_counter() - t0):.0f} ms")
    for label, raw in (("10 MB of text", b"a " * 5_000_000), ("10 MB of zeros", bytes(10 ** 7))):
        t0 = time.perf_counter()
        try:
            extract_claims(decode_article(raw))
        except ArticleError as exc:
            print(f"{label}: refused in {1000 * (time.perf_counter() - t0):.1f} ms ({exc})")


if __name__ == "__main__":
    main()
