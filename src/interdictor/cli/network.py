"""``interdictor synth``: generate a synthetic trade world with planted schemes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from interdictor.network.synth import generate_world

err = Console(stderr=True)


def synth(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the world into.")],
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed; the same seed gives the same world.")
    ] = 1,
    size: Annotated[
        int, typer.Option("--size", min=1, help="About how many records to write.")
    ] = 10_000,
) -> None:
    """Generate a trade world: ordinary trade plus planted procurement schemes.

    Example: interdictor synth --seed 7 --size 100000 --out worlds/s7
    """
    with err.status(f"generating {size:,} records into {out}"):
        summary = generate_world(seed, size, out)
    err.print(f"{summary.records:,} records, {sum(summary.planted.values())} planted instances")
    for typology, count in summary.planted.items():
        err.print(f"  {typology}: {count}")
    typer.echo(str(out / "summary.json"))
