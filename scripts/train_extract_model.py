"""Train the learned reader of :mod:`geo.extract.learned` from the annotated corpora.

    python scripts/train_extract_model.py [--out geo/extract/learned_model.json]
                                          [--exclude WRITER ...] [CORPUS.yaml ...]

Every passage of the training corpora (by default the writers' corpora
``tests/data/extract_corpus_fresh*.yaml`` except the held-out ones, see
:data:`HELD_OUT`) is read by :func:`geo.extract.extract_claims` while the candidates
of the learned reader are collected; a candidate is labelled with the side of the
annotated control claim it matches (same regions, same figure, or the same figure-less
qualifier), else "none". A multinomial logistic regression (scikit-learn, the
``build`` extra) is fitted and its weights written as JSON: ``classes``, ``bias`` and
``weights`` (feature -> one weight per class), rounded to 4 decimals, features whose
weights are all below 0.002 left out. ``tests/test_extract_learned.py`` checks that the
committed file is what this script builds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.extract import extract_claims, learned  # noqa: E402

#: Corpora scored once and never trained or tuned on (tests/test_extract.py: WRITERS).
HELD_OUT = ("extract_corpus_fresh60.yaml", "extract_corpus_fresh61.yaml",
            "extract_corpus_fresh62.yaml", "extract_corpus_fresh63.yaml",
            "extract_corpus_fresh72.yaml", "extract_corpus_fresh73.yaml",
            "extract_corpus_fresh74.yaml", "extract_corpus_fresh75.yaml",
            "extract_corpus_fresh76.yaml", "extract_corpus_fresh77.yaml",
            "extract_corpus_fresh78.yaml", "extract_corpus_fresh79.yaml",
            "extract_corpus_fresh80.yaml", "extract_corpus_fresh81.yaml",
            "extract_corpus_fresh82.yaml", "extract_corpus_fresh83.yaml",
            "extract_corpus_fresh84.yaml", "extract_corpus_fresh85.yaml",
            "extract_corpus_fresh86.yaml", "extract_corpus_fresh87.yaml",
            "extract_corpus_fresh88.yaml", "extract_corpus_fresh89.yaml",
            "extract_corpus_fresh90.yaml", "extract_corpus_fresh91.yaml",
            "extract_corpus_fresh92.yaml", "extract_corpus_fresh93.yaml",
            "extract_corpus_fresh94.yaml", "extract_corpus_fresh95.yaml",
            "extract_corpus_fresh96.yaml", "extract_corpus_fresh97.yaml",
            "extract_corpus_fresh98.yaml", "extract_corpus_fresh99.yaml",
            "extract_corpus_fresh100.yaml", "extract_corpus_fresh101.yaml",
            "extract_corpus_fresh102.yaml",
            "extract_corpus_fresh103.yaml", "extract_corpus_fresh104.yaml",
            "extract_corpus_fresh105.yaml", "extract_corpus_fresh106.yaml",
            "extract_corpus_fresh107.yaml",
            "extract_corpus_fresh108.yaml",
            "extract_corpus_fresh111.yaml",
            "extract_corpus_fresh110.yaml",
            "extract_corpus_fresh109.yaml",
            "extract_corpus_fresh112.yaml",
            "extract_corpus_fresh114.yaml",
            "extract_corpus_fresh115.yaml",
            "extract_corpus_fresh113.yaml",
            "extract_corpus_fresh116.yaml",
            "extract_corpus_fresh117.yaml",
            "extract_corpus_fresh118.yaml",
            "extract_corpus_fresh119.yaml",
            "extract_corpus_fresh120.yaml",
            "extract_corpus_fresh121.yaml",
            "extract_corpus_fresh122.yaml",
            "extract_corpus_fresh123.yaml",
            "extract_corpus_fresh124.yaml",
            "extract_corpus_fresh125.yaml",
            "extract_corpus_fresh126.yaml",
            "extract_corpus_fresh127.yaml",
            "extract_corpus_fresh128.yaml",
            "extract_corpus_fresh129.yaml",
            "extract_corpus_fresh130.yaml",
            "extract_corpus_fresh131.yaml",
            "extract_corpus_fresh132.yaml",
            "extract_corpus_fresh133.yaml",
            "extract_corpus_fresh134.yaml",
            "extract_corpus_fresh135.yaml",
            "extract_corpus_fresh139.yaml",
            "extract_corpus_fresh136.yaml",
            "extract_corpus_fresh138.yaml",
            "extract_corpus_fresh137.yaml",
            "extract_corpus_fresh140.yaml",
            "extract_corpus_fresh142.yaml",
            "extract_corpus_fresh141.yaml",
            "extract_corpus_fresh143.yaml",
            "extract_corpus_fresh144.yaml",
            "extract_corpus_fresh145.yaml",
            "extract_corpus_fresh146.yaml",
            "extract_corpus_fresh147.yaml",
            "extract_corpus_fresh151.yaml",
            "extract_corpus_fresh148.yaml",
            "extract_corpus_fresh150.yaml",
            "extract_corpus_fresh149.yaml",
            "extract_corpus_fresh153.yaml",
            "extract_corpus_fresh152.yaml",
            "extract_corpus_fresh154.yaml",
            "extract_corpus_fresh155.yaml",
            "extract_corpus_fresh159.yaml",
            "extract_corpus_fresh157.yaml",
            "extract_corpus_fresh156.yaml",
            "extract_corpus_fresh158.yaml",
            "extract_corpus_fresh160.yaml",
            "extract_corpus_fresh161.yaml",
            "extract_corpus_fresh162.yaml",
            "extract_corpus_fresh163.yaml",
            "extract_corpus_fresh164.yaml",
            "extract_corpus_fresh165.yaml",
            "extract_corpus_fresh166.yaml",
            "extract_corpus_fresh167.yaml",
            "extract_corpus_fresh168.yaml",
            "extract_corpus_fresh169.yaml",
            "extract_corpus_fresh170.yaml",
            "extract_corpus_fresh171.yaml",
            "extract_corpus_fresh172.yaml",
            "extract_corpus_fresh173.yaml",
            "extract_corpus_fresh174.yaml",
            "extract_corpus_fresh175.yaml",
            "extract_corpus_fresh176.yaml",
            "extract_corpus_fresh177.yaml",
            "extract_corpus_fresh178.yaml",
            "extract_corpus_fresh179.yaml")


def default_corpora() -> list[Path]:
    return sorted(p for p in (ROOT / "tests" / "data").glob("extract_corpus_fresh*.yaml")
                  if p.name not in HELD_OUT)


def _gold(claims: list[dict[str, Any]]) -> dict[tuple[Any, ...], str]:
    out: dict[tuple[Any, ...], str] = {}
    for c in claims:
        if not c["kind"].startswith("control"):
            continue
        value = None if c["value"] is None else round(float(c["value"]), 1)
        out[(tuple(sorted(c["regions"])), value,
             c["qualifier"] if value is None else None)] = c["actor"]
    return out


def examples(paths: list[Path]) -> tuple[list[list[str]], list[str]]:
    """Features and labels of every candidate the learned reader meets in ``paths``,
    read with no model (so the rules' own claims decide the context)."""
    X: list[list[str]] = []
    y: list[str] = []
    saved = learned._model
    learned._model = lambda: None  # type: ignore[assignment]
    try:
        for path in paths:
            for p in yaml.safe_load(path.read_text(encoding="utf-8"))["passages"]:
                gold = _gold(p["claims"])
                with learned.collecting() as trace:
                    extract_claims(p["text"])
                for _s, c, feats, _covered in trace:
                    value = None if c.fig is None else round(c.fig.value, 1)
                    key = (tuple(sorted(c.regions)), value,
                           c.qualifier if value is None else None)
                    side = gold.get(key)
                    X.append(feats)
                    y.append(side if side in ("RU", "UA") else "none")
    finally:
        learned._model = saved
    return X, y


def fit(X: list[list[str]], y: list[str], *, C: float = 1.0) -> dict[str, Any]:
    """A multinomial logistic regression over binary features, as JSON-ready weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(M, y)
    classes = [str(c) for c in clf.classes_]
    order = [classes.index(c) for c in learned.CLASSES]
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        w = [float(clf.coef_[i, j]) for i in order]
        if max(abs(v) for v in w) >= 0.002:
            weights[str(name)] = [round(v, 4) for v in w]
    return {"classes": list(learned.CLASSES),
            "bias": [round(float(clf.intercept_[i]), 4) for i in order],
            "weights": dict(sorted(weights.items())),
            "trained_on": len(y),
            "labels": {c: y.count(c) for c in learned.CLASSES}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, default=learned.MODEL_PATH)
    ap.add_argument("--exclude", nargs="*", default=[])
    args = ap.parse_args(argv)
    paths = [p for p in (args.corpora or default_corpora()) if p.name not in args.exclude]
    X, y = examples(paths)
    model = fit(X, y)
    args.out.write_text(json.dumps(model, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(y)} candidates from {len(paths)} corpora, labels "
          f"{model['labels']}, {len(model['weights'])} features")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
