"""Option types shared by every command, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

HomeOption = Annotated[
    Path | None,
    typer.Option(
        "--home",
        help="Data directory (default: $INTERDICTOR_HOME, else ~/.interdictor).",
        file_okay=False,
        dir_okay=True,
    ),
]
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL of the store (default: SQLite inside the data directory, "
        "or $INTERDICTOR_DATABASE_URL).",
    ),
]
