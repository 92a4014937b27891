"""The `to-auto` marker stripping written as a plain libcst codemod command.

This is the yardstick for `bench_to_auto.py`: what a careful engineer would
write with stock libcst in an afternoon. It resolves names through
`QualifiedNameProvider`, so `import pytest as pt` / `from pytest import mark`
and `from pytest_asyncio import fixture` are recognised exactly, it removes the
imports its edits leave unused (as `to-auto` does), and it lets
`libcst.tool codemod` parse every file it is given (no pre-filter).

Run it, without writing, from the root of the repository to rewrite (the `=`
in `--unified-diff=3` matters: libcst's first-pass argument parser would take
a separate `3` for the command name):

    PYTHONPATH=benchmarks/libcst_baseline python -m libcst.tool codemod -x \
        --no-format --unified-diff=3 --hide-progress \
        strip_asyncio_marks.StripAsyncioMarksCommand .
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.codemod import CodemodContext, VisitorBasedCodemodCommand
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.metadata import QualifiedNameProvider

ASYNCIO_MARK = "pytest.mark.asyncio"
ASYNC_FIXTURE = "pytest_asyncio.fixture"
PYTESTMARK = "pytestmark"


class StripAsyncioMarksCommand(VisitorBasedCodemodCommand):
    DESCRIPTION = (
        "Remove redundant bare pytest.mark.asyncio markers and turn "
        "pytest_asyncio.fixture into pytest.fixture on async defs (auto mode)."
    )

    METADATA_DEPENDENCIES = (QualifiedNameProvider,)

    def __init__(self, context: CodemodContext) -> None:
        super().__init__(context)
        # How this module spells `pytest` (`import pytest as pt`), if it imports it.
        self.pytest_local_name: str | None = None

    def visit_Module(self, node: cst.Module) -> None:
        for statement in node.body:
            if not isinstance(statement, cst.SimpleStatementLine):
                continue
            for small in statement.body:
                if isinstance(small, cst.Import):
                    for alias in small.names:
                        if alias.evaluated_name == "pytest":
                            self.pytest_local_name = alias.evaluated_alias or "pytest"

    def _is(self, node: cst.CSTNode, qualified_name: str) -> bool:
        return QualifiedNameProvider.has_name(self, node, qualified_name)

    def _is_bare_asyncio_mark(self, expression: cst.BaseExpression) -> bool:
        # `@pytest.mark.asyncio()` is as bare as `@pytest.mark.asyncio`; any
        # argument (loop_scope=...) carries meaning and must stay.
        if isinstance(expression, cst.Call):
            return not expression.args and self._is(expression.func, ASYNCIO_MARK)
        return self._is(expression, ASYNCIO_MARK)

    def _is_async_fixture(self, expression: cst.BaseExpression) -> bool:
        if isinstance(expression, cst.Call):
            # pytest.fixture has no loop_scope; such fixtures must stay.
            if any(arg.keyword and arg.keyword.value == "loop_scope" for arg in expression.args):
                return False
            return self._is(expression.func, ASYNC_FIXTURE)
        return self._is(expression, ASYNC_FIXTURE)

    def _drop(self, original_expression: cst.BaseExpression) -> None:
        # Imports only this expression used (`import pytest_asyncio`, `from pytest
        # import mark`) go too; libcst checks they are unused after the transform.
        RemoveImportsVisitor.remove_unused_import_by_node(self.context, original_expression)

    def _pytest_fixture(self, expression: cst.BaseExpression) -> cst.BaseExpression:
        if self.pytest_local_name is None:
            AddImportsVisitor.add_needed_import(self.context, "pytest")
        pytest_fixture = cst.Attribute(
            value=cst.Name(self.pytest_local_name or "pytest"), attr=cst.Name("fixture")
        )
        if isinstance(expression, cst.Call):
            return expression.with_changes(func=pytest_fixture)
        return pytest_fixture

    def _rewrite_decorators(
        self,
        original: Sequence[cst.Decorator],
        updated: Sequence[cst.Decorator],
        rename_fixtures: bool,
    ) -> list[cst.Decorator]:
        # Metadata lives on the original nodes; edits go onto the updated ones.
        kept: list[cst.Decorator] = []
        for original_decorator, updated_decorator in zip(original, updated):
            expression = original_decorator.decorator
            if self._is_bare_asyncio_mark(expression):
                self._drop(expression)
                continue
            if rename_fixtures and self._is_async_fixture(expression):
                self._drop(expression)
                updated_decorator = updated_decorator.with_changes(
                    decorator=self._pytest_fixture(updated_decorator.decorator)
                )
            kept.append(updated_decorator)
        return kept

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        # A marker on a sync def is a user error that auto mode would hide.
        if original_node.asynchronous is None:
            return updated_node
        decorators = self._rewrite_decorators(
            original_node.decorators, updated_node.decorators, rename_fixtures=True
        )
        return updated_node.with_changes(decorators=decorators)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        decorators = self._rewrite_decorators(
            original_node.decorators, updated_node.decorators, rename_fixtures=False
        )
        return updated_node.with_changes(decorators=decorators)

    def leave_Assign(
        self, original_node: cst.Assign, updated_node: cst.Assign
    ) -> cst.Assign | cst.RemovalSentinel:
        targets = original_node.targets
        if not (
            len(targets) == 1
            and isinstance(targets[0].target, cst.Name)
            and targets[0].target.value == PYTESTMARK
        ):
            return updated_node

        value = original_node.value
        if self._is_bare_asyncio_mark(value):
            self._drop(value)
            return cst.RemoveFromParent()
        if not isinstance(value, (cst.List, cst.Tuple)):
            return updated_node

        updated_value = updated_node.value
        assert isinstance(updated_value, (cst.List, cst.Tuple))
        kept: list[cst.Element] = []
        dropped: list[cst.BaseExpression] = []
        for original_element, updated_element in zip(value.elements, updated_value.elements):
            if self._is_bare_asyncio_mark(original_element.value):
                dropped.append(original_element.value)
            else:
                kept.append(updated_element)
        if not dropped:
            return updated_node
        for expression in dropped:
            self._drop(expression)
        if not kept:
            return cst.RemoveFromParent()
        # Keep the original trailing-comma style; a one-tuple needs its comma.
        last_comma = value.elements[-1].comma
        if isinstance(value, cst.Tuple) and len(kept) == 1:
            last_comma = cst.Comma()
        kept[-1] = kept[-1].with_changes(comma=last_comma)
        return updated_node.with_changes(value=updated_value.with_changes(elements=kept))
