"""The text core is plain Python: no module under pipeline/core imports Dagster."""

import ast
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


# --- Word lists: one home each -----------------------------------------------------------

# Functions whose string arguments are word lists ("a b c" or a literal of words).
_LIST_CALLS = {"frozenset", "set", "tuple", "list", "word_set", "_words", "_word_set",
               "_verb_forms"}
# Module-level names whose strings are the data model's own vocabulary, not words of news
# prose: exported names, column and field names, kinds, reasons (schemas/tables.py checks them).
_MODEL_SUFFIXES = ("_COLUMNS", "_FIELDS", "_KINDS", "_REASONS", "_EXTENSIONS")
_MODEL_NAMES = {"__all__", "_TOP_NAMES", "_BLOCK_TAGS", "APPROXIMATE", "LOWER_BOUND",
                "UPPER_BOUND"}


def _is_word(value: object) -> bool:
    """A word or phrase of prose: letters, with spaces, apostrophes, dots, hyphens or "&"."""
    return (isinstance(value, str) and any(c.isalpha() for c in value)
            and all(c.isalpha() or c in " '’.-&" for c in value))


def _words_in(node: ast.AST) -> list[str]:
    """The words a module-level value writes as literals: elements of a set, tuple or list
    literal, and the words of a string given to a word-list call (`word_set("a b c")`,
    `frozenset("a b".split())`); what it imports or computes is not counted."""
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and _is_word(e.value)]
    if isinstance(node, ast.BinOp):
        return _words_in(node.left) + _words_in(node.right)
    if isinstance(node, ast.GeneratorExp | ast.ListComp | ast.SetComp):
        return [w for g in node.generators for w in _words_in(g.iter)]
    if not isinstance(node, ast.Call):
        return []
    func = node.func
    if (isinstance(func, ast.Attribute) and func.attr == "split"
            and isinstance(func.value, ast.Constant) and isinstance(func.value.value, str)):
        return [w for w in func.value.value.split() if _is_word(w)]
    if isinstance(func, ast.Name) and func.id in _LIST_CALLS:
        return [w for a in node.args for w in (
            [w for w in a.value.split() if _is_word(w)]
            if isinstance(a, ast.Constant) and isinstance(a.value, str) else _words_in(a))]
    return []


def _written_word_lists(path) -> dict[str, frozenset[str]]:
    """Module-level names bound to a literal word list of 5 or more words -> its words."""
    found = {}
    for stmt in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(stmt, ast.Assign | ast.AnnAssign) and stmt.value is not None:
            target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
            words = _words_in(stmt.value)
            if isinstance(target, ast.Name) and len(words) >= 5:
                found[target.id] = frozenset(w.lower() for w in words)
    return found


def _is_lexicon(path) -> bool:
    return path.name == "lexicon.py" or path.parent == CORE / "text"


def test_word_list_detector_reads_the_ways_lists_are_written(tmp_path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'A = frozenset({"one", "two", "three", "four", "five"})\n'
        'B = word_set("alpha beta gamma delta epsilon")\n'
        'C = frozenset(w.lower() for w in """Mon Tue Wed Thu Fri""".split())\n'
        'D = ("a", "b", "c", "d")\n'  # four words: too short to count
        'E = ("doc_id", "start_1", "x_y", "1", "2")\n'  # identifiers and digits are no words
        'F = _words("x y z") | frozenset({"p", "q"})\n', encoding="utf-8")
    assert {name: len(words) for name, words in _written_word_lists(module).items()} == {
        "A": 5, "B": 5, "C": 5, "F": 5}


def test_every_word_list_lives_in_a_lexicon() -> None:
    """A list of five or more words is written in its stage's lexicon.py or in core/text/."""
    stray = []
    for path in sorted(CORE.rglob("*.py")):
        if _is_lexicon(path):
            continue
        rel = str(path.relative_to(ROOT))
        for name in _written_word_lists(path):
            if name in _MODEL_NAMES or name.endswith(_MODEL_SUFFIXES):
                continue
            stray.append(f"{rel}: {name}")
    assert stray == [], "word lists outside a lexicon: " + ", ".join(stray)


def _lexicon_lists() -> dict[str, frozenset[str]]:
    """`module.NAME` -> the words it writes, for every word list of every lexicon."""
    return {".".join(path.relative_to(ROOT).with_suffix("").parts) + f".{name}": words
            for path in sorted(CORE.rglob("*.py")) if _is_lexicon(path)
            for name, words in _written_word_lists(path).items()}


def test_no_two_lexicons_define_the_same_list() -> None:
    lists = _lexicon_lists()
    assert len(lists) > 40
    by_words: dict[frozenset[str], list[str]] = {}
    for name, words in lists.items():
        by_words.setdefault(words, []).append(name)
    same = [names for names in by_words.values()
            if len({n.rsplit(".", 1)[0] for n in names}) > 1]
    assert same == [], f"the same list in two lexicons: {same}"


def test_the_shared_lists_are_not_written_again() -> None:
    """Months, weekdays and the title small words come from core/text/lexicon.py: a stage's
    lexicon imports them rather than writing them into a list of its own."""
    from pipeline.core.text import lexicon

    shared = {"MONTH_NAMES": frozenset(lexicon.MONTH_NAMES),
              "WEEKDAY_NAMES": frozenset(lexicon.WEEKDAY_NAMES),
              "MONTH_ABBREVIATIONS": frozenset(lexicon.MONTH_ABBREVIATIONS)}
    again = [f"{name} repeats {shared_name}" for name, words in _lexicon_lists().items()
             if not name.startswith("pipeline.core.text.")
             for shared_name, shared_words in shared.items() if shared_words <= words]
    assert again == []


def test_no_lexicon_list_writes_a_word_twice() -> None:
    """A word written twice in one list ("minister" twice among the titles) is harmless in a
    set but is one rule kept in two places: every lexicon.py of the core writes each word once."""
    from tests.lexicon_words import repeated_words

    twice = {str(p.relative_to(ROOT)): r for p in sorted(CORE.rglob("lexicon.py"))
             if (r := repeated_words(p))}
    assert twice == {}
