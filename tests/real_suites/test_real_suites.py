"""asyncio-migrate must leave every test of a real suite with the same outcome, and add no warning.

Each suite is run as released, then migrated with its table entry's command under
`--verify=run` (the tool's own before/after comparison must find no unexpected
difference, or it writes nothing), and run again; see harness.py for each step.
A table entry may say that the command must refuse (exit 2, the blockers it names, nothing
written: the suite then runs unchanged), that it must change no file, or name the tests whose
outcome it changes on purpose (fix-tests makes a test fail where the code under test
really forgot an await): those and only those may differ.

An upgrade entry (one with `baseline_requirements`) runs the released suite on the pins of
its own era (pytest 7, pytest-asyncio 0.20-0.23) in one venv, migrates it with
`upgrade --target ...` and no hand edit, and runs the result on PINNED_TEST_TOOLS (pytest 9.2,
pytest-asyncio 1.5.0) in another. Compared: every JUnit test id (`dotted.classname::name`) must
be present in both runs with the same outcome (passed, failed, error, skipped, xfailed,
xpassed; a test failing then erroring in teardown is one combined outcome), and pytest's exit
code must be the same. Where pytest 9 writes a parameter into an id differently from pytest 7,
the ids of one test function that only one run has are paired in run order (see
harness.with_parameter_ids_paired). `--verify` is not used: it runs both trees in one
environment, where the released tree does not run. Warnings only the migrated run records fail the test; warnings
that go are expected (the old release's deprecation warnings).
"""

from __future__ import annotations

import os

import pytest

from .harness import (
    RealSuite,
    changed_files,
    copy_project,
    create_suite_venv,
    download_sdist,
    extract_sdist,
    format_differences,
    format_warnings,
    outcome_differences,
    output_tail,
    refusal_problems,
    run_migration,
    run_suite,
    unexplained_differences,
    warning_differences,
    with_floating_warnings,
    with_parameter_ids_paired,
)

# aiofiles' test_access expects chmod 000 to deny access, which root ignores: it fails
# before any migration wherever the tests run as root (as in most containers).
AIOFILES_ROOT_DESELECT = ("--deselect", "tests/test_os.py::test_access") if os.geteuid() == 0 else ()

AIOSMTPLIB_TEST_REQUIREMENTS = ("hypothesis==6.88.1", "aiosmtpd==1.4.4.post2", "trustme==0.9.0")
GQL_TEST_REQUIREMENTS = (
    "parse==1.15.0",
    "pytest-console-scripts==1.3.1",
    "mock==4.0.2",
    "vcrpy==4.4.0",
    "aiofiles==23.2.1",
    # Dependencies of its time: newer graphql-core prints introspection queries differently
    # (test_dsl), vcrpy 4.4 cannot stub aiohttp >= 3.10 nor urllib3 2.
    "graphql-core==3.2.3",
    "aiohttp==3.9.1",
    "urllib3==1.26.18",
    "requests==2.31.0",
)
# pytest 7 collects a folder's files before its subfolders, pytest 8 and later both in one
# alphabetical order. gql's tests/starwars/test_validation.py deletes "directives" from the shared
# StarWarsIntrospection in a fixture, and tests/test_async_client_validation.py compares a fetched
# schema with it: run after it (pytest 9's order), ..._fetch_schema_from_server_valid_query fails
# with or without any migration. Both runs get pytest 7's order, so that only the migration differs.
GQL_PYTEST_7_ORDER = (
    "tests/test_aiohttp.py",
    "tests/test_aiohttp_online.py",
    "tests/test_appsync_auth.py",
    "tests/test_appsync_http.py",
    "tests/test_appsync_websockets.py",
    "tests/test_async_client_validation.py",
    "tests/test_cli.py",
    "tests/test_client.py",
    "tests/test_graphql_request.py",
    "tests/test_graphqlws_exceptions.py",
    "tests/test_graphqlws_subscription.py",
    "tests/test_http_async_sync.py",
    "tests/test_httpx.py",
    "tests/test_httpx_async.py",
    "tests/test_httpx_online.py",
    "tests/test_phoenix_channel_exceptions.py",
    "tests/test_phoenix_channel_query.py",
    "tests/test_phoenix_channel_subscription.py",
    "tests/test_requests.py",
    "tests/test_requests_batch.py",
    "tests/test_transport.py",
    "tests/test_transport_batch.py",
    "tests/test_websocket_exceptions.py",
    "tests/test_websocket_online.py",
    "tests/test_websocket_query.py",
    "tests/test_websocket_subscription.py",
    "tests/custom_scalars",
    "tests/nested_input",
    "tests/regressions",
    "tests/starwars",
)

REAL_SUITES = [
    # janus' `benchmark` fixture comes from pytest-codspeed; its addopts need pytest-cov.
    RealSuite("janus", "2.0.0", ("pytest-cov==7.1.0", "pytest-codspeed==5.0.4"), ("tests",)),
    # aiostream's addopts need pytest-cov.
    RealSuite("aiostream", "0.8.1", ("pytest-cov==7.1.0",), ("tests",)),
    # aiofiles' test dependency group is pytest and pytest-asyncio (coverage only wraps the run).
    RealSuite("aiofiles", "25.1.0", (), ("tests", *AIOFILES_ROOT_DESELECT), command="to-strict"),
    # aiosignal's pytest.ini addopts need pytest-cov.
    RealSuite("aiosignal", "1.4.0", ("pytest-cov==7.1.0",), ("tests",), command="to-strict"),
    # pytest-mock tests mocking itself: no receiver is provably an AsyncMock where it asserts calls,
    # so fix-tests must leave it as released. `mock` is its tox dependency (standalone mock tests).
    RealSuite("pytest-mock", "3.17.0", ("mock==5.2.0",), ("tests",), command="fix-tests", expect_changes=False),
    # python-socketio already asserts awaits on every AsyncMock it builds: fix-tests finds no
    # assertion to rewrite and nothing else to fix, so no file and no outcome may change.
    # Test requirements from its tox.ini (coverage left out), plus python-engineio, which its
    # tests mock into, pinned so that an engineio release cannot move the baseline.
    RealSuite(
        "python-socketio",
        "5.18.1",
        (
            "python-engineio==4.15.1",
            "simple-websocket==1.1.0",
            "uvicorn==0.54.0",
            "requests==2.34.2",
            "websocket-client==1.9.2",
            "aiohttp==3.14.5",
            "msgpack==1.2.4",
            "redis==8.1.0",
            "valkey==6.2.0",
            "pytest-timeout==2.4.0",
        ),
        ("-p", "no:logging", "--timeout=60", "tests"),
        command="fix-tests",
        expect_changes=False,
        expected_outcome_changes={},
        # Coroutines its tests create and never await (mocked-out waits), freed at random later.
        floating_warnings=(
            r"RuntimeWarning: coroutine 'Event\.wait' was never awaited",
            r"RuntimeWarning: coroutine '[\w.]+<locals>\.fake_wait' was never awaited",
        ),
    ),  # upgrade entries: the released suite on its own era's pins, the upgraded one on pytest 9.2
    # + pytest-asyncio 1.5.0. aiosmtplib's test group (pyproject.toml) beyond pytest-asyncio
    # 0.20 and pytest 7 is hypothesis, aiosmtpd and trustme (pytest-cov, xdist and coverage only
    # wrap the run); pinned to releases of its time. Its sync fixtures start servers with
    # event_loop.run_until_complete and stop them in addfinalizer callbacks.
    RealSuite(
        "aiosmtplib",
        "3.0.1",
        AIOSMTPLIB_TEST_REQUIREMENTS,
        ("tests",),
        command="upgrade",
        command_options=("--target", "1.5"),
        baseline_requirements=("pytest==7.4.3", "pytest-asyncio==0.20.3", *AIOSMTPLIB_TEST_REQUIREMENTS),
        expected_outcome_changes={
            "tests.test_asyncio::test_close_works_on_stopped_loop": (
                "the test stops the running loop; the queued callback that ends a run then stops the next run "
                "too, which is now pytest-asyncio's teardown of the (async) smtpd_server fixture: it errors "
                "where the sync finalizer caught run_until_complete's RuntimeError (reported by upgrade)"
            ),
        },
    ),
    # gql's tests_requires (setup.py) pin pytest 7.4.2 and pytest-asyncio 0.21.1, the rest as
    # there (pytest-cov left out: only the py38 tox env uses it; aiofiles unpinned there, pinned
    # here to a release of its time); its tests need every transport: the `all` extra.
    RealSuite(
        "gql",
        "3.5.0",
        GQL_TEST_REQUIREMENTS,
        GQL_PYTEST_7_ORDER,
        command="upgrade",
        command_options=("--target", "1.5"),
        project_extras=("all",),
        # As its tox.ini: its websocket tests wait in units of MS, which this scales for slow machines.
        environment={"GQL_TESTS_TIMEOUT_FACTOR": "10"},
        baseline_requirements=("pytest==7.4.2", "pytest-asyncio==0.21.1", *GQL_TEST_REQUIREMENTS),
    ),
    # Two suites of the same era with `filterwarnings = error`: on pytest-asyncio 1.5 the unset
    # asyncio_default_fixture_loop_scope warning stops every test unless upgrade sets it.
    # aiosignal 1.3.1 (strict mode, setup.cfg) on the pins of its release (November 2022); its
    # addopts need pytest-cov.
    RealSuite(
        "aiosignal",
        "1.3.1",
        ("pytest-cov==7.1.0",),
        ("tests",),
        command="upgrade",
        command_options=("--target", "1.5"),
        baseline_requirements=("pytest==7.2.0", "pytest-asyncio==0.20.2", "pytest-cov==4.0.0"),
    ),
    # async-lru 2.0.4 (auto mode, setup.cfg, July 2023). Its addopts ask for --cache-clear, which
    # the harness's `-p no:cacheprovider` removes, and coverage: both runs override them with the
    # rest. Its `timeout` setting needs pytest-timeout.
    RealSuite(
        "async-lru",
        "2.0.4",
        ("pytest-timeout==2.4.0",),
        ("-o", "addopts=-s --keep-duplicates", "tests"),
        command="upgrade",
        command_options=("--target", "1.5"),
        baseline_requirements=("pytest==7.4.0", "pytest-asyncio==0.21.1", "pytest-timeout==2.1.0"),
    ),
    # Loop aliases across files: aiorwlock 1.3.0 (strict mode, `filterwarnings = error`) defines
    # `def loop(event_loop): return event_loop` in tests/conftest.py, requested by the async tests
    # of two other modules; upgrade gives those asyncio.get_running_loop() and keeps the alias
    # (async now). Its tests need nothing beyond pytest and pytest-asyncio (0.20 series, pytest 7.2).
    RealSuite(
        "aiorwlock",
        "1.3.0",
        (),
        ("tests",),
        command="upgrade",
        command_options=("--target", "1.5"),
        baseline_requirements=("pytest==7.2.1", "pytest-asyncio==0.20.3"),
    ),
    # Suites whose async tests no single module accounts for: a mode switch must either mark
    # them where they are defined or refuse.
    # aiohttp-client-cache 0.15.0 (auto mode): its storage tests are methods of BaseStorageTest in
    # test/integration/base_storage_test.py, re-exported by the package __init__ and subclassed
    # by test_memory/test_sqlite/test_filesystem; that module's pytestmark does not follow them.
    # A bare switch to strict fails 69 of them; to-strict must mark them in the base class.
    # Its dev group's test tools beyond pytest and pytest-asyncio, pinned; the sqlite and
    # filesystem backends' extras. Left out: the backend tests (BaseBackendTest), which need an
    # httpbin server on localhost:8080, the redis/mongodb/dynamodb backends, test_use_temp,
    # which asserts that the working tree is outside the temp dir (it fails under tmp_path), and
    # the sync test_parse_http_date, whose ids hold a date Faker draws up to the current minute
    # (two runs a minute apart have different test ids), also from the tool's --verify runs.
    RealSuite(
        "aiohttp-client-cache",
        "0.15.0",
        (
            "aiohttp==3.14.5",
            "aiosqlite==0.22.1",
            "aiofiles==25.1.0",
            "brotli==1.2.1",
            "faker==40.63.0",
            "pytest-aiohttp==1.1.1",
        ),
        (
            "test/unit",
            "test/integration/test_memory.py",
            "test/integration/test_sqlite.py",
            "test/integration/test_filesystem.py",
            "--deselect",
            "test/integration/test_memory.py::TestMemoryBackend",
            "--deselect",
            "test/integration/test_sqlite.py::TestSQLiteBackend",
            "--deselect",
            "test/integration/test_filesystem.py::TestFileBackend",
            "--deselect",
            "test/integration/test_sqlite.py::TestSQLiteCache::test_use_temp",
            "--deselect",
            "test/integration/test_filesystem.py::TestFileCache::test_use_temp",
            "--deselect",
            "test/unit/test_cache_control.py::test_parse_http_date",
        ),
        command="to-strict",
        project_extras=("filesystem", "sqlite"),
        migration_environment={"PYTEST_ADDOPTS": "--deselect test/unit/test_cache_control.py::test_parse_http_date"},
    ),
    # asgi-lifespan 2.1.0 (strict mode): its `concurrency` fixture runs each test twice, through
    # pytest.param("asyncio", marks=pytest.mark.asyncio) and pytest.param("trio",
    # marks=pytest.mark.trio). In auto mode pytest-asyncio would also take the trio runs (a
    # forced switch fails 15 of its 30 passing tests): to-auto must refuse, naming the trio mark.
    # Test requirements from its requirements.txt, on the versions it pins there; its addopts
    # measure coverage of src/ while the tests import the installed copy, so that
    # --cov-fail-under fails every run: both runs keep only its -rxXs.
    RealSuite(
        "asgi-lifespan",
        "2.1.0",
        ("pytest-trio==0.8.0", "trio==0.22.2", "starlette==0.26.1", "httpx==0.23.3"),
        ("-o", "addopts=-rxXs", "tests"),
        refused_at=("tests/conftest.py:9:36",),
    ),
]


@pytest.mark.real_suite
@pytest.mark.parametrize("suite", REAL_SUITES, ids=lambda suite: suite.name)
def test_migrated_suite_keeps_every_outcome_and_warning(
    suite: RealSuite, tmp_path_factory: pytest.TempPathFactory
) -> None:
    work = tmp_path_factory.mktemp(suite.name)
    sdist = download_sdist(suite, work / "download")
    released = extract_sdist(sdist, work / "sdist")
    python = create_suite_venv(suite, sdist, work / "venv", suite.migrated_requirements)
    if suite.upgrades:
        baseline_python = create_suite_venv(suite, sdist, work / "baseline-venv", suite.baseline_requirements)
        options = suite.command_options
    else:
        baseline_python = python
        options = ("--verify=run", "--python", str(python), *suite.command_options)

    before = run_suite(
        baseline_python,
        copy_project(released, work / "before"),
        suite.pytest_args,
        work / "before.xml",
        suite.environment,
    )

    migrated = copy_project(released, work / "migrated")
    migration = run_migration(suite.command, migrated, options, suite.migration_environment)
    tool_report = f"asyncio-migrate {suite.command} exited {migration.exit_code}; its output:\n{migration.output}"
    changed = changed_files(released, migrated)
    if suite.refused_at:
        refusal = refusal_problems(migration, migrated, changed, suite.refused_at)
        if refusal:
            pytest.fail(
                f"asyncio-migrate {suite.command} had to refuse: {'; '.join(refusal)}\n{tool_report}", pytrace=False
            )
    elif migration.exit_code != 0:
        pytest.fail(tool_report, pytrace=False)
    assert "unexpected" not in migration.output, tool_report
    if suite.expect_changes and not changed and not suite.refused_at:
        pytest.fail(f"asyncio-migrate {suite.command} changed no file.\n{tool_report}", pytrace=False)
    if changed and not suite.expect_changes:
        pytest.fail(
            f"asyncio-migrate {suite.command} must leave {suite.requirement} as released, "
            f"but changed {len(changed)} files: {', '.join(changed)}\n{tool_report}",
            pytrace=False,
        )

    after = run_suite(python, migrated, suite.pytest_args, work / "after.xml", suite.environment)
    if suite.upgrades:
        after = with_parameter_ids_paired(before, after)

    print(
        f"{suite.requirement}: {len(before.outcomes)} test ids before, {len(after.outcomes)} after\n"
        f"  before: {before.outcome_counts()}, {len(before.warnings)} warnings "
        f"(exit {before.exit_code}, {before.seconds:.1f}s)\n"
        f"  after:  {after.outcome_counts()}, {len(after.warnings)} warnings "
        f"(exit {after.exit_code}, {after.seconds:.1f}s)\n"
        f"  {suite.command} took {migration.seconds:.1f}s and changed {len(changed)} files: {', '.join(changed)}\n"
        + "".join(
            f"  {line}\n"
            for line in migration.output.splitlines()
            if line.startswith("verify:") or " files scanned: " in line
        )
    )
    differences = outcome_differences(before, after)
    unexplained, not_happened = unexplained_differences(differences, suite.expected_outcome_changes)
    for difference in differences:
        if difference.test_id in suite.expected_outcome_changes:
            print(
                f"  expected: {difference.test_id} {difference.before} -> {difference.after}: "
                f"{suite.expected_outcome_changes[difference.test_id]}"
            )
    problems = []
    # A failing test on purpose also moves pytest's exit code.
    if unexplained or (before.exit_code != after.exit_code and not suite.expected_outcome_changes):
        problems.append(
            f"Outcomes changed (pytest exit {before.exit_code} before, {after.exit_code} after):\n"
            + format_differences(unexplained)
        )
    if not_happened:
        problems.append(
            "Expected outcome changes that did not happen:\n"
            + "\n".join(f"  {test_id}: {suite.expected_outcome_changes[test_id]}" for test_id in not_happened)
        )
    # A warning that disappears also means some test now runs differently, so both
    # directions fail; a real suite's migration should leave the warnings summary alone.
    # Across an upgrade the old release's own deprecation warnings go: only new ones fail.
    new_warnings, gone_warnings = warning_differences(
        with_floating_warnings(before, suite.floating_warnings), with_floating_warnings(after, suite.floating_warnings)
    )
    if new_warnings:
        problems.append(format_warnings("New warnings", new_warnings))
    if gone_warnings and not suite.upgrades:
        problems.append(format_warnings("Warnings gone", gone_warnings))
    if problems:
        pytest.fail(
            f"{suite.requirement} after asyncio-migrate {suite.command}:\n\n"
            + "\n\n".join(problems)
            + f"\n\nFiles changed: {', '.join(changed)}\n\n{tool_report}\n\n"
            f"Migrated suite's output (tail):\n{output_tail(after.output)}",
            pytrace=False,
        )
