"""Typed domain records shared by every engine."""

from interdictor.model.listed import (
    IDENTIFIER_KINDS,
    SCHEMATA,
    Identifier,
    ListedEntity,
    Rejected,
)

__all__ = ["IDENTIFIER_KINDS", "SCHEMATA", "Identifier", "ListedEntity", "Rejected"]
