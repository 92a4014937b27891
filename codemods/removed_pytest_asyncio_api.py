"""removed-pytest-asyncio-api: pytest-asyncio APIs that are gone, and legacy mode.

    from pytest_asyncio._version import version     →   from pytest_asyncio import __version__ as version
    import pytest_asyncio._version                   →   import pytest_asyncio
    pytest_asyncio._version.version                  →   pytest_asyncio.__version__
    asyncio_mode = legacy                            →   asyncio_mode = auto         (pytest configuration)

``pytest_asyncio._version`` is gone since 1.2 (the module fails to import);
``pytest_asyncio.__version__`` has the same value in every release since 0.17. The bound
names stay as they were. Left and reported: other names from ``_version`` (the version
tuple), a ``_version`` module kept in a name of its own, and names imported from
``pytest_asyncio.plugin`` that it no longer defines (``event_loop``, gone in 1.0).

``legacy`` mode is gone since 0.20 (pytest-asyncio stops on it). It ran every async fixture,
as auto mode does, but only marked tests: auto mode also runs the async tests without an
asyncio mark, which legacy mode left to pytest (skipped), so each one is listed. A
``--asyncio-mode=legacy`` in addopts overrides the configuration and is reported: the
configuration is never rewritten outside the asyncio_mode key.
"""

from __future__ import annotations

from functools import partial

import libcst as cst

from asyncio_migrate.analysis.local_names import ScopedVisitor, ScopeIndex
from asyncio_migrate.analysis.names import dotted_name
from asyncio_migrate.analysis.plugins import run_by_other_plugin
from asyncio_migrate.codemod import Codemod, FileContext, ProjectSettings
from asyncio_migrate.config.pytest_config import PytestConfig, key_line
from asyncio_migrate.edit.statements import Rewrite, replace_nodes
from asyncio_migrate.results import Diagnostic, SettingRequest, Severity

CODEMOD_ID = "removed-pytest-asyncio-api"
_VERSION_MODULE = "pytest_asyncio._version"
_VERSION_NAMES = ("version", "__version__")
_PLUGIN_MODULE = "pytest_asyncio.plugin"
# Names pytest_asyncio.plugin defined in 0.17-0.23 that 1.5 does not, and what became of them.
_GONE_FROM_PLUGIN = {
    "event_loop": "the event_loop fixture is gone since 1.0; async code uses asyncio.get_running_loop()",
    "wrap_in_sync": "gone by 1.5",
    "MultipleEventLoopsRequestedError": "gone by 1.5",
    "FixtureStripper": "gone since 0.18",
    "LEGACY_MODE": "legacy mode is gone since 0.20",
    "LEGACY_ASYNCIO_FIXTURE": "legacy mode is gone since 0.20",
}


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    if context.settings.mode == "legacy":
        _report_tests_legacy_mode_skipped(module, context)
    if b"_version" not in context.source and _PLUGIN_MODULE.encode() not in context.source:
        return module
    finder = _RemovedApi(context.scopes(module), context)
    module.visit(finder)
    rewrites = finder.rewrites(module)
    if rewrites:
        context.announce_module_tests(module)  # it did not import on pytest-asyncio 1.2+
    return replace_nodes(module, rewrites, finder.ancestors_of(rewrites))


def _report_tests_legacy_mode_skipped(module: cst.Module, context: FileContext) -> None:
    if not context.is_test_file:
        return
    model = context.markers(module)
    reported: set[int] = set()
    for test in model.tests:
        if not test.is_async or run_by_other_plugin(model, test):
            continue
        if model.closest_asyncio(model.chain(test)) != "none":
            continue
        context.announce_test(test.qualified_name)
        if id(test.node) not in reported:
            reported.add(id(test.node))
            context.report(
                test.node,
                f"{test.node.name.value} has no asyncio mark, so legacy mode left it to pytest, which skipped "
                "it; auto mode (which replaces legacy) runs it. Check that it passes, or mark it skip.",
                Severity.INFO,
            )


class _RemovedApi(ScopedVisitor):
    """Finds the uses of pytest_asyncio._version and of names gone from pytest_asyncio.plugin."""

    def __init__(self, scopes: ScopeIndex, context: FileContext) -> None:
        super().__init__(scopes)
        self.context = context
        self._from_imports: list[cst.ImportFrom] = []
        # `import pytest_asyncio._version [as name]` at module level, and the name it binds.
        self._imports: list[tuple[cst.Import, cst.ImportAlias, str]] = []
        # `<pytest_asyncio>._version.version`, and `<name>.version` with `name` a _version module.
        self._package_reads: list[cst.Attribute] = []
        self._module_reads: list[cst.Attribute] = []

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        if node.relative or node.module is None:
            return False
        source = dotted_name(node.module)
        names = [] if isinstance(node.names, cst.ImportStar) else list(node.names)
        if source == _VERSION_MODULE:
            if names and all(alias.name.value in _VERSION_NAMES for alias in names):
                self.remember_path(node)
                self._from_imports.append(node)
            else:
                self.context.report(node, "pytest_asyncio._version is gone since pytest-asyncio 1.2, and only "
                                    "pytest_asyncio.__version__ replaces it (there is no version tuple): change "
                                    "this import by hand.")
        elif source == "pytest_asyncio":
            for alias in names:
                if alias.name.value == "_version":
                    self.context.report(alias, "pytest_asyncio._version is gone since pytest-asyncio 1.2: use "
                                        "pytest_asyncio.__version__ by hand.")
        elif source == _PLUGIN_MODULE:
            for alias in names:
                if isinstance(alias.name, cst.Name) and alias.name.value in _GONE_FROM_PLUGIN:
                    self._report_gone(alias, alias.name.value)
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            if dotted_name(alias.name) != _VERSION_MODULE:
                continue
            if self.names is not self.module_scope:
                self.context.report(alias, "pytest_asyncio._version is gone since pytest-asyncio 1.2: import "
                                    "pytest_asyncio and use pytest_asyncio.__version__ by hand.")
                continue
            bound = alias.asname.name.value if alias.asname is not None else "pytest_asyncio"  # type: ignore[union-attr]
            self.remember_path(node)
            self._imports.append((node, alias, bound))
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        qualified = self.qualified_name(node)
        if qualified in (f"{_VERSION_MODULE}.{name}" for name in _VERSION_NAMES):
            module = node.value
            if isinstance(module, cst.Attribute) and self.qualified_name(module.value) == "pytest_asyncio":
                self._package_reads.append(node)
            elif isinstance(module, cst.Name):
                self._module_reads.append(node)  # rewritten if its import is
            self.remember_path(node)
            return False
        head, _, name = (qualified or "").rpartition(".")
        if head == _PLUGIN_MODULE and name in _GONE_FROM_PLUGIN:
            self._report_gone(node, name)
            return False
        return True

    def rewrites(self, module: cst.Module) -> dict[int, Rewrite]:
        """The rewrites; a `_version` module kept in a name that is also read in other ways stays."""
        aliases = {bound for _, alias, bound in self._imports if alias.asname is not None}
        covered = {id(read.value) for read in self._package_reads}
        covered |= {id(read.value) for read in self._module_reads if read.value.value in aliases}  # type: ignore[attr-defined]
        packages = {"pytest_asyncio"} | {
            name for name, bindings in self.module_scope.imports.items()
            if any(binding.qualified == "pytest_asyncio" for binding in bindings)
        }
        leftovers = _VersionModuleReads(packages, aliases, covered)
        module.visit(leftovers)
        for node, alias in leftovers.found:
            message = f"`{_code(node)}`: pytest_asyncio._version is gone since pytest-asyncio 1.2"
            if alias is None:
                message += "; read pytest_asyncio.__version__ instead, by hand."
            else:
                message += (f", and pytest_asyncio.__version__ cannot replace this read: change it by hand. Until "
                            f"then `import pytest_asyncio._version as {alias}` and the other reads of {alias} stay.")
            self.context.report(node, message)
        kept = {alias for _, alias in leftovers.found if alias is not None}

        rewrites: dict[int, Rewrite] = {id(node): _from_package for node in self._from_imports}
        for read in self._package_reads:  # <package>._version.version → <package>.__version__
            rewrites[id(read)] = partial(_version_of, read.value.value)  # type: ignore[attr-defined]
        for read in self._module_reads:  # <name>.version → <name>.__version__, <name> becoming the package
            if read.value.value in aliases - kept:  # type: ignore[attr-defined]
                rewrites[id(read)] = partial(_version_of, read.value)
        imports: dict[int, set[int]] = {}
        for statement, alias, bound in self._imports:
            if bound not in kept:
                imports.setdefault(id(statement), set()).add(id(alias))
        rewrites.update({key: partial(_to_package, aliases=ids) for key, ids in imports.items()})
        return rewrites

    def _report_gone(self, node: cst.CSTNode, name: str) -> None:
        self.context.report(node, f"pytest_asyncio.plugin.{name} no longer exists ({_GONE_FROM_PLUGIN[name]}); "
                            "remove this use by hand.")


class _VersionModuleReads(cst.CSTVisitor):
    """Reads of ``<package>._version`` or of a name bound to a ``_version`` module (with that
    name), other than ``covered``: looked for by spelling, everywhere."""

    def __init__(self, packages: set[str], aliases: set[str], covered: set[int]) -> None:
        self.packages = packages
        self.aliases = aliases
        self.covered = covered
        self.found: list[tuple[cst.CSTNode, str | None]] = []

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        value = node.value
        if id(node) in self.covered:
            return False
        if isinstance(value, cst.Name) and id(value) not in self.covered:
            if node.attr.value == "_version" and value.value in self.packages:
                self.found.append((node, None))
                return False
            if value.value in self.aliases:
                self.found.append((node, value.value))
                return False
        value.visit(self)  # the attribute's own name is no read
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)  # nor is a keyword
        return False

    def visit_Name(self, node: cst.Name) -> bool:
        if node.value in self.aliases and id(node) not in self.covered:
            self.found.append((node, node.value))
        return False


def _from_package(node: cst.CSTNode) -> cst.CSTNode:
    """``from pytest_asyncio._version import version [as v]`` → ``from pytest_asyncio import __version__ as version``."""
    assert isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar)
    aliases = []
    for alias in node.names:
        if alias.name.value == "version" and alias.asname is None:
            alias = alias.with_changes(asname=cst.AsName(name=cst.Name("version")))
        aliases.append(alias.with_changes(name=cst.Name("__version__")))
    return node.with_changes(module=cst.Name("pytest_asyncio"), names=aliases)


def _version_of(package: cst.BaseExpression, read: cst.CSTNode) -> cst.CSTNode:
    assert isinstance(read, cst.Attribute)
    return read.with_changes(value=package, attr=cst.Name("__version__"))


def _to_package(node: cst.CSTNode, aliases: set[int]) -> cst.CSTNode:
    """``import pytest_asyncio._version [as name]`` → ``import pytest_asyncio [as name]``."""
    assert isinstance(node, cst.Import)
    package = cst.Name("pytest_asyncio")
    return node.with_changes(
        names=[alias.with_changes(name=package) if id(alias) in aliases else alias for alias in node.names]
    )


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def configure(config: PytestConfig, settings: ProjectSettings) -> list[SettingRequest]:
    """``asyncio_mode = auto`` where the suite ran in legacy mode (the key, or addopts)."""
    if config.effective_mode != "legacy":
        return []
    line = key_line(config, "asyncio_mode") if config.asyncio_mode is not None else 0
    return [SettingRequest("asyncio_mode", "auto", CODEMOD_ID, config.path, line)]


def check_config(config: PytestConfig) -> list[Diagnostic]:
    if config.path is None or config.effective_mode != "legacy":
        return []
    diagnostics = []
    if config.asyncio_mode == "legacy":
        diagnostics.append(Diagnostic(
            config.path, key_line(config, "asyncio_mode"), 1, CODEMOD_ID,
            "asyncio_mode = legacy (gone since pytest-asyncio 0.20) becomes auto: async fixtures run as "
            "before, and async tests without an asyncio mark, which legacy mode left to pytest, now run "
            "(each is listed).",
            Severity.INFO,
        ))
    if config.mode_from_addopts == "legacy":
        diagnostics.append(Diagnostic(
            config.path, key_line(config, "addopts"), 1, CODEMOD_ID,
            f"addopts in {config.path.name} passes --asyncio-mode=legacy: legacy mode is gone since "
            "pytest-asyncio 0.20 (it stops on it), and the option overrides asyncio_mode = auto. Remove it "
            "from addopts by hand.",
        ))
    return diagnostics


CODEMOD = Codemod(
    id=CODEMOD_ID,
    summary="Replace pytest-asyncio APIs that are gone (pytest_asyncio._version, asyncio_mode = legacy).",
    commands=("upgrade",),
    # Files are also read in legacy mode, for the async tests it did not run.
    prefilter=(b"pytest_asyncio.", b"_version", b"async"),
    transform=transform,
    check_config=check_config,
    configure=configure,
)
