"""Write a deterministic, realistic pytest-asyncio strict-mode project to a folder.

The mix follows the performance budget in the issue: about 1 in 5 Python files
are strict-mode async test modules (with markers and `pytest_asyncio.fixture`
fixtures to strip), the rest are plain sync test modules and source modules of
varied size, a few of which use asyncio in library code (so a naive
"asyncio" pre-filter hits them, yet there is nothing to change).

    python benchmarks/generate_repo.py OUT_DIR [--files 500] [--seed 2024]
"""

from __future__ import annotations

import argparse
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FILE_COUNT = 500
DEFAULT_SEED = 2024

AREAS = ["billing", "accounts", "catalog", "shipping", "search", "notify", "reports", "storage"]
NOUNS = [
    "invoice", "order", "customer", "ledger", "payment", "refund", "token", "session",
    "product", "price", "parcel", "route", "query", "index", "message", "channel",
    "report", "bucket", "record", "profile", "cart", "coupon", "tax", "address",
]
VERBS = [
    "create", "update", "delete", "fetch", "render", "validate", "merge", "split",
    "publish", "archive", "resolve", "compute", "load", "store", "sync", "retry",
]
FIELDS = ["id", "name", "amount", "status", "created_at", "owner", "currency", "count"]


@dataclass(frozen=True)
class RepoLayout:
    """How many files of each kind a repository of `total` Python files gets."""

    async_tests: int
    conftests: int
    sync_tests: int
    sources: int

    @classmethod
    def for_total(cls, total: int) -> RepoLayout:
        async_tests = total // 5
        conftests = min(len(AREAS), max(1, total // 100)) + 1  # one per area + the root
        sync_tests = (total - async_tests) // 2 - conftests
        sources = total - async_tests - conftests - sync_tests
        return cls(async_tests, conftests, sync_tests, sources)


def _dedent(block: str) -> str:
    return textwrap.dedent(block).lstrip("\n")


def _params(method: bool, *names: str) -> str:
    return ", ".join((("self",) if method else ()) + names)


def _module(header: list[str], definitions: list[str]) -> str:
    """Docstring, imports and assignments one blank line apart; definitions two."""
    top = "\n".join(part.rstrip("\n") + "\n" for part in header)
    return "\n\n".join([top] + [part.rstrip("\n") + "\n" for part in definitions])


class ModuleWriter:
    """Builds one module's text from a shared seeded random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def name(self) -> str:
        return f"{self.rng.choice(VERBS)}_{self.rng.choice(NOUNS)}"

    def class_name(self) -> str:
        return self.rng.choice(NOUNS).capitalize() + self.rng.choice(
            ["Service", "Repository", "Client", "Builder", "Policy", "Store"]
        )

    def sync_helper(self) -> str:
        name, field = self.name(), self.rng.choice(FIELDS)
        return _dedent(
            f'''
            def _{name}_payload(**overrides):
                payload = {{"{field}": {self.rng.randint(1, 999)}, "kind": "{self.rng.choice(NOUNS)}"}}
                payload.update(overrides)
                return payload
            '''
        )

    def sync_test(self, indent: str = "", method: bool = False) -> str:
        name, field = self.name(), self.rng.choice(FIELDS)
        value = self.rng.randint(0, 500)
        variant = self.rng.randrange(3)
        if variant == 0:
            body = f'''
            @pytest.mark.parametrize("value", [{value}, {value + 1}, {value * 2}])
            def test_{name}_accepts_value({_params(method, "value")}):
                record = {{"{field}": value}}
                assert record["{field}"] == value
                assert isinstance(record, dict)
            '''
        elif variant == 1:
            body = f'''
            def test_{name}_rejects_bad_input({_params(method, "tmp_path")}):
                target = tmp_path / "{name}.txt"
                target.write_text("{field}={value}")
                with pytest.raises(ValueError):
                    int(target.read_text().split("=")[0])
            '''
        else:
            body = f'''
            def test_{name}_round_trip({_params(method)}):
                items = [{value}, {value + 3}, {value + 7}]
                total = sum(items)
                assert total == {3 * value + 10}
                assert sorted(items) == items
            '''
        return textwrap.indent(_dedent(body), indent)

    # -- async (strict mode) test modules --------------------------------------------

    def async_fixture(self) -> str:
        name = self.rng.choice(NOUNS)
        scope = self.rng.choice(["", "", '(scope="module")'])
        if self.rng.random() < 0.5:
            body = f'''
            @pytest_asyncio.fixture{scope}
            async def {name}_client():
                client = {{"{name}": {self.rng.randint(1, 99)}}}
                yield client
                client.clear()
            '''
        else:
            body = f'''
            @pytest_asyncio.fixture{scope}
            async def {name}_record():
                await asyncio.sleep(0)
                return {{"{self.rng.choice(FIELDS)}": "{self.rng.choice(NOUNS)}"}}
            '''
        return _dedent(body)

    def async_test(self, marker: str | None, indent: str = "", method: bool = False) -> str:
        name, field = self.name(), self.rng.choice(FIELDS)
        marker_line = f"@{marker}\n" if marker else ""
        if self.rng.random() < 0.5:
            body = f'''
            async def test_{name}({_params(method)}):
                result = await asyncio.sleep(0, result={{"{field}": {self.rng.randint(1, 9)}}})
                assert result["{field}"] > 0
            '''
        else:
            body = f'''
            async def test_{name}_concurrently({_params(method)}):
                results = await asyncio.gather(*(asyncio.sleep(0, result=i) for i in range({self.rng.randint(2, 6)})))
                assert results == sorted(results)
                assert len(results) > 1
            '''
        return textwrap.indent(marker_line + _dedent(body), indent)

    def async_test_module(self) -> str:
        style = self.rng.choices(
            ["decorators", "pytestmark", "pytestmark_list", "alias_pt", "from_mark"],
            weights=[10, 3, 2, 1, 1],
        )[0]
        imports = ["import asyncio", "", "import pytest as pt" if style == "alias_pt" else "import pytest"]
        if style == "from_mark":
            imports.append("from pytest import mark")
        imports.append("import pytest_asyncio")
        mark = {"alias_pt": "pt.mark", "from_mark": "mark"}.get(style, "pytest.mark")
        subject = f"{self.rng.choice(NOUNS)} {self.rng.choice(['api', 'worker', 'gateway', 'cache'])}"
        header = [f'"""Async tests for the {subject}."""\n', "\n".join(imports) + "\n"]
        if style == "pytestmark":
            header.append(f"pytestmark = {mark}.asyncio\n")
        elif style == "pytestmark_list":
            header.append(f"pytestmark = [{mark}.asyncio, {mark}.slow]\n")
        # With a module-level pytestmark the tests themselves carry no marker.
        test_marker = None if style.startswith("pytestmark") else f"{mark}.asyncio"

        definitions = [self.async_fixture() for _ in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.6:
            definitions.append(self.sync_helper())
        definitions.extend(self.async_test(test_marker) for _ in range(self.rng.randint(3, 5)))
        if self.rng.random() < 0.5:
            definitions.append(self.sync_test())
        if self.rng.random() < 0.6:
            class_marked = test_marker is not None and self.rng.random() < 0.4
            class_decorator = f"@{test_marker}\n" if class_marked else ""
            method_marker = None if class_marked else test_marker
            methods = [
                self.async_test(method_marker, indent="    ", method=True)
                for _ in range(self.rng.randint(1, 3))
            ]
            methods.append(self.sync_test(indent="    ", method=True))
            definitions.append(f"{class_decorator}class Test{self.class_name()}:\n" + "\n".join(methods))
        return _module(header, definitions)

    # -- sync test modules ------------------------------------------------------------

    def sync_test_module(self, package: str) -> str:
        module = self.rng.choice(NOUNS)
        header = [
            f'"""Tests for {package}.{module}."""\n',
            f"import pytest\n\nfrom {package} import {module}  # noqa: F401\n",
        ]
        definitions = []
        if self.rng.random() < 0.5:
            name = self.rng.choice(NOUNS)
            definitions.append(
                _dedent(
                    f'''
                    @pytest.fixture
                    def {name}_factory():
                        created = []
                        yield lambda **kw: created.append(kw) or kw
                        created.clear()
                    '''
                )
            )
        definitions.extend(self.sync_test() for _ in range(self.rng.choice([1, 2, 3, 5, 8, 12])))
        if self.rng.random() < 0.4:
            methods = [self.sync_test(indent="    ", method=True) for _ in range(self.rng.randint(2, 5))]
            definitions.append(f"class Test{self.class_name()}:\n" + "\n".join(methods))
        return _module(header, definitions)

    # -- source modules ---------------------------------------------------------------

    def source_function(self) -> str:
        name, field = self.name(), self.rng.choice(FIELDS)
        return _dedent(
            f'''
            def {name}(records, *, limit={self.rng.randint(5, 500)}):
                """{name.replace("_", " ").capitalize()} for at most `limit` records."""
                selected = []
                for record in records:
                    if len(selected) >= limit:
                        break
                    if record.get("{field}") is None:
                        continue
                    selected.append(dict(record, {field}=record["{field}"]))
                return selected
            '''
        )

    def source_class(self) -> str:
        fields = self.rng.sample(FIELDS, 3)
        methods = []
        for _ in range(self.rng.randint(2, 6)):
            name, field = self.name(), self.rng.choice(fields)
            methods.append(
                f'''
    def {name}(self, value):
        """{name.replace("_", " ").capitalize()}."""
        if value is None:
            raise ValueError("{field} must not be None")
        self._cache[{field!r}] = value
        return self._cache.get({field!r})
'''
            )
        init_lines = "\n".join(f"        self.{field} = {field}" for field in fields)
        return (
            f"class {self.class_name()}:\n"
            f'    """Holds {", ".join(fields)}."""\n\n'
            f"    def __init__(self, {', '.join(fields)}):\n{init_lines}\n        self._cache = {{}}\n"
            + "".join(methods)
        )

    def async_source_block(self) -> str:
        name = self.name()
        return _dedent(
            f'''
            async def {name}_all(items, concurrency={self.rng.randint(2, 16)}):
                semaphore = asyncio.Semaphore(concurrency)

                async def one(item):
                    async with semaphore:
                        await asyncio.sleep(0)
                        return item

                return await asyncio.gather(*(one(item) for item in items))
            '''
        )

    def source_module(self, uses_asyncio: bool) -> str:
        kind = self.rng.choice(["helpers", "models", "services", "utilities"])
        imports = ["from __future__ import annotations", "", "import logging"]
        if uses_asyncio:
            imports.insert(2, "import asyncio")
        header = [
            f'"""{self.rng.choice(NOUNS).capitalize()} {kind}."""\n',
            "\n".join(imports) + "\n",
            "log = logging.getLogger(__name__)\n",
        ]
        # Mostly small modules with a long tail of big ones, as in real projects.
        block_count = self.rng.choice([1, 2, 2, 3, 4, 6, 8, 12, 18])
        definitions = [
            self.source_class() if self.rng.random() < 0.4 else self.source_function()
            for _ in range(block_count)
        ]
        if uses_asyncio:
            definitions.append(self.async_source_block())
        return _module(header, definitions)

    def conftest(self, async_area: bool) -> str:
        imports = "import asyncio\n\nimport pytest\nimport pytest_asyncio\n" if async_area else "import pytest\n"
        name = self.rng.choice(NOUNS)
        definitions = [
            _dedent(
                f'''
                @pytest.fixture
                def {name}_settings(tmp_path):
                    return {{"root": tmp_path, "{self.rng.choice(FIELDS)}": {self.rng.randint(1, 9)}}}
                '''
            )
        ]
        if async_area:
            definitions.append(self.async_fixture())
        return _module(['"""Shared fixtures."""\n', imports], definitions)


PYPROJECT = _dedent(
    """
    [project]
    name = "shopfront"
    version = "1.4.0"
    requires-python = ">=3.10"
    dependencies = []

    [project.optional-dependencies]
    test = ["pytest>=8", "pytest-asyncio>=0.23"]

    [tool.pytest.ini_options]
    asyncio_mode = "strict"
    testpaths = ["tests"]
    markers = ["slow: long-running tests"]
    """
)


def generate_repo(root: Path, file_count: int = DEFAULT_FILE_COUNT, seed: int = DEFAULT_SEED) -> RepoLayout:
    """Write the project under `root` (created if missing) and return its layout."""
    rng = random.Random(seed)
    writer = ModuleWriter(rng)
    layout = RepoLayout.for_total(file_count)
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(PYPROJECT)

    def write(relative: str, text: str) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    areas = AREAS[: layout.conftests - 1]
    async_areas = set(areas[::2])
    write("tests/conftest.py", writer.conftest(async_area=False))
    for area in areas:
        write(f"tests/{area}/conftest.py", writer.conftest(async_area=area in async_areas))

    for index in range(layout.async_tests):
        area = areas[index % len(areas)]
        write(f"tests/{area}/test_{writer.name()}_async_{index}.py", writer.async_test_module())

    for index in range(layout.sync_tests):
        area = areas[index % len(areas)]
        write(f"tests/{area}/test_{writer.name()}_{index}.py", writer.sync_test_module(f"shopfront.{area}"))

    # Each area package has an __init__; the remaining sources spread over them.
    for area in areas:
        write(f"src/shopfront/{area}/__init__.py", f'"""The {area} package."""\n')
    write("src/shopfront/__init__.py", '"""Shopfront."""\n\n__version__ = "1.4.0"\n')
    for index in range(layout.sources - len(areas) - 1):
        area = areas[index % len(areas)]
        uses_asyncio = rng.random() < 0.06
        write(f"src/shopfront/{area}/{writer.name()}_{index}.py", writer.source_module(uses_asyncio))
    return layout


def generate_many_tests(root: Path, tests: int, seed: int = DEFAULT_SEED) -> None:
    """A strict-mode project whose one test module holds `tests` marked async tests, one in five
    of them methods of marked classes (the cost of a module must grow linearly with its tests)."""
    rng = random.Random(seed)
    writer = ModuleWriter(rng)
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(PYPROJECT)

    def test(index: int, method: bool) -> str:
        noun = rng.choice(NOUNS)
        return _dedent(f"""
            async def test_{noun}_{index}({_params(method)}):
                result = await asyncio.sleep(0, result={index})
                assert result == {index}
            """)

    definitions = [writer.async_fixture(), writer.sync_helper()]
    written = 0
    while written < tests:
        if rng.random() < 0.2:
            count = min(4, tests - written)
            methods = [textwrap.indent(test(written + offset, True), "    ") for offset in range(count)]
            definitions.append(f"@pytest.mark.asyncio\nclass Test{writer.class_name()}{written}:\n" + "\n".join(methods))
            written += count
        else:
            definitions.append("@pytest.mark.asyncio\n" + test(written, False))
            written += 1
    header = ['"""Many async tests in one module."""\n', "import asyncio\n\nimport pytest\nimport pytest_asyncio\n"]
    (root / "tests").mkdir(exist_ok=True)
    (root / "tests" / "test_many.py").write_text(_module(header, definitions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--files", type=int, default=DEFAULT_FILE_COUNT, help="number of Python files")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    layout = generate_repo(args.out_dir, args.files, args.seed)
    print(
        f"wrote {args.files} Python files to {args.out_dir}: {layout.async_tests} async test modules, "
        f"{layout.sync_tests} sync test modules, {layout.conftests} conftest.py, {layout.sources} source modules"
    )


if __name__ == "__main__":
    main()
