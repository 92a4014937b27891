"""Find the Python files a run should rewrite, the way ruff and black users expect.

Paths named on the command line are always taken unless ``--exclude`` matches them.
Folders are walked with ``os.scandir`` and pruned before descending, so a monorepo's
``node_modules`` or a git-ignored build folder costs one directory entry, not a walk.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pathspec import GitIgnoreSpec

# Never worth rewriting. Skipped while walking only: a folder named explicitly is walked.
SKIPPED_FOLDER_NAMES = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "build", "dist",
        "node_modules", "site-packages", "__pycache__", ".mypy_cache",
        ".pytest_cache", ".ruff_cache",
    }
)  # fmt: skip


class DiscoveryError(Exception):
    """A path named on the command line does not exist."""


@dataclass(frozen=True)
class _IgnoreFile:
    """A compiled ignore file, and how to make a path from the walked root relative to it.

    A file above the root prepends the root's path from its folder (``prefix``); a file
    inside the root strips its folder's path from the root (``strip`` characters).
    """

    spec: GitIgnoreSpec
    prefix: str = ""
    strip: int = 0

    def verdict(self, relative_path: str) -> bool | None:
        """True if ignored, False if re-included by a negation, None if nothing matched."""
        return self.spec.check_file(self.prefix + relative_path[self.strip :]).include


def _is_ignored(relative_path: str, ignore_files: tuple[_IgnoreFile, ...]) -> bool:
    # As in git, the deepest ignore file with a matching pattern decides.
    for ignore_file in reversed(ignore_files):
        verdict = ignore_file.verdict(relative_path)
        if verdict is not None:
            return verdict
    return False


def _without_patterns_ignoring(spec: GitIgnoreSpec, path: str) -> GitIgnoreSpec:
    return GitIgnoreSpec([p for p in spec.patterns if not (p.include and p.match_file(path))])


def _folder_path_from(folder: str, real_folder: str) -> str:
    """``real_folder`` relative to ``folder`` in gitignore form: ``a/b/``, or ``""``."""
    if real_folder == folder:
        return ""
    return os.path.relpath(real_folder, folder).replace(os.sep, "/") + "/"


def _path_from_cwd(path: Path) -> str | None:
    """``path`` relative to the working folder (``""`` for itself), None if outside it."""
    try:
        relative = os.path.relpath(os.path.abspath(path)).replace(os.sep, "/")
    except ValueError:  # Another drive, on Windows.
        return None
    if relative == ".." or relative.startswith("../"):
        return None
    return "" if relative == "." else relative


class _Discovery:
    def __init__(self, real_roots: list[str], excludes: GitIgnoreSpec | None) -> None:
        self.real_roots = [os.path.join(root, "") for root in real_roots]
        self.excludes = excludes
        self.ignore_files_by_path: dict[str, GitIgnoreSpec | None] = {}
        # A symlink to a folder already walked would loop or repeat work.
        self.walked_folders: set[str] = set()
        # Real path -> (reached through a symlink, path as the user sees it).
        self.found: dict[str, tuple[bool, Path]] = {}

    def add(self, real_path: str, shown_path: str, through_symlink: bool) -> None:
        candidate = (through_symlink, Path(shown_path))
        # Prefer the path without symlinks, so the result doesn't depend on walk order.
        self.found[real_path] = min(self.found.get(real_path, candidate), candidate)

    def is_within_roots(self, real_path: str) -> bool:
        real_path = os.path.join(real_path, "")
        return any(real_path.startswith(root) for root in self.real_roots)

    def is_excluded(self, *paths: str | None) -> bool:
        return self.excludes is not None and any(
            path is not None and self.excludes.match_file(path) for path in paths
        )

    def load_ignore_file(self, path: str) -> GitIgnoreSpec | None:
        if path not in self.ignore_files_by_path:
            try:
                with open(path, encoding="utf-8", errors="replace") as lines:
                    self.ignore_files_by_path[path] = GitIgnoreSpec.from_lines(lines)
            except OSError:
                self.ignore_files_by_path[path] = None
        return self.ignore_files_by_path[path]

    def ignore_files_above(self, real_root: str) -> tuple[_IgnoreFile, ...]:
        """The repository's ``info/exclude`` and every ``.gitignore`` above the root."""
        folders = [real_root]
        while not os.path.exists(os.path.join(folders[-1], ".git")):
            parent = os.path.dirname(folders[-1])
            if parent == folders[-1]:
                return ()  # Outside a repository git reads none of them.
            folders.append(parent)
        repository = folders[-1]
        candidates = [(os.path.join(repository, ".git", "info", "exclude"), repository)]
        candidates += [(os.path.join(folder, ".gitignore"), folder) for folder in folders[:0:-1]]
        ignore_files = tuple(
            _IgnoreFile(spec, _folder_path_from(folder, real_root))
            for path, folder in candidates
            if (spec := self.load_ignore_file(path)) is not None
        )
        if real_root == repository or not _is_ignored("", ignore_files):
            return ignore_files
        # A folder named explicitly is walked even if git ignores it (as ruff and ripgrep
        # do): drop the patterns that ignore it, keep the others for what is inside it.
        return tuple(
            _IgnoreFile(_without_patterns_ignoring(f.spec, f.prefix), f.prefix)
            for f in ignore_files
        )

    def walk(
        self,
        folder: str,
        real_folder: str,
        relative_folder: str,
        ignore_files: tuple[_IgnoreFile, ...],
        cwd_prefix: str | None,
        through_symlink: bool,
    ) -> None:
        self.walked_folders.add(real_folder)
        try:
            with os.scandir(folder) as scan:
                entries = list(scan)
        except OSError:
            return  # Unreadable: nothing we could rewrite anyway.
        names = {entry.name for entry in entries}
        if relative_folder and "pyvenv.cfg" in names:
            return  # A virtualenv, whatever its name.
        if ".gitignore" in names:
            spec = self.load_ignore_file(os.path.join(real_folder, ".gitignore"))
            if spec is not None:
                strip = len(relative_folder) + 1 if relative_folder else 0
                ignore_files += (_IgnoreFile(spec, strip=strip),)
        for entry in entries:
            relative = f"{relative_folder}/{entry.name}" if relative_folder else entry.name
            try:
                is_symlink = entry.is_symlink()
                is_folder = entry.is_dir()
                is_python_file = not is_folder and entry.name.endswith(".py") and entry.is_file()
            except OSError:
                continue  # A symlink loop.
            if not (is_folder or is_python_file):
                continue
            if is_symlink:
                real_path = os.path.realpath(entry.path)
                if not self.is_within_roots(real_path) or real_path in self.walked_folders:
                    continue
            else:
                real_path = os.path.join(real_folder, entry.name)
            if is_folder:
                if entry.name in SKIPPED_FOLDER_NAMES or entry.name.endswith(".egg-info"):
                    continue
                relative += "/"  # So that folder-only patterns such as `build/` match.
            shown_from_cwd = None if cwd_prefix is None else cwd_prefix + relative
            if self.is_excluded(relative, shown_from_cwd) or _is_ignored(relative, ignore_files):
                continue
            through_link = through_symlink or is_symlink
            if is_folder:
                self.walk(
                    entry.path, real_path, relative[:-1], ignore_files, cwd_prefix, through_link
                )
            else:
                self.add(real_path, entry.path, through_link)


def discover(paths: Sequence[Path], excludes: Sequence[str] = ()) -> list[Path]:
    """The Python files under ``paths`` to process, sorted, each real file once."""
    for path in paths:
        if not path.exists():
            raise DiscoveryError(f"No such file or directory: {path}")
    real_roots = [os.path.realpath(path) for path in paths]
    exclude_spec = GitIgnoreSpec.from_lines(excludes) if excludes else None
    discovery = _Discovery(real_roots, exclude_spec)
    for path, real_root in zip(paths, real_roots):
        is_folder = path.is_dir()
        from_cwd = _path_from_cwd(path)
        # Outside the working folder only the name can be matched meaningfully.
        shown = os.path.basename(os.path.abspath(path)) if from_cwd is None else from_cwd
        if shown and discovery.is_excluded(shown + ("/" if is_folder else "")):
            continue
        if is_folder:
            # Excludes also match from the working folder: `tests/legacy/` while walking `tests`.
            cwd_prefix = from_cwd + "/" if from_cwd else None
            ignore_files = discovery.ignore_files_above(real_root)
            discovery.walk(str(path), real_root, "", ignore_files, cwd_prefix, False)
        else:
            discovery.add(real_root, str(path), through_symlink=False)
    return sorted(shown_path for _, shown_path in discovery.found.values())
