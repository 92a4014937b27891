"""The README's first two commands are what newcomers copy: keep them true."""

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())[:2]


def test_ci_runs_the_readme_test_command() -> None:
    _, test_command = readme_commands()
    assert test_command in (ROOT / ".ci" / "run").read_text().splitlines()


def test_readme_sample_suite_exists() -> None:
    main_command, _ = readme_commands()
    sample = main_command.rsplit(" ", 1)[-1]
    assert (ROOT / sample / "pyproject.toml").exists()


def readme() -> str:
    return (ROOT / "README.md").read_text()


def test_readme_documents_every_json_key() -> None:
    from asyncio_migrate.api import RunResult
    from asyncio_migrate.config.pytest_config import PytestConfig
    from asyncio_migrate.report import JSON_SCHEMA_VERSION, json_document

    document = json_document(RunResult("to-auto", [], PytestConfig.__new__(PytestConfig)), exit_code=0,
                             include_diff=True)
    text = readme()
    assert f'"schema_version": {JSON_SCHEMA_VERSION}' in text
    for key in [*document, *document["summary"]]:
        assert f'"{key}"' in text, key


def test_readme_documents_every_setting_and_hook() -> None:
    import yaml

    from asyncio_migrate.config.tool_settings import KEYS

    text = readme()
    for key in KEYS:
        assert f"\n{key} = " in text, key
    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()):
        assert f"id: {hook['id']}" in text
