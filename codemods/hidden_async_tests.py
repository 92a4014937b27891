"""hidden-async-tests: report the tests strict mode needs marked that no codemod can see.

(Tests a class inherits from another module are the project index's: add-asyncio-marks marks
them where they are defined, and a base class it cannot find refuses the switch.)
Nothing is changed; each place is reported with what to do by hand:

- a test created at run time (``test_x = make_test()``): mark it where it is made;
- an asyncio mark held in a variable (``slow_loop = pytest.mark.asyncio(...)``) or given
  through ``pytest.param(..., marks=...)``: check by hand which tests it reaches.
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.names import Scope, walk_statements
from asyncio_migrate.codemod import Codemod, FileContext, assigns_test_name
from asyncio_migrate.results import Severity

_PARAM = "pytest.param"


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    rules = context.settings.rules
    for statement, scope in walk_statements(module.body, context.scope):
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                _check_assignment(small, scope, rules.is_test_function, context)
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)) and b"marks" in context.source:
            for decorator in statement.decorators:
                decorator.visit(_ParamMarksFinder(scope, context))
    return module


def _check_assignment(small: cst.BaseSmallStatement, scope: Scope, is_test_name, context: FileContext) -> None:
    if not isinstance(small, cst.Assign) or len(small.targets) != 1:
        return
    target = small.targets[0].target
    if not isinstance(target, cst.Name):
        return
    value = small.value
    callee = value.func if isinstance(value, cst.Call) else value
    if scope.qualified_name(callee) == "pytest.mark.asyncio":
        context.report(
            small,
            f"an asyncio mark is held in the variable {target.value}: the tests it is applied to "
            "through that name are not seen by the codemods. Check them by hand.",
            Severity.INFO,
        )
    elif is_test_name(target.value) and isinstance(value, cst.Call):
        context.report(
            small,
            f"{target.value} is made at run time: if it is an async test, strict mode needs it marked "
            "where it is made.",
            Severity.INFO,
        )


class _ParamMarksFinder(cst.CSTVisitor):
    """``pytest.param(..., marks=<asyncio mark>)`` inside a decorator's arguments."""

    def __init__(self, scope: Scope, context: FileContext) -> None:
        super().__init__()
        self.scope = scope
        self.context = context

    def visit_Call(self, node: cst.Call) -> None:
        if self.scope.qualified_name(node.func) != _PARAM:
            return
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value == "marks" and "asyncio" in cst.Module([]).code_for_node(arg.value):
                self.context.report(
                    node,
                    "an asyncio mark given through pytest.param(marks=...): it reaches only this "
                    "parameter set. Check by hand that each set keeps the mark it needs.",
                    Severity.INFO,
                )


CODEMOD = Codemod(
    id="hidden-async-tests",
    summary="Report async tests to-strict cannot mark: made at run time, marked through a variable or "
    "pytest.param (no change).",
    commands=("to-strict",),
    # A mark held in a variable or given through pytest.param is spelled "asyncio" where it
    # is reached; a generated test's module need not say "async" (the factory that makes it
    # does), but it assigns to a test's name.
    prefilter=(b"asyncio",),
    wants_source=assigns_test_name,
    transform=transform,
    test_files_only=True,
)
