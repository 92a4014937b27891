from .cases import StoreCases

__all__ = ["StoreCases"]
