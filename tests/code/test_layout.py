"""The package's shape: imports flow one way (no cycle, lazy imports included), ``import stance`` and the
CLI's help stay light, and no module grows past 300 lines."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "stance"
HEAVY = ("mlflow", "sklearn", "pandas", "numpy", "scipy", "nltk", "joblib", "spacy", "matplotlib")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's modules it imports, wherever the import statement stands (top level or inside a
    function: a lazy import still closes a cycle). The top package's lazy table (``_LAZY``) counts as imports."""
    files = {module_name(p): p for p in package.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.add(node.module)
                targets.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_LAZY" for t in node.targets):
                targets.update(value.elts[0].value for value in node.value.values)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a list of nodes (first == last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node):
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle_in_the_package():
    graph = import_graph()
    assert len(graph) > 30 and "stance.features.union" in graph["stance.model"]  # the walk sees the imports,
    assert "stance.io.extract" in graph["stance.io.scoring"]  # those inside functions too
    assert find_cycle(graph) is None


def test_no_module_imports_the_top_package():
    # the top package's lazy names point into the sub-packages: a module importing it back would close a cycle
    importers = [name for name, targets in import_graph().items() if "stance" in targets]
    assert importers == []


def _modules_loaded_by(code: str) -> list[str]:
    script = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


@pytest.mark.parametrize("code", [
    "import stance",
    "import stance.cli",
    "from stance.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
    "from stance.cli import main\ntry:\n    main(['score', '--help'])\nexcept SystemExit:\n    pass",
])
def test_light_imports_load_no_heavy_library(code):
    loaded = _modules_loaded_by(code)
    assert "stance" in loaded
    assert [m for m in loaded if m.split(".")[0] in HEAVY] == []


def test_public_names_resolve_on_first_use():
    loaded = _modules_loaded_by("import stance\nassert callable(stance.build_pipeline)")
    assert "stance.model" in loaded and "sklearn" in loaded


def test_no_module_is_longer_than_300_lines():
    lengths = {module_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in lengths.items() if n > 300} == {}
