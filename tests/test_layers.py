"""The dependency direction of DESIGN.md's shape: per-article extraction knows nothing of the corpus side,
the store or the faces, and the faces reach extraction only through the service."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "assay"


def imports(folder: str) -> dict[str, set[str]]:
    """Module file -> the assay modules it imports (at any depth of the file)."""
    out = {}
    for path in sorted((SRC / folder).rglob("*.py")):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        out[str(path.relative_to(SRC))] = {m for m in found if m.startswith("assay")}
    return out


@pytest.mark.parametrize(("folder", "forbidden"), [
    ("extract", ("assay.analyze", "assay.store", "assay.cli", "assay.report", "assay.service")),
    ("report", ("assay.pipeline", "assay.extract")),
])
def test_layers_import_only_downwards(folder, forbidden):
    found = imports(folder)
    assert found, f"no modules read under {folder}/"
    bad = {f: sorted(m for m in mods if m.startswith(forbidden)) for f, mods in found.items()}
    assert {f: m for f, m in bad.items() if m} == {}


def test_formatting_is_below_every_face():
    """analyze/, report/ and the CLI all format through assay.formatting, so it reaches none of them."""
    tree = ast.parse((SRC / "formatting.py").read_text(encoding="utf-8"))
    found = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert {m for m in found if m.startswith("assay")} == {"assay.dates"}
