import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="Rewrite snapshot expectations from the current output (review the diff before committing).",
    )


@pytest.fixture(autouse=True, scope="session")
def _private_result_cache(tmp_path_factory: pytest.TempPathFactory):
    """CLI runs in the tests (subprocesses included) cache in a folder of their own, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASYNCIO_MIGRATE_CACHE_DIR", str(tmp_path_factory.mktemp("result-cache")))
        yield
