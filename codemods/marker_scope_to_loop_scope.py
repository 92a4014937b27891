"""marker-scope-to-loop-scope: the asyncio mark's loop scope under the name pytest-asyncio reads.

    @pytest.mark.asyncio(scope="module")                    →   @pytest.mark.asyncio(loop_scope="module")
    @pytest.mark.asyncio("module")                          →   @pytest.mark.asyncio(loop_scope="module")
    @pytest.mark.asyncio(scope="class", loop_scope="class") →   @pytest.mark.asyncio(loop_scope="class")

``scope=`` is deprecated since pytest-asyncio 0.24 (a PytestDeprecationWarning for every
test, an error under ``filterwarnings = error``); a positional argument, and ``scope=``
together with ``loop_scope=``, fail the whole module since 0.24. Every call of
``pytest.mark.asyncio`` is rewritten wherever the mark goes (decorators, ``pytestmark``, a
mark kept in a variable, ``item.add_marker(...)`` in a hook), its names resolved exactly,
also in function bodies. Only the argument changes; the call keeps its layout and comments.

Left and reported: a positional argument that is not a scope literal (or comes with other
arguments), a scope literal pytest-asyncio does not know, ``scope=`` and ``loop_scope=``
that differ, arguments unpacked with ``*``/``**``. Marks on fixtures are left to
asyncio-marks-on-fixtures, which removes them.
"""

from __future__ import annotations

import re

import libcst as cst

from asyncio_migrate.analysis.local_names import ScopedVisitor, ScopeIndex
from asyncio_migrate.analysis.markers import SCOPES, is_fixture
from asyncio_migrate.codemod import Codemod, FileContext
from asyncio_migrate.edit.statements import Rewrite, replace_nodes
from asyncio_migrate.results import Severity

_ASYNCIO_MARK = "pytest.mark.asyncio"
# A call of something spelled `...asyncio` (only a pre-filter: names are resolved after).
_MARK_CALL = re.compile(rb"asyncio[\s\\)]*\(")


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    if not _MARK_CALL.search(context.source):
        return module
    finder = _AsyncioMarkCalls(context.scopes(module))
    module.visit(finder)
    rewrites: dict[int, Rewrite] = {}
    module_failed = False  # pytest-asyncio >= 0.24 failed the module's collection on a mark
    for call in finder.calls:
        rewrite, fixes_module = _rewrite(call, context)
        if rewrite is not None:
            rewrites[id(call)] = rewrite
            module_failed = module_failed or fixes_module
    if module_failed:
        context.announce_module_tests(module)
    return replace_nodes(module, rewrites, finder.ancestors_of(rewrites))


def _rewrite(call: cst.Call, context: FileContext) -> tuple[Rewrite | None, bool]:
    """How to rewrite one asyncio mark call (None: nothing to do, or reported), and whether
    pytest-asyncio fails the module on the call as it is."""
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    scope, loop_scope = _keyword(call, "scope"), _keyword(call, "loop_scope")
    if any(arg.star for arg in call.args):
        context.report(call, "the asyncio mark gets arguments unpacked with * or **: if they hold scope= (or a "
                       "positional scope), make it loop_scope= by hand.")
        return None, False
    if positional:
        return _from_positional(call, positional, scope or loop_scope, context), True
    if scope is None:
        return None, False
    if loop_scope is not None:
        return _without_repeated_scope(call, scope, loop_scope, context), True
    if _is_string(scope.value) and _literal(scope.value) not in SCOPES:
        context.report(scope, f"scope={_code(scope.value)} is not a loop scope ({', '.join(SCOPES)}), so "
                       "pytest-asyncio fails the whole module. Write the loop_scope= you mean by hand.")
        return None, False
    # Any other value is kept as it is: pytest-asyncio reads both keywords the same way.
    renamed = scope.with_changes(keyword=cst.Name("loop_scope"))
    return (lambda node: _with_arg(node, scope, renamed)), False


def _from_positional(
    call: cst.Call, positional: list[cst.Arg], keyword: cst.Arg | None, context: FileContext
) -> Rewrite | None:
    first = positional[0]
    value = _literal(first.value)
    if len(positional) > 1 or keyword is not None or value not in SCOPES:
        context.report(
            call,
            f"the asyncio mark has positional arguments ({', '.join(_code(arg.value) for arg in positional)}): "
            "pytest-asyncio 0.24+ fails the whole module on them (older releases ignored them). Write "
            f"loop_scope=... ({', '.join(SCOPES)}) by hand.",
        )
        return None
    if value != "function":
        context.report(
            call,
            f"the asyncio mark's positional {_code(first.value)} is now loop_scope={_code(first.value)}. "
            "pytest-asyncio 0.24+ failed the module on it, and older releases ignored it: these tests ran "
            "in a function-scoped loop until now. Check that they pass sharing one loop.",
            Severity.INFO,
        )
    no_space = cst.SimpleWhitespace("")
    as_keyword = first.with_changes(
        keyword=cst.Name("loop_scope"), equal=cst.AssignEqual(whitespace_before=no_space, whitespace_after=no_space)
    )
    return lambda node: _with_arg(node, first, as_keyword)


def _without_repeated_scope(
    call: cst.Call, scope: cst.Arg, loop_scope: cst.Arg, context: FileContext
) -> Rewrite | None:
    scope_value = _literal(scope.value)
    if scope_value is None or scope_value != _literal(loop_scope.value):
        context.report(
            call,
            f"the asyncio mark gives both scope={_code(scope.value)} and loop_scope={_code(loop_scope.value)}, "
            "so pytest-asyncio fails the whole module. Keep the loop scope you mean as loop_scope= and "
            "delete scope= by hand.",
        )
        return None
    if _removal_loses_comment(call, scope):
        context.report(scope, "scope= repeats loop_scope= (pytest-asyncio fails the whole module on that) but "
                       "has a comment: delete it by hand.")
        return None
    return lambda node: _without_arg(node, scope)


def _keyword(call: cst.Call, name: str) -> cst.Arg | None:
    return next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)


def _is_string(value: cst.BaseExpression) -> bool:
    return isinstance(value, (cst.SimpleString, cst.ConcatenatedString))


def _literal(value: cst.BaseExpression) -> str | None:
    evaluated = value.evaluated_value if _is_string(value) else None  # type: ignore[attr-defined]
    return evaluated if isinstance(evaluated, str) else None


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _with_arg(call: cst.CSTNode, old: cst.Arg, new: cst.Arg) -> cst.Call:
    assert isinstance(call, cst.Call)
    return call.with_changes(args=[new if arg is old else arg for arg in call.args])


def _removal_loses_comment(call: cst.Call, doomed: cst.Arg) -> bool:
    """Whether :func:`_without_arg` would drop a comment: the argument's own, or the comma of the
    argument before it, which gives way to the last one's comma."""
    index = next(index for index, arg in enumerate(call.args) if arg is doomed)
    if index == len(call.args) - 1 and index > 0:
        own = doomed.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=cst.SimpleWhitespace(""))
        return "#" in _code(own) or "#" in _code(call.args[index - 1].comma)  # type: ignore[arg-type]
    return "#" in _code(doomed)


def _without_arg(call: cst.CSTNode, doomed: cst.Arg) -> cst.Call:
    assert isinstance(call, cst.Call)
    args = list(call.args)
    index = next(index for index, arg in enumerate(args) if arg is doomed)
    if index == len(args) - 1 and index > 0:
        # The argument before becomes the last: it takes over the comma and the line break before `)`.
        args[index - 1] = args[index - 1].with_changes(
            comma=doomed.comma, whitespace_after_arg=doomed.whitespace_after_arg
        )
    del args[index]
    return call.with_changes(args=args)


class _AsyncioMarkCalls(ScopedVisitor):
    """Every call of ``pytest.mark.asyncio`` (except as a fixture's decorator)."""

    def __init__(self, scopes: ScopeIndex) -> None:
        super().__init__(scopes)
        self.calls: list[cst.Call] = []
        self._fixture_decorators: set[int] = set()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if is_fixture(node.decorators, self.names):  # type: ignore[arg-type]
            self._fixture_decorators.update(id(decorator.decorator) for decorator in node.decorators)
        return super().visit_FunctionDef(node)

    def visit_Call(self, node: cst.Call) -> bool:
        if id(node) not in self._fixture_decorators and self.qualified_name(node.func) == _ASYNCIO_MARK:
            self.calls.append(node)
            self.remember_path(node)
        return True


CODEMOD = Codemod(
    id="marker-scope-to-loop-scope",
    summary="Rename the asyncio mark's scope= (or a positional scope) to loop_scope=.",
    commands=("upgrade",),
    prefilter=(b"asyncio",),
    transform=transform,
    min_pytest_asyncio="0.24",
)
