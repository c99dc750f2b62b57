"""The shape CONTRIBUTING.md describes: each topic's maths apart from its presentation,
one display layer, no presentation code twice."""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "crmlab"
TOPICS = sorted(p.parent.name for p in PACKAGE.glob("*/model.py"))
PRESENTATION = {"matplotlib", "ipywidgets", "IPython", "crmlab.display", "crmlab.widgets",
                "crmlab.plotting"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: crmlab.<base> from a topic package
                base = "crmlab." + base if node.level == 2 else f"crmlab.topic.{base}"
            names.add(base)
            names |= {f"{base}.{a.name}" for a in node.names}
    return names


def test_the_chapter_topics_are_packages():
    assert {"value", "segments", "accounts", "churn"} <= set(TOPICS)
    for old in ("value", "segments", "accounts", "churn"):
        assert not (PACKAGE / f"{old}.py").exists()


@pytest.mark.parametrize("topic", TOPICS)
def test_model_holds_the_maths_only(topic):
    imported = _imports(PACKAGE / topic / "model.py")
    bad = {n for n in imported if any(n == p or n.startswith(p + ".") for p in PRESENTATION)}
    assert not bad, f"crmlab/{topic}/model.py imports presentation code: {sorted(bad)}"
    source = (PACKAGE / topic / "model.py").read_text(encoding="utf-8")
    for word in ("WhatIfPanel", "Figure(", "set_title(", ".style.format"):
        assert word not in source, f"crmlab/{topic}/model.py contains {word!r}"


@pytest.mark.parametrize("topic", TOPICS)
def test_public_names_are_reexported(topic):
    package = importlib.import_module(f"crmlab.{topic}")
    for part in ("model", "charts", "panels", "tables"):
        if (PACKAGE / topic / f"{part}.py").exists():
            module = importlib.import_module(f"crmlab.{topic}.{part}")
            missing = [n for n in module.__all__ if getattr(package, n, None) is not getattr(module, n)]
            assert not missing, f"crmlab.{topic} does not re-export {missing}"
            assert set(module.__all__) <= set(package.__all__)


def test_one_display_layer():
    """No topic keeps its own label dictionary or table-relabelling helper."""
    for path in PACKAGE.rglob("*.py"):
        if path.name == "display.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.Assign)):
                names = [node.name] if isinstance(node, ast.FunctionDef) else \
                    [t.id for t in node.targets if isinstance(t, ast.Name)]
                for name in names:
                    assert name not in ("COLUMN_LABELS", "label_zh", "display_table"), \
                        f"{path.relative_to(ROOT)} defines {name}; use crmlab.display"


def test_no_private_imports_across_topics():
    for topic in TOPICS:
        for path in (PACKAGE / topic).glob("*.py"):
            for name in _imports(path):
                parts = name.split(".")
                if len(parts) >= 3 and parts[0] == "crmlab" and parts[1] in TOPICS \
                        and parts[1] != topic:
                    assert not any(p.startswith("_") for p in parts[2:]), \
                        f"{path.relative_to(ROOT)} imports private {name}"
