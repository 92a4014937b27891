"""The codemods as `list`, `explain` and the engine see them, read without importing them.

Importing a codemod imports libcst and its transformers (about half a second); listing them,
or a run that has no file to parse, should not. So the catalogue reads each codemod module's
source with ``ast``: the fields of its ``CODEMOD = Codemod(...)`` declaration (literals, the
module's constants, and the names of the functions it declares, with the module each comes
from) and its docstring, in the order ``codemods/__init__.py`` lists them.
tests/test_catalogue.py checks it against the real registry, field by field. The examples come from the codemod's own snapshot cases, which ship inside the
package as ``asyncio_migrate.snapshots`` (the same files tests/test_snapshots.py runs).
"""

from __future__ import annotations

import ast
import importlib.util
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from asyncio_migrate.codemod import Declaration


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


def _constants(statements: list[ast.stmt]) -> dict[str, object]:
    constants = {}
    for node in statements:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                continue
    return constants


# The declaration's literal fields, and those naming one of its functions (see codemod.Declaration).
_FIELDS = ("id", "summary", "commands", "prefilter", "prefilter_all", "modes", "test_files_only",
           "min_pytest_asyncio", "note", "runs_after")
_FUNCTIONS = ("survey", "wants_file", "wants_source", "configure", "check_config")


class _Unresolved(LookupError):
    """The declaration names something the statements read do not define."""


def _value(node: ast.expr, constants: dict[str, object]) -> object:
    if isinstance(node, ast.Name):
        if node.id not in constants:
            raise _Unresolved(node.id)
        return constants[node.id]
    if isinstance(node, ast.Tuple):
        return tuple(_value(element, constants) for element in node.elts)
    if (  # NAME.encode(): the bytes of a str constant
        isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "encode"
        and not node.args and not node.keywords and isinstance(node.func.value, ast.Name)
    ):
        text = _value(node.func.value, constants)
        if isinstance(text, str):
            return text.encode()
    return ast.literal_eval(node)


def _defined_in(name: str, statements: list[ast.stmt], module: str, source: bytes) -> str:
    """The module a function the declaration names comes from: the one it is imported from,
    or ``module`` if it defines it."""
    for node in statements:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    return node.module
    if re.search(rb"^def " + re.escape(name.encode()) + rb"\(", source, re.MULTILINE):
        return module
    raise _Unresolved(name)


# A declaration needs the module's head (docstring, imports, constants: all before its first
# definition) and its CODEMOD statement, the last one; parsing only those costs a hundredth of
# parsing the module. Whatever they leave unresolved, the whole module is parsed.
_FIRST_DEFINITION = re.compile(rb"^(?:def |async def |class |@)", re.MULTILINE)
_DECLARATION = re.compile(rb"^CODEMOD = Codemod\(", re.MULTILINE)


def _read(path: Path, module: str) -> tuple[dict[str, Any], str]:
    """The codemod module's declaration (``Declaration``'s fields), and its docstring."""
    source = path.read_bytes()
    first, declaration = _FIRST_DEFINITION.search(source), _DECLARATION.search(source)
    if first is not None and declaration is not None and first.start() < declaration.start():
        try:
            head = ast.parse(source[: first.start()], str(path))
            tail = ast.parse(source[declaration.start() :], str(path))
            return _fields([*head.body, *tail.body], path, module, source)
        except (SyntaxError, _Unresolved):
            pass  # not where it was looked for
    try:
        return _fields(ast.parse(source, str(path)).body, path, module, source)
    except _Unresolved as error:
        raise LookupError(f"{path}: the declaration names {error}, which the module does not define") from None


def _fields(statements: list[ast.stmt], path: Path, module: str, source: bytes) -> tuple[dict[str, Any], str]:
    constants = _constants(statements)
    for node in statements:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(target, ast.Name) and target.id == "CODEMOD" for target in node.targets)
            and isinstance(node.value, ast.Call)
        ):
            fields: dict[str, Any] = {}
            functions = []
            for keyword in node.value.keywords:
                if keyword.arg in _FIELDS:
                    fields[keyword.arg] = _value(keyword.value, constants)
                elif keyword.arg in _FUNCTIONS:
                    if not isinstance(keyword.value, ast.Name):
                        raise LookupError(f"{path}: {keyword.arg} must name a function")
                    name = keyword.value.id
                    functions.append((keyword.arg, _defined_in(name, statements, module, source), name))
            fields.update(module=module, source_file=str(path), functions=tuple(functions))
            return fields, ast.get_docstring(ast.Module(body=statements, type_ignores=[])) or ""
    raise LookupError(f"{path} declares no CODEMOD")


@cache
def _read_all() -> tuple[tuple[dict[str, Any], str], ...]:
    package = "asyncio_migrate.codemods"
    folder = _package_folder(package)
    registry = ast.parse((folder / "__init__.py").read_bytes())
    modules = [
        element.value.id
        for node in registry.body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "REGISTRY"
        and isinstance(node.value, ast.Tuple)
        for element in node.value.elts
        if isinstance(element, ast.Attribute) and isinstance(element.value, ast.Name)
    ]
    return tuple(_read(folder / f"{module}.py", f"{package}.{module}") for module in modules)


def declarations() -> list[Declaration]:
    """Every codemod's declaration, in the order they run, read without importing any codemod."""
    from asyncio_migrate.codemod import Declaration  # the configuration readers: not for `list`

    return [Declaration(**fields) for fields, _ in _read_all()]


def codemods() -> list[CodemodInfo]:
    """Every codemod, in the order they run."""
    return [
        CodemodInfo(
            id=fields["id"],
            summary=fields["summary"],
            commands=fields["commands"],
            min_pytest_asyncio=fields.get("min_pytest_asyncio", "0.17"),
            note=fields.get("note", ""),
            doc=doc,
        )
        for fields, doc in _read_all()
    ]


def by_id() -> dict[str, Declaration]:
    return {declaration.id: declaration for declaration in declarations()}


def for_command(command: str) -> list[Declaration]:
    return [declaration for declaration in declarations() if command in declaration.commands]


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
