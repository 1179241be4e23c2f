"""pandera schemas and Arrow types for every newsfacts table (see dataset-contract.md)."""

from schemas.tables import (
    ARROW_SCHEMAS,
    MODELS,
    TABLES,
    DocumentsSchema,
    FactMentionsSchema,
    FactsSchema,
    FiguresSchema,
    QuotesSchema,
    RejectionsSchema,
    SchemaValidationError,
    to_arrow,
    validate_table,
)

__all__ = [
    "ARROW_SCHEMAS", "MODELS", "TABLES", "DocumentsSchema", "FactMentionsSchema", "FactsSchema",
    "FiguresSchema", "QuotesSchema", "RejectionsSchema", "SchemaValidationError", "to_arrow",
    "validate_table",
]
