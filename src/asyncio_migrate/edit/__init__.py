"""How code is changed: statements, decorators, imports, generated hooks (libcst trees in, trees out)."""
