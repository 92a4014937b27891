"""What the code means: names through imports and scopes, marks, loops, mocks, plugins (read only)."""
