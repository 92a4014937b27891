"""Which tests another async test plugin (anyio, pytest-trio, pytest-tornado) runs."""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.analysis.markers import MarkerModel, TestInfo

# Mark name -> the plugin that owns it.
FOREIGN_MARKS = {"anyio": "anyio", "trio": "pytest-trio", "gen_test": "pytest-tornado"}
ANYIO_FIXTURES = {"anyio_backend", "anyio_backend_name", "anyio_backend_options"}


def requested_anyio_fixtures(function: cst.FunctionDef) -> set[str]:
    """The anyio backend fixtures a test or fixture requests (anyio then runs it)."""
    params = function.params
    return {param.name.value for param in [*params.posonly_params, *params.params, *params.kwonly_params]} & ANYIO_FIXTURES


def run_by_other_plugin(model: MarkerModel, test: TestInfo) -> bool:
    """Whether anyio, pytest-trio or pytest-tornado runs ``test`` (its marks or anyio's fixture)."""
    if any(mark is not None and mark.name in FOREIGN_MARKS for mark in model.chain(test)):
        return True
    return bool(requested_anyio_fixtures(test.node))
