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
