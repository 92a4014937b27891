"""Each codemod's snapshot cases (see tests/test_snapshots.py), shipped as package data so that
`asyncio-migrate explain` can show them once installed (see catalogue.py)."""
