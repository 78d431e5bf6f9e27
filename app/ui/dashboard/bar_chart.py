"""A grouped bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials).

One group of bars per category (a month), one bar per series (revenue, expenses), side by side.
Values stay ``Decimal``: they become pixels only when drawn, never a float amount. The chart
follows the widget's layout direction (in Arabic the first month is on the right and the value
axis too), takes its colours from the palette, and shows a group's exact amounts in a tooltip,
on hover or when stepping through the groups with the arrow keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    color: QColor
    values: tuple[Decimal | None, ...]
    """One value per category; ``None`` where there is nothing yet (a month still to come)."""


def nice_scale(low: Decimal, high: Decimal, ticks: int) -> tuple[Decimal, Decimal, Decimal]:
    """An axis from ``low`` to ``high`` (zero included) in round steps: (bottom, top, step).

    About ``ticks`` intervals of 1, 2, 2.5 or 5 times a power of ten, as people draw axes.
    """
    low, high = min(low, Decimal(0)), max(high, Decimal(0))
    if high == low:
        high = low + 1
    raw = (high - low) / max(ticks, 1)
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(f * magnitude for f in _STEPS if f * magnitude >= raw)
    bottom = (low / step).to_integral_value(ROUND_FLOOR) * step
    top = (high / step).to_integral_value(ROUND_CEILING) * step
    return bottom, top, step


class BarChart(QWidget):
    """Grouped bars with a value axis, category labels, a legend and tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.amount: Callable[[Decimal], str] = str
        self.tick: Callable[[Decimal], str] = str
        self.empty_text = ""
        self.hovered: int | None = None
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self, labels: Sequence[str], series: Sequence[Series], *,
        amount: Callable[[Decimal], str], tick: Callable[[Decimal], str], empty_text: str = "",
    ) -> None:
        """Show new figures: ``amount`` formats a tooltip value, ``tick`` an axis label."""
        if any(len(s.values) != len(labels) for s in series):
            raise ValueError("each series needs one value per label")
        self.labels, self.series = tuple(labels), tuple(series)
        self.amount, self.tick, self.empty_text = amount, tick, empty_text
        self.hovered = None
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(720, 300)

    def minimumSizeHint(self) -> QSize:
        line = round(QFontMetricsF(self.font()).height())
        return QSize(line * 20, line * 10)

    # --- geometry -------------------------------------------------------------------------

    def _values(self) -> list[Decimal]:
        return [v for s in self.series for v in s.values if v is not None]

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _scale(self, plot_height: float) -> tuple[Decimal, Decimal, Decimal]:
        values = self._values() or [Decimal(0)]
        ticks = max(2, min(6, int(plot_height // (self._metrics().height() * 2.5))))
        return nice_scale(min(values), max(values), ticks)

    def _frame(self) -> tuple[QRectF, float]:
        """The plot area in left-to-right coordinates, and the legend's baseline height."""
        fm = self._metrics()
        pad = fm.height() * 0.6
        legend = fm.height() * 1.2
        top = pad + legend + pad
        bottom = self.height() - pad - fm.height() * 1.4
        bottom_value, top_value, step = self._scale(bottom - top)
        axis = max(fm.horizontalAdvance(self.tick(v)) for v in self._ticks(bottom_value,
                                                                           top_value, step))
        left = pad + axis + pad
        return QRectF(left, top, max(self.width() - pad - left, 1.0), max(bottom - top, 1.0)), pad

    @staticmethod
    def _ticks(bottom: Decimal, top: Decimal, step: Decimal) -> list[Decimal]:
        count = int((top - bottom) / step)
        return [bottom + step * i for i in range(count + 1)]

    def _mirror(self, rect: QRectF) -> QRectF:
        """``rect`` placed for the layout direction: right-to-left flips it across the widget."""
        if self.layoutDirection() == Qt.LayoutDirection.LeftToRight:
            return rect
        return QRectF(self.width() - rect.x() - rect.width(), rect.y(), rect.width(),
                      rect.height())

    def _group_rect(self, plot: QRectF, index: int) -> QRectF:
        width = plot.width() / max(len(self.labels), 1)
        return QRectF(plot.left() + index * width, plot.top(), width, plot.height())

    def group_at(self, pos: QPoint | QPointF) -> int | None:
        """The category under a point of the widget, if any."""
        plot, _pad = self._frame()
        for index in range(len(self.labels)):
            band = self._mirror(self._group_rect(plot, index))
            if band.left() <= pos.x() < band.right() and plot.top() <= pos.y() <= plot.bottom():
                return index
        return None

    def tooltip_text(self, index: int) -> str:
        """The category and each series' exact amount."""
        rows = [f"<b>{self.labels[index]}</b>"]
        for series in self.series:
            value = series.values[index]
            if value is not None:
                rows.append(f"{series.name}: {self.amount(value)}")
        return "<br>".join(rows)

    # --- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot, pad = self._frame()
        scale = self._scale(plot.height())
        self._paint_legend(painter, pad)
        self._paint_grid(painter, plot, scale)
        if not self._values() or not any(self._values()):
            self._paint_empty(painter, plot)
        else:
            self._paint_bars(painter, plot, scale)
        self._paint_labels(painter, plot)
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 1,
                                Qt.PenStyle.DotLine))
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def _muted(self) -> QColor:
        pal = self.palette()
        text, base = pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base)
        return blend(text, base, 0.55)

    def _y(self, plot: QRectF, scale: tuple[Decimal, Decimal, Decimal], value: Decimal) -> float:
        bottom, top, _step = scale
        share = (value - bottom) / (top - bottom)
        return plot.bottom() - float(share) * plot.height()

    def _paint_legend(self, painter: QPainter, pad: float) -> None:
        fm = self._metrics()
        x, box = pad, fm.ascent() * 0.75
        for series in self.series:
            width = box + fm.height() * 0.4 + fm.horizontalAdvance(series.name)
            area = self._mirror(QRectF(x, pad, width, fm.height()))
            swatch = QRectF(area.left() if self._ltr() else area.right() - box,
                            pad + (fm.height() - box) / 2, box, box)
            painter.fillRect(swatch, series.color)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(area, self._align(Qt.AlignmentFlag.AlignRight), series.name)
            x += width + fm.height() * 1.2

    def _paint_grid(self, painter: QPainter, plot: QRectF,
                    scale: tuple[Decimal, Decimal, Decimal]) -> None:
        fm, muted = self._metrics(), self._muted()
        grid = QColor(muted)
        grid.setAlphaF(0.25)
        for value in self._ticks(*scale):
            y = round(self._y(plot, scale, value)) + 0.5
            painter.setPen(QPen(muted if value == 0 else grid, 1))
            line = self._mirror(QRectF(plot.left(), y, plot.width(), 0))
            painter.drawLine(QPointF(line.left(), y), QPointF(line.right(), y))
            label = self._mirror(QRectF(0, y - fm.height() / 2, plot.left() - fm.height() * 0.4,
                                        fm.height()))
            painter.setPen(muted)
            painter.drawText(label, self._align(Qt.AlignmentFlag.AlignRight), self.tick(value))

    def _paint_bars(self, painter: QPainter, plot: QRectF,
                    scale: tuple[Decimal, Decimal, Decimal]) -> None:
        zero = self._y(plot, scale, Decimal(0))
        for index in range(len(self.labels)):
            group = self._group_rect(plot, index)
            if index == self.hovered:
                band = self.palette().color(QPalette.ColorRole.Highlight)
                band.setAlphaF(0.12)
                painter.fillRect(self._mirror(group), band)
            inner = group.width() * 0.7
            bar = inner / max(len(self.series), 1)
            for position, series in enumerate(self.series):
                value = series.values[index]
                if value is None or value == 0:
                    continue
                y = self._y(plot, scale, value)
                x = group.left() + (group.width() - inner) / 2 + position * bar
                rect = QRectF(x + bar * 0.06, min(y, zero), bar * 0.88, abs(zero - y))
                painter.fillRect(self._mirror(rect), series.color)

    def _paint_labels(self, painter: QPainter, plot: QRectF) -> None:
        fm = self._metrics()
        widest = max((fm.horizontalAdvance(t) for t in self.labels), default=0.0)
        width = plot.width() / max(len(self.labels), 1)
        every = 1
        while widest + fm.height() * 0.5 > width * every and every < len(self.labels):
            every += 1
        painter.setPen(self._muted())
        for index in range(0, len(self.labels), every):
            group = self._group_rect(plot, index)
            area = QRectF(group.left() - width, plot.bottom() + fm.height() * 0.3, width * 3,
                          fm.height())
            painter.drawText(self._mirror(area), Qt.AlignmentFlag.AlignHCenter,
                             self.labels[index])

    def _paint_empty(self, painter: QPainter, plot: QRectF) -> None:
        painter.setPen(self._muted())
        painter.drawText(self._mirror(plot), Qt.AlignmentFlag.AlignCenter, self.empty_text)

    def _ltr(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.LeftToRight

    def _align(self, ltr: Qt.AlignmentFlag) -> Qt.AlignmentFlag:
        """An alignment given for left-to-right, mirrored for right-to-left, never re-mirrored."""
        if not self._ltr():
            ltr = {Qt.AlignmentFlag.AlignRight: Qt.AlignmentFlag.AlignLeft,
                   Qt.AlignmentFlag.AlignLeft: Qt.AlignmentFlag.AlignRight}[ltr]
        return ltr | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter

    # --- interaction ----------------------------------------------------------------------

    def _hover(self, index: int | None, at: QPoint) -> None:
        if index != self.hovered:
            self.hovered = index
            self.update()
        if index is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(at, self.tooltip_text(index), self)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._hover(self.group_at(event.position()), event.globalPosition().toPoint())

    def leaveEvent(self, event: object) -> None:
        self._hover(None, QPoint())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._hover(None, QPoint())
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Left and right step through the groups as they appear on screen."""
        step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}.get(Qt.Key(event.key()))
        if step is None or not self.labels:
            super().keyPressEvent(event)
            return
        if not self._ltr():
            step = -step
        current = self.hovered if self.hovered is not None else (-1 if step > 0 else
                                                                 len(self.labels))
        index = min(max(current + step, 0), len(self.labels) - 1)
        plot, _pad = self._frame()
        centre = self._mirror(self._group_rect(plot, index)).center().toPoint()
        self._hover(index, self.mapToGlobal(centre))


def blend(a: QColor, b: QColor, share: float) -> QColor:
    """``share`` of ``a`` over ``b``: a colour between two of the palette's."""
    return QColor.fromRgbF(*(share * x + (1 - share) * y for x, y in
                             zip(a.getRgbF()[:3], b.getRgbF()[:3], strict=True)))
