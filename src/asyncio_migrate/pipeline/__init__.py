"""The run: find files, take each through pre-filter, parse, codemods, render and check."""
