"""Summary tables that fit the terminal: the name column wraps, numbers are never cut.

rich shrinks every column of a table wider than the console, numbers included, and
cuts them with an ellipsis: at 80 columns a class total of 1200 cards showed as
``12…``.  Here each number column is as wide as its longest value, and when the table
still does not fit, whole columns are dropped, least useful first, until it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.table import Table
from rich.text import Text


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    values: tuple[str, ...]  # one per number column; "" for a row without numbers
    style: str = ""


# The name column never gets narrower than this (it wraps inside it).
_MIN_LABEL = 16


def fitted_table(
    title: str,
    label_header: str,
    headers: Sequence[str],
    rows: Sequence[Row],
    footer: Row,
    *,
    width: int,
    drop_order: Sequence[str] = (),
) -> Table:
    """A table of ``rows`` with ``footer`` as its total, at most ``width`` columns wide:
    columns named in ``drop_order`` are left out, in that order, until the numbers fit
    whole beside a name column at least 12 wide (names wrap in it).  A table that cannot
    fit even then keeps its remaining columns."""
    everything = (*rows, footer)
    longest = max(len(line) for r in everything for line in r.label.splitlines() or [""])
    label_width = min(_MIN_LABEL, max(longest, len(label_header)))
    widths = {
        h: max([len(h), *(len(r.values[i]) for r in everything if r.values)])
        for i, h in enumerate(headers)
    }
    shown = list(headers)
    dropping = [h for h in drop_order if h in headers]
    # SIMPLE_HEAD with padding 1 and no edge padding: one space at each end of a line and
    # three between two columns.
    while dropping and 2 + label_width + sum(3 + widths[h] for h in shown) > width:
        shown.remove(dropping.pop(0))
    keep = [i for i, h in enumerate(headers) if h in shown]
    table = Table(
        title=title or None,
        title_justify="left",
        show_footer=True,
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        pad_edge=False,
    )
    table.add_column(
        label_header,
        footer=Text(footer.label, style=footer.style),
        overflow="fold",
        min_width=label_width,
    )
    for i in keep:
        table.add_column(
            headers[i],
            footer=footer.values[i] if footer.values else "",
            justify="right",
            no_wrap=True,
            min_width=widths[headers[i]],
        )
    for r in rows:
        cells = [r.values[i] for i in keep] if r.values else ["–"] * len(keep)
        table.add_row(Text(r.label, style=r.style), *cells)
    return table


def total_label(n: int, noun: str) -> str:
    """The label of a table's total row: ``total, 3 lessons``."""
    return f"total, {n} {noun}" + ("" if n == 1 else "s")
