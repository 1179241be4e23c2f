"""Where the tests find the repository, its fixtures, the seeds and the shared development data."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "seeds"
DEVDATA = ROOT.parent / "shared" / "devdata"
