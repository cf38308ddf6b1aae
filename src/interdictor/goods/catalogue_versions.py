"""The catalogue workflow: read a control-list catalogue (the bundled EU Annex I, or a
repaired-catalogue JSON file), apply a national overlay, and store the result as a
version; and hand the classifier the catalogue in force.

    outcome = load_catalogue(store, national=Path("national.csv")).outcome
    catalogue, version = catalogue_in_force(store)   # newest stored, else the bundled one

Loading content equal to the newest stored version stores nothing (``created`` False).
The store writes a version in one transaction (see ``interdictor.store.catalogues``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from interdictor.errors import InvalidInput
from interdictor.files import open_text
from interdictor.goods.catalogue import DEFAULT_FILE, ControlCatalogue, entry_from_dict
from interdictor.goods.national import load_overlay
from interdictor.model.listed import Rejected
from interdictor.store import (
    CatalogueLoadOutcome,
    CatalogueUpload,
    CatalogueVersionInfo,
    ProgressCallback,
    Store,
)

# What the version row names as the source when no file is given.
BUNDLED_SOURCE = f"bundled:{DEFAULT_FILE}"


@dataclass(frozen=True, slots=True)
class CatalogueRead:
    """A catalogue read from its files: the overlay rows applied and set aside."""

    catalogue: ControlCatalogue
    source: str
    overlay: str | None = None
    applied: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CatalogueLoad:
    """What ``load_catalogue`` read and what the store did with it."""

    read: CatalogueRead
    outcome: CatalogueLoadOutcome


def read_catalogue_file(path: Path) -> ControlCatalogue:
    """Read a repaired-catalogue JSON document (plain or .gz); InvalidInput if unusable."""
    try:
        with open_text(path) as handle:
            document = json.load(handle)
    except OSError as error:
        raise InvalidInput(f"cannot read the catalogue: {error}", source=str(path)) from error
    except ValueError as error:
        raise InvalidInput(f"not a JSON document: {error}", source=str(path)) from error
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise InvalidInput("expected a JSON object with an 'entries' list", source=str(path))
    if not isinstance(document.get("version"), str) or not document["version"].strip():
        raise InvalidInput("the catalogue names no 'version'", source=str(path))
    return ControlCatalogue.from_document(document, path.name)


def read_catalogue(file: Path | None = None, national: Path | None = None) -> CatalogueRead:
    """Return the catalogue of ``file`` (default: the bundled EU Annex I), with the national
    overlay CSV applied when given; bad overlay rows are set aside with their line."""
    base = read_catalogue_file(file) if file is not None else ControlCatalogue.load_default()
    source = str(file) if file is not None else BUNDLED_SOURCE
    if national is None:
        return CatalogueRead(base, source)
    try:
        result = load_overlay(national, base)
    except OSError as error:
        raise InvalidInput(f"cannot read the overlay: {error}", source=str(national)) from error
    return CatalogueRead(result.catalogue, source, str(national), result.applied, result.rejected)


def to_upload(read: CatalogueRead) -> CatalogueUpload:
    """Return what the store keeps of a catalogue: its entries as JSON and its hash."""
    catalogue = read.catalogue
    return CatalogueUpload(
        label=catalogue.version,
        source=read.source,
        content_hash=catalogue.content_hash(),
        entries=[entry.to_dict() for entry in catalogue],
        rejected=read.rejected,
        overlay=read.overlay,
    )


def load_catalogue(
    store: Store,
    file: Path | None = None,
    national: Path | None = None,
    on_progress: ProgressCallback | None = None,
) -> CatalogueLoad:
    """Read a catalogue (and overlay) and store it as the newest version, atomically."""
    read = read_catalogue(file, national)
    outcome = store.save_catalogue_version(to_upload(read), on_progress=on_progress)
    return CatalogueLoad(read, outcome)


def stored_catalogue(store: Store, version_id: int | None = None) -> ControlCatalogue:
    """Return a stored catalogue version (default: the newest). Raises NotFound."""
    info = store.catalogue_version(version_id)
    entries = [entry_from_dict(data) for data in store.catalogue_entries(info.id)]
    return ControlCatalogue(entries, info.label, info.source)


def catalogue_in_force(store: Store) -> tuple[ControlCatalogue, CatalogueVersionInfo | None]:
    """Return the newest stored catalogue and its version, else the bundled one and None."""
    versions = store.catalogue_versions()
    if not versions:
        return ControlCatalogue.load_default(), None
    newest = versions[-1]
    return stored_catalogue(store, newest.id), newest
