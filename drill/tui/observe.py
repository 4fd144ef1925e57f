"""Dialogs of the review screen for what is not a score: an observation (HSEEP's
evaluator notes: what happened, a strength or an area for improvement) and a row
of a team's improvement plan in HSEEP's columns. Each returns what was written;
the review screen sends it through its client, so it works live and afterwards."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from ..engine.session import OBSERVATION_KINDS, PLAN_COLUMNS, PLAN_ELEMENTS
from ..i18n import Catalog
from .widgets import FieldInput, KeyBar, LocalizedModal


@dataclass(frozen=True)
class ObservationEntry:
    kind: str
    text: str
    inject: str | None = None


class _Form(LocalizedModal):
    BINDINGS = [Binding("escape", "cancel", "key.cancel"), Binding("ctrl+s", "save", "key.save")]

    def row(self, label: str, widget) -> Horizontal:
        return Horizontal(Label(self.t(label), classes="form-label"), widget, classes="form-row")

    def buttons(self) -> Horizontal:
        return Horizontal(Button(self.t("observe.save"), variant="primary", id="save"), Button(self.t("dialog.cancel"), id="cancel"),
                          classes="dialog-buttons")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _pressed(self) -> None:
        self.action_save()


class ObservationScreen(_Form):
    """What the evaluator saw, timestamped when it is saved; optionally about one of the
    injects the team received (newest first)."""

    def __init__(self, catalog: Catalog, about: str, injects: list[tuple[str, str]] = ()) -> None:
        super().__init__(catalog, classes="dialog")
        self.about, self.injects = about, list(injects)

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(classes="dialog-box wide tall"):
            yield Label(t("observe.title"), classes="dialog-title")
            yield Static(self.about, classes="dialog-message")
            yield self.row("observe.kind", Select([(t(f"observe.kind.{kind}"), kind) for kind in OBSERVATION_KINDS],
                                                  value=OBSERVATION_KINDS[0], allow_blank=False, compact=True, id="observe-kind"))
            if self.injects:
                yield self.row("observe.inject", Select([(title, inject) for inject, title in self.injects],
                                                        prompt=t("observe.no-inject"), compact=True, id="observe-inject"))
            yield Label(t("observe.text"), classes="form-label")
            yield TextArea(soft_wrap=True, id="observe-text", classes="adhoc-body")
            yield self.buttons()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#observe-text", TextArea).focus()

    def action_save(self) -> None:
        chosen = self.query("#observe-inject")
        inject = chosen.first(Select).value if chosen else Select.NULL
        self.dismiss(ObservationEntry(str(self.query_one("#observe-kind", Select).value), self.query_one("#observe-text", TextArea).text,
                                      None if inject is Select.NULL else str(inject)))


class PlanScreen(_Form):
    """A row of the improvement plan: HSEEP's columns, each optional but one of the area for
    improvement and the corrective action; dates as YYYY-MM-DD."""

    def __init__(self, catalog: Catalog, about: str, capability: str = "", issue: str = "") -> None:
        super().__init__(catalog, classes="dialog")
        self.about, self.prefill = about, {"capability": capability, "issue": issue}

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(classes="dialog-box wide tall"):
            yield Label(t("plan.title"), classes="dialog-title")
            yield Static(self.about, classes="dialog-message")
            for column in PLAN_COLUMNS:
                if column == "element":
                    widget = Select([(t(f"plan.element.{e}"), e) for e in PLAN_ELEMENTS], prompt=t("field.choose"), compact=True, id="plan-element")
                else:
                    placeholder = "YYYY-MM-DD" if column in ("start", "end") else ""
                    widget = Input(self.prefill.get(column, ""), placeholder=placeholder, compact=True, id=f"plan-{column}")
                yield self.row(f"plan.{column}", widget)
            yield self.buttons()
        yield KeyBar(compact=True)

    def on_mount(self) -> None:
        self.query_one("#plan-action", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        columns = {}
        for column in PLAN_COLUMNS:
            widget = self.query_one(f"#plan-{column}")
            value = widget.value
            columns[column] = "" if value is Select.NULL else str(value)
        self.dismiss(columns)
