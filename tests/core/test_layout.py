"""The text core is plain Python: no module under pipeline/core imports Dagster."""

import subprocess
import sys

from tests.paths import ROOT

CORE = ROOT / "pipeline" / "core"


def _core_modules() -> list[str]:
    names = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_stage_is_a_package_with_a_facade() -> None:
    for stage in ("text", "documents", "quotes", "figures", "stories", "facts"):
        assert (CORE / stage / "__init__.py").is_file(), stage


def test_core_never_imports_dagster() -> None:
    modules = _core_modules()
    assert len(modules) > 20
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0].startswith('dagster'))\n"
        "print(' '.join(leaked))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "", f"pipeline.core imports Dagster: {out.stdout.strip()}"


def test_one_subheading_rule_for_documents_and_quotes() -> None:
    """Documents, quote judging and the speaker index share pipeline.core.text.headings."""
    from pipeline.core.documents import is_subheading as documents_rule
    from pipeline.core.text.headings import is_subheading, subheading_spans

    assert documents_rule is is_subheading
    assert is_subheading("Where the money went")
    assert is_subheading('Q&A: "Why now"')  # closing marks are not its punctuation
    assert not is_subheading("She said it was over.")
    assert not is_subheading("a hard-wrapped line of prose that ends in a comma,")
    assert not is_subheading("   ")
    assert not is_subheading(" ".join(["word"] * 16))
    assert not is_subheading("x" * 250)
    text = "Where the money went\nShe said it was over.\nWhat next"
    assert subheading_spans(text) == [(0, 20), (43, 52)]
