"""The registry runs every codemod after the codemods it declares in ``runs_after``."""

from __future__ import annotations

import dataclasses

import pytest

from asyncio_migrate import codemods as registry
from asyncio_migrate.codemod import check_order


def test_registry_order_is_checked_on_import() -> None:
    check_order(registry.REGISTRY)  # what importing the registry did; repeated so a failure names the pair


def test_every_declared_dependency_shares_a_command() -> None:
    known = registry.by_id()
    for codemod in registry.REGISTRY:
        for earlier in codemod.runs_after:
            assert set(known[earlier].commands) & set(codemod.commands), (codemod.id, earlier)


def test_a_codemod_listed_before_what_it_runs_after_is_refused() -> None:
    by_id = registry.by_id()
    swapped = [by_id["async-mock-assertions"], by_id["async-mock-types"]]
    with pytest.raises(ValueError, match="async-mock-assertions must run after async-mock-types"):
        check_order(swapped)


def test_every_declared_order_in_the_registry_is_load_bearing() -> None:
    # Moving any codemod in front of one it runs after is caught, for every declared pair.
    codemods = list(registry.REGISTRY)
    pairs = [(codemod.id, earlier) for codemod in codemods for earlier in codemod.runs_after]
    assert pairs
    for later_id, earlier_id in pairs:
        ids = [codemod.id for codemod in codemods]
        reordered = list(codemods)
        later = reordered.pop(ids.index(later_id))
        reordered.insert(ids.index(earlier_id), later)
        with pytest.raises(ValueError, match=f"{later_id} must run after {earlier_id}"):
            check_order(reordered)


def test_an_unknown_dependency_is_refused() -> None:
    codemod = dataclasses.replace(registry.by_id()["async-mock-types"], runs_after=("no-such-codemod",))
    with pytest.raises(ValueError, match="not in the registry"):
        check_order([codemod])
