"""Reports of one-time file imports into the store, shared by the commands that run them."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from interdictor.store.jsonl_import import FileImport

# Lines set aside by an import that are printed; the rest are counted.
SHOWN_REJECTIONS = 10


def report_import(console: Console, report: FileImport) -> None:
    """Say what a file import did, and where each bad line is (file and line number)."""
    parts = [f"{report.imported} stored", f"{report.duplicates} already stored"]
    if report.rejected:
        parts.append(f"{len(report.rejected)} set aside")
    moved = f"; the file is now {report.moved_to}" if report.moved_to else ""
    console.print(
        f"imported {escape(report.source)}: {', '.join(parts)}{escape(moved)}", soft_wrap=True
    )
    for rejected in report.rejected[:SHOWN_REJECTIONS]:
        console.print(
            f"[yellow]set aside[/yellow] {escape(rejected.source)}:{rejected.position}: "
            f"{escape(rejected.reason)}",
            soft_wrap=True,
        )
    if len(report.rejected) > SHOWN_REJECTIONS:
        console.print(f"... and {len(report.rejected) - SHOWN_REJECTIONS} more")
    if report.rejected_to is not None:
        console.print(f"bad lines copied to {escape(str(report.rejected_to))}", soft_wrap=True)
