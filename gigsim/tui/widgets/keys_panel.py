"""The keys panel (the palette's "Keys"): every key the screen answers, in the game's language.

Textual's own panel (``HelpPanel`` and its ``KeyPanel``) prints each binding's
description as written, which is English for Textual's keys (Scroll Up, Focus
Next, Copy selected text, the input field's editing keys) and the message id for
the game's. This panel is the same widget with the table drawn through the
catalogue: the game's descriptions are marked where they are bound, Textual's in
``gigsim.tui.language.TEXTUAL_WORDS``. It keeps the names ``HelpPanel`` and
``KeyPanel`` (subclasses), so Textual's styles and its palette's "Keys" entry
(which shows or hides a ``HelpPanel``) treat it as their own.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import itemgetter

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import HelpPanel, KeyPanel, Markdown
from textual.widgets._key_panel import BindingsTable

from gigsim.i18n import _


def description(binding: Binding) -> Text:
    """What a key does, in the current language (its tooltip after it, dimmed)."""
    text = Text(_(binding.description) if binding.description else "", end="")
    if binding.tooltip:
        if binding.description:
            text.append(" ")
        text.append(_(binding.tooltip), "dim")
    return text


class TranslatedBindingsTable(BindingsTable):
    def render_bindings_table(self) -> Table:
        """Textual's table (one row per action, its keys together, a section per widget),
        with the descriptions and group titles translated."""
        key_style = self.get_component_rich_style("bindings-table--key")
        clear = self.get_component_styles("bindings-table--divider").color.a == 0
        table = Table(
            padding=(0, 0),
            show_header=False,
            box=box.SIMPLE if clear else box.HORIZONTALS,
            border_style=self.get_component_rich_style("bindings-table--divider"),
        )
        table.add_column("", justify="right")
        header_style = self.get_component_rich_style("bindings-table--header")
        description_style = self.get_component_rich_style("bindings-table--description")
        previous: object = None
        for namespace, group in groupby(self.screen.active_bindings.values(), key=itemgetter(0)):
            if namespace.BINDING_GROUP_TITLE:
                table.add_row("", Text(_(namespace.BINDING_GROUP_TITLE), header_style, end=""))
            by_action: defaultdict[str, list[Binding]] = defaultdict(list)
            for _node, binding, _enabled, _tooltip in group:
                if not binding.system:
                    by_action[binding.action].append(binding)
            for bindings in by_action.values():
                keys = " ".join(dict.fromkeys(self.app.get_key_display(b) for b in bindings))
                text = description(bindings[0])
                text.stylize(description_style)
                table.add_row(Text(keys, style=key_style), text)
            if namespace != previous:
                table.add_section()
            previous = namespace
        return table


class TranslatedKeyPanel(KeyPanel):
    def compose(self) -> ComposeResult:
        yield TranslatedBindingsTable(shrink=True, expand=False)


class KeysHelp(HelpPanel):
    def compose(self) -> ComposeResult:
        yield Markdown(id="widget-help")
        yield TranslatedKeyPanel(id="keys-help")
