"""httpx-app-transport: name resolution inside function bodies, where the snapshots only show the common cases."""

from __future__ import annotations

from .codemod_tools import check_transformed, check_unchanged

CODEMOD = "httpx-app-transport"


def test_import_in_enclosing_function_reaches_closure() -> None:
    check_transformed(
        CODEMOD,
        """\
        def make_factory(app):
            import httpx

            def factory():
                return httpx.AsyncClient(app=app)

            return factory
        """,
        """\
        def make_factory(app):
            import httpx

            def factory():
                return httpx.AsyncClient(transport=httpx.ASGITransport(app=app))

            return factory
        """,
    )


def test_default_argument_sees_the_module_name_not_the_parameter() -> None:
    check_transformed(
        CODEMOD,
        """\
        import httpx

        from shop.main import app


        def fetch(client=httpx.Client(app=app), httpx=None):
            return client.get("/")
        """,
        """\
        import httpx

        from shop.main import app


        def fetch(client=httpx.Client(transport=httpx.WSGITransport(app=app)), httpx=None):
            return client.get("/")
        """,
    )


def test_global_rebinding_makes_the_module_name_ambiguous() -> None:
    check_unchanged(
        CODEMOD,
        """\
        import httpx

        from shop.main import app


        def install_fake(fake):
            global httpx
            httpx = fake


        async def test_root():
            async with httpx.AsyncClient(app=app) as client:
                await client.get("/")
        """,
    )


def test_comprehension_target_and_class_attribute_shadow() -> None:
    check_unchanged(
        CODEMOD,
        """\
        import httpx

        from shop.main import app


        def clients(modules):
            return [httpx.AsyncClient(app=app) for httpx in modules]


        class TestFakes:
            httpx = None
            client = httpx.AsyncClient(app=app)
        """,
    )


def test_class_body_in_a_test_sees_the_module_import() -> None:
    check_transformed(
        CODEMOD,
        """\
        from httpx import AsyncClient

        from shop.main import app


        async def test_in_class_body():
            class Holder:
                client = AsyncClient(app=app)

            await Holder.client.get("/")
        """,
        """\
        from httpx import ASGITransport, AsyncClient

        from shop.main import app


        async def test_in_class_body():
            class Holder:
                client = AsyncClient(transport=ASGITransport(app=app))

            await Holder.client.get("/")
        """,
    )


def test_transport_that_cannot_be_named_is_reported() -> None:
    result = check_unchanged(
        CODEMOD,
        """\
        from shop.main import app


        async def test_root():
            from httpx import AsyncClient

            ASGITransport = None
            async with AsyncClient(app=app) as client:
                await client.get("/")
        """,
    )
    [diagnostic] = result.diagnostics
    assert diagnostic.line == 8
    assert "httpx.ASGITransport cannot be named here" in diagnostic.message


def test_transport_imported_with_the_client_under_a_guard_is_reused() -> None:
    check_transformed(
        CODEMOD,
        """\
        import pytest

        try:
            from httpx import ASGITransport, AsyncClient
        except ImportError:
            pytest.skip("httpx is not installed", allow_module_level=True)


        async def test_root(app):
            async with AsyncClient(app=app) as client:
                await client.get("/")
        """,
        """\
        import pytest

        try:
            from httpx import ASGITransport, AsyncClient
        except ImportError:
            pytest.skip("httpx is not installed", allow_module_level=True)


        async def test_root(app):
            async with AsyncClient(transport=ASGITransport(app=app)) as client:
                await client.get("/")
        """,
    )
