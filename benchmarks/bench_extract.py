"""Extraction speed: a 5,000-word article, and how fast hostile input is refused.

Run: ``.venv/bin/python benchmarks/bench_extract.py``. Prints figures; asserts nothing.
The article is the test corpus (``tests/data/extract_corpus.yaml``) with filler
paragraphs, repeated to 5,000 words.
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

    passages = yaml.safe_load((ROOT / "tests/data/extract_corpus.yaml").read_text())["passages"]
    body = " ".join(p["text"] for p in passages)
    filler = "The talks continued late into the evening as officials met the press. " * 20
    text = ""
    while len(text.split()) < 5000:
        text += body + "\n\n" + filler + "\n\n"
    extract_claims(text)  # warm: the place pattern is built once per process
    times = []
    for _ in range(5):
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
