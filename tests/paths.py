"""Where the tests find the repository, its fixtures, the seeds and the shared development data."""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"
DEVDATA = ROOT.parent / "shared" / "devdata"


def seed_inbox(folder: Path) -> Path:
    """`folder` (created if needed) holding copies of the five seed articles."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    return folder
