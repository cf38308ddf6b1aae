"""Entry point: ``interdictor``. Each sub-module registers its own commands."""

from __future__ import annotations

import typer

from interdictor.cli import analyze, goods
from interdictor.cli.catalogue import catalogue_app
from interdictor.cli.lists import lists_app
from interdictor.cli.network import synth
from interdictor.cli.screening import register as register_screening

app = typer.Typer(
    name="interdictor",
    help="Counter-proliferation trade control: lists, screening, goods and networks.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals may hold sanctions data or secrets
)

# Registration: each command module adds its commands to ``app`` (one line each).
app.command("analyze")(analyze.analyze)
app.command("alert-feedback")(analyze.alert_feedback)
app.add_typer(lists_app, name="lists")
register_screening(app)
app.command("synth")(synth)
app.command("classify")(goods.classify)
app.command("decide")(goods.decide)
app.add_typer(goods.decisions_app, name="decisions")
app.add_typer(catalogue_app, name="catalogue")
