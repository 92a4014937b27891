"""--verify: pytest's own view of the suite before and after a migration, compared."""
