"""What `list` and `explain` show about each codemod, read without importing the codemods.

Importing a codemod imports libcst and its transformers (about two seconds); listing them
should not. So the catalogue reads each codemod module's source with ``ast``: the literal
fields of its ``CODEMOD = Codemod(...)`` declaration and its docstring, in the order
``codemods/__init__.py`` lists them. tests/test_catalogue.py checks it against the real
registry. The examples come from the codemod's own snapshot cases, which ship inside the
package as ``asyncio_migrate.snapshots`` (the same files tests/test_snapshots.py runs).
"""

from __future__ import annotations

import ast
import importlib.util
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CodemodInfo:
    id: str
    summary: str
    commands: tuple[str, ...]
    min_pytest_asyncio: str
    note: str
    doc: str  # the codemod module's docstring: what it does, and when it leaves code alone


@dataclass(frozen=True)
class SnapshotCase:
    name: str
    before: str
    after: str | None  # None: the codemod must leave the file as it is
    diagnostics: str
    plain: bool  # UTF-8 without BOM, \n line endings: a case about bytes makes a poor example
    in_project: bool  # it runs among the files of its `<name>.project/` folder, which the example does not show


def _package_folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)  # finds it without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"{package} is not installed alongside asyncio_migrate")
    return Path(next(iter(spec.submodule_search_locations)))


def _constants(tree: ast.Module) -> dict[str, object]:
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return constants


def _declaration(path: Path) -> CodemodInfo:
    tree = ast.parse(path.read_bytes(), str(path))
    constants = _constants(tree)
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == "CODEMOD" for target in node.targets)
            and isinstance(node.value, ast.Call)
        ):
            fields = {}
            for keyword in node.value.keywords:
                if keyword.arg in ("id", "summary", "commands", "min_pytest_asyncio", "note"):
                    value = keyword.value
                    fields[keyword.arg] = (
                        constants[value.id] if isinstance(value, ast.Name) else ast.literal_eval(value)
                    )
            return CodemodInfo(
                id=fields["id"],
                summary=fields["summary"],
                commands=tuple(fields["commands"]),
                min_pytest_asyncio=fields.get("min_pytest_asyncio", "0.17"),
                note=fields.get("note", ""),
                doc=ast.get_docstring(tree) or "",
            )
    raise LookupError(f"{path} declares no CODEMOD")


def codemods() -> list[CodemodInfo]:
    """Every codemod, in the order they run."""
    folder = _package_folder("asyncio_migrate.codemods")
    registry = ast.parse((folder / "__init__.py").read_bytes())
    modules = [
        element.value.id
        for node in registry.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "REGISTRY"
        and isinstance(node.value, ast.Tuple)
        for element in node.value.elts
        if isinstance(element, ast.Attribute) and isinstance(element.value, ast.Name)
    ]
    return [_declaration(folder / f"{module}.py") for module in modules]


def snapshot_cases(codemod_id: str) -> list[SnapshotCase]:
    """The codemod's snapshot cases, by name."""
    folder = _package_folder("asyncio_migrate.snapshots") / codemod_id
    cases = []
    # A codemod of the configuration alone has pyproject.toml cases (.input.toml).
    inputs = [(before, ".py") for before in folder.glob("*.input.py")]
    inputs += [(before, ".toml") for before in folder.glob("*.input.toml")]
    for before, suffix in sorted(inputs):
        name = before.name.removesuffix(f".input{suffix}")
        after = folder / f"{name}.expected{suffix}"
        diagnostics = folder / f"{name}.diagnostics.txt"
        project = folder / f"{name}.project"
        cases.append(
            SnapshotCase(
                name,
                _text(before),
                _text(after) if after.exists() else None,
                diagnostics.read_text(encoding="utf-8") if diagnostics.exists() else "",
                _is_plain(before.read_bytes()),
                project.is_dir(),
            )
        )
    return cases


def _text(path: Path) -> str:
    # Some cases are latin-1, CRLF or carry a BOM on purpose; an example only needs to be readable.
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    return text.replace("\r\n", "\n")


def _is_plain(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")


def examples(codemod_id: str) -> tuple[SnapshotCase | None, SnapshotCase | None]:
    """A short case the codemod rewrites, and a short one it leaves with a report, if any.

    A case called ``basic`` is preferred; otherwise the shortest plain one that needs no project
    around it, so the example reads at a glance and on its own.
    """
    cases = snapshot_cases(codemod_id)

    def pick(candidates: list[SnapshotCase]) -> SnapshotCase | None:
        basic = [case for case in candidates if case.name == "basic"]
        readable = sorted(candidates, key=lambda case: (case.in_project, not case.plain, len(case.before), case.name))
        return (basic or readable or [None])[0]

    rewritten = pick([case for case in cases if case.after is not None])
    left = pick([case for case in cases if case.after is None and case.diagnostics])
    return rewritten, left
