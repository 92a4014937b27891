"""testclient-in-async-test: report Starlette/FastAPI ``TestClient`` used inside async tests.

    async def test_root():                       async def test_root():
        client = TestClient(app)           →         async with httpx.AsyncClient(
        r = client.get("/")                              transport=httpx.ASGITransport(app=app),
                                                         base_url="http://testserver", follow_redirects=True,
                                                     ) as client:
                                                         r = await client.get("/")

``TestClient`` is synchronous: it runs the app on its own event loop in a worker thread, so
each request blocks the test's running loop, and app state tied to the test's loop (a database
engine from an async fixture) is used from another loop. Nothing is changed (every use of the
client must become ``await``ed): each place gets the replacement that keeps ``TestClient``'s
defaults and the arguments the call gives, and the lifespan note (``ASGITransport`` sends no
lifespan events; asgi-lifespan's ``LifespanManager`` does).

Only a ``TestClient`` resolved through imports (``starlette.testclient`` or
``fastapi.testclient``), made directly in the body of an async test as pytest collects it: not
in a nested function or lambda (those may run in a thread), not in sync tests (where it is fine).
"""

from __future__ import annotations

import libcst as cst

from asyncio_migrate.codemod import Codemod, FileContext

_TEST_CLIENTS = {"starlette.testclient.TestClient", "fastapi.testclient.TestClient"}
# TestClient's parameters in order (starlette 1.10), and where each goes in the replacement.
_PARAMETERS = (
    "app", "base_url", "raise_server_exceptions", "root_path", "backend", "backend_options", "cookies", "headers",
    "follow_redirects", "client",
)
_TO_TRANSPORT = {"raise_server_exceptions": "raise_app_exceptions", "root_path": "root_path", "client": "client"}
_TO_CLIENT = {"base_url": "base_url", "cookies": "cookies", "headers": "headers", "follow_redirects": "follow_redirects"}
# TestClient's own defaults where httpx.AsyncClient's differ.
_CLIENT_DEFAULTS = {"base_url": '"http://testserver"', "follow_redirects": "True"}


def transform(module: cst.Module, context: FileContext) -> cst.Module:
    async_tests = {id(test.node): test.node.name.value for test in context.markers(module).tests if test.is_async}
    if not async_tests:
        return module
    for site in context.scopes(module).call_sites:
        if site.function is None or id(site.function) not in async_tests:
            continue
        if site.names.qualified_name(site.call.func) not in _TEST_CLIENTS:
            continue
        context.report(site.call, _message(site.call, async_tests[id(site.function)], site.in_with))
    return module


def _code(node: cst.CSTNode) -> str:
    return " ".join(cst.Module([]).code_for_node(node).split())


def _message(call: cst.Call, test: str, in_with: bool) -> str:
    given: dict[str, str] = {}
    unpacked = []
    for position, arg in enumerate(call.args):
        if arg.star:
            unpacked.append(f"{arg.star}{_code(arg.value)}")
        elif arg.keyword is not None:
            given[arg.keyword.value] = _code(arg.value)
        elif position < len(_PARAMETERS):
            given[_PARAMETERS[position]] = _code(arg.value)
    app = given.get("app", "app")
    transport = ", ".join(
        [f"app={app}", *(f"{_TO_TRANSPORT[name]}={value}" for name, value in given.items() if name in _TO_TRANSPORT)]
    )
    client = {**_CLIENT_DEFAULTS, **{_TO_CLIENT[name]: value for name, value in given.items() if name in _TO_CLIENT}}
    client_args = ", ".join(f"{name}={value}" for name, value in client.items())
    replacement = f"async with httpx.AsyncClient(transport=httpx.ASGITransport({transport}), {client_args}) as client:"
    extra = []
    if "backend" in given or "backend_options" in given:
        extra.append("backend= has no equivalent: the AsyncClient runs on the test's own loop.")
    if unpacked:
        extra.append(f"Carry over what {', '.join(unpacked)} passes by hand.")
    if in_with:
        lifespan = (
            "This `with` runs the app's startup and shutdown, and ASGITransport sends no lifespan events: open "
            f"`async with LifespanManager({app}) as manager:` (asgi-lifespan) around the client and pass "
            "app=manager.app to ASGITransport."
        )
    else:
        lifespan = (
            "ASGITransport sends no lifespan events: if the app's startup/shutdown matter, open "
            f"`async with LifespanManager({app}) as manager:` (asgi-lifespan) around the client and pass "
            "app=manager.app to ASGITransport."
        )
    why = (
        f"TestClient in async test {test}: TestClient runs the app on its own event loop in a worker thread, "
        "so each request blocks the test's running loop, and app state tied to the test's loop (database "
        "engines, clients from async fixtures) is used from another loop. Use "
        f"`{replacement}` and `await client.get(...)` for each request."
    )
    return " ".join([why, *extra, lifespan])


CODEMOD = Codemod(
    id="testclient-in-async-test",
    summary="Report Starlette/FastAPI TestClient used inside async tests, with the httpx.AsyncClient replacement "
    "(no change).",
    commands=("fix-tests",),
    prefilter=(b"TestClient",),
    transform=transform,
    test_files_only=True,
    min_pytest_asyncio="0.17",
)
