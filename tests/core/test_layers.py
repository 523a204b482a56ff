"""The layers of pyproject.toml's import contracts hold, and lint-imports catches a break.

`make lint` runs lint-imports on the tree as it is; here the same contracts are run on a
copy of the packages with one wrong import added, so a contract that stopped checking
anything would be noticed."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = [
    "cpo_portal",
    "demo",
    "monitoring",
    "programmes",
    "brokers",
    "clusters",
    "accounts",
    "districts",
]


def _lint(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(tree / "pyproject.toml")],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path):
    base = Path(settings.BASE_DIR)
    for package in [*PACKAGES, "core"]:
        shutil.copytree(base / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(base / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_tree_keeps_its_layers(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken"),
    [
        ("core/home.py", "import clusters.models", "core is not allowed to import clusters"),
        ("clusters/views.py", "import demo.clusters", "clusters is not allowed to import demo"),
        ("accounts/views.py", "import programmes.models", "accounts is not allowed to import"),
        ("districts/models.py", "import brokers.models", "districts is not allowed to import"),
    ],
)
def test_an_import_against_the_layers_fails(tree, module, wrong_import, broken):
    path = tree / module
    path.write_text(path.read_text() + f"\n{wrong_import}  # noqa\n")
    result = _lint(tree)
    assert result.returncode == 1, result.stdout
    assert broken in " ".join(result.stdout.split())
