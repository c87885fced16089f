"""A bar chart of a report table's first numeric column, by the row's label (QtCharts)."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from counter.i18n import _
from counter.statistics.rules.shaping import Table

#: more bars than this and the chart shows the first ones only
MAX_BARS = 40


def chart_column(table: Table) -> int | None:
    """The first column holding numbers (not shares), or None when there is none."""
    for k in range(len(table.columns)):
        values = [r[k] for r in table.rows]
        if k not in table.rates and values and all(isinstance(v, int) for v in values):
            return k
    return None


def _label(table: Table, row: tuple[object, ...], column: int) -> str:
    parts = [str(v) for k, v in enumerate(row[:column]) if isinstance(v, str) and v]
    return " ".join(parts) or str(row[0])


def chart_view(table: Table, parent: QWidget | None = None) -> QChartView | None:
    column = chart_column(table)
    if column is None:
        return None
    rows = [r for r in table.rows if r and r[0] != _("合计")][:MAX_BARS]
    bars = QBarSet(table.columns[column])
    values = [float(r[column] or 0) for r in rows]
    money = column in table.money
    for v in values:
        bars.append(v / 100 if money else v)
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle(table.title)
    axis_x = QBarCategoryAxis()
    axis_x.append([_label(table, r, column) for r in rows])
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    axis_y.setMin(0)
    if money:
        axis_y.setLabelFormat("%.2f")
    else:  # counts: whole numbers on whole ticks
        axis_y.setLabelFormat("%d")
        axis_y.setMax(max(1.0, max(values, default=0.0)))
        axis_y.applyNiceNumbers()
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    chart.legend().setVisible(False)
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view
