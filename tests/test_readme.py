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
