"""pandera schemas and Arrow types for every newsfacts table (see dataset-contract.md)."""

from schemas.tables import (
    ARROW_SCHEMAS,
    MODELS,
    RELEASED_TABLES,
    SPECS,
    TABLES,
    DocumentsSchema,
    FactMentionsSchema,
    FactsSchema,
    FiguresSchema,
    QuotesSchema,
    RejectionsSchema,
    SchemaValidationError,
    TableSpec,
    to_arrow,
    validate_table,
)

__all__ = [
    "ARROW_SCHEMAS", "MODELS", "RELEASED_TABLES", "SPECS", "TABLES", "DocumentsSchema",
    "FactMentionsSchema", "FactsSchema", "FiguresSchema", "QuotesSchema", "RejectionsSchema",
    "SchemaValidationError", "TableSpec", "to_arrow", "validate_table",
]
