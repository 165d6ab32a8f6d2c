"""The report's figures with matplotlib: the actor × actor matrix, the signed network and the time series.

Net stance runs from −1 (hostile) to +1 (supportive) on one diverging scale (red, white, blue: readable with the
common colour-vision deficiencies). Text is drawn with the bundled DejaVu Sans, which has French accents and
« »; SVG glyphs are paths, so the figures need no font on the reader's side.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

CMAP = "RdBu"
LIMIT = 1.0  # the colour scale spans −1 … +1 whatever the data, so colours compare across reports


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.family": "DejaVu Sans", "svg.fonttype": "path", "svg.hashsalt": "stance"})
    return plt


def colour(net: float) -> str:
    """The hex colour of a net stance on the report's scale (grey when unknown)."""
    if net is None or (isinstance(net, float) and math.isnan(net)):
        return "#dddddd"
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    return to_hex(colormaps[CMAP]((max(-LIMIT, min(LIMIT, net)) + LIMIT) / (2 * LIMIT)))


def save(figure, folder: Path, name: str) -> str:
    """Write ``name.png`` and ``name.svg`` into ``folder``; return the SVG text (for inlining)."""
    figure.savefig(folder / f"{name}.png", dpi=110, bbox_inches="tight")
    figure.savefig(folder / f"{name}.svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(figure)
    text = (folder / f"{name}.svg").read_text(encoding="utf-8")
    return text[text.index("<svg"):]  # without the XML prolog and doctype, to sit inside HTML


def matrix_figure(net: np.ndarray, labels: list[str], title: str, colourbar: str):
    """Sources in rows, targets in columns; empty cells (no pair) left white."""
    plt = _pyplot()
    size = max(4.0, 0.42 * len(labels) + 2.5)
    figure, axes = plt.subplots(figsize=(size + 1.2, size))
    image = axes.imshow(np.ma.masked_invalid(net), cmap=CMAP, vmin=-LIMIT, vmax=LIMIT)
    axes.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=8)
    axes.set_yticks(range(len(labels)), labels, fontsize=8)
    axes.set_xlabel("→ target / cible")
    axes.set_ylabel("source")
    axes.set_title(title)
    figure.colorbar(image, ax=axes, shrink=0.7, label=colourbar)
    return figure


def circle_layout(count: int) -> np.ndarray:
    angles = np.pi / 2 - 2 * np.pi * np.arange(count) / max(count, 1)
    return np.column_stack([np.cos(angles), np.sin(angles)])


def network_figure(labels: list[str], edges: list[tuple[int, int, float, int]], title: str):
    """Actors on a circle; an arrow per dyad from source to target, coloured by net stance, wider with more rows."""
    plt = _pyplot()
    from matplotlib import colormaps
    from matplotlib.patches import FancyArrowPatch

    cmap = colormaps[CMAP]
    figure, axes = plt.subplots(figsize=(8, 8))
    points = circle_layout(len(labels))
    largest = max((n for *_, n in edges), default=1)
    for source, target, net, n in sorted(edges, key=lambda edge: edge[3]):
        arrow = FancyArrowPatch(points[source], points[target], arrowstyle="-|>", mutation_scale=12,
                                connectionstyle="arc3,rad=0.12", shrinkA=9, shrinkB=9,
                                linewidth=0.8 + 3.2 * math.sqrt(n / largest),
                                color=cmap((max(-LIMIT, min(LIMIT, net)) + LIMIT) / (2 * LIMIT)), alpha=0.9)
        axes.add_patch(arrow)
    axes.scatter(points[:, 0], points[:, 1], s=60, color="#333333", zorder=3)
    for (x, y), label in zip(points, labels):
        axes.annotate(label, (x, y), xytext=(x * 1.12, y * 1.12), ha="left" if x > 0.05 else "right" if x < -0.05
                      else "center", va="center", fontsize=8)
    axes.set_xlim(-1.6, 1.6)
    axes.set_ylim(-1.35, 1.35)
    axes.set_aspect("equal")
    axes.axis("off")
    axes.set_title(title)
    return figure


def series_figure(series: list[tuple[str, list]], title: str, ylabel: str):
    """One panel per dyad: net stance per period (points and line) with its interval as a band."""
    plt = _pyplot()
    count = max(len(series), 1)
    figure, panels = plt.subplots(count, 1, figsize=(8, 2.1 * count + 0.6), sharex=True, squeeze=False)
    for axes, (label, points) in zip(panels[:, 0], series):
        when = np.array([p[0] for p in points], dtype="datetime64[D]")
        net, low, high = (np.array([p[i] for p in points], dtype=float) for i in (1, 2, 3))
        axes.axhline(0, color="#999999", linewidth=0.8)
        axes.fill_between(when, low, high, color="#4a78a8", alpha=0.25, linewidth=0, label="95 %")
        axes.plot(when, net, marker="o", color="#1f4e79", linewidth=1.4)
        axes.set_ylim(-1.05, 1.05)
        axes.set_ylabel(ylabel, fontsize=8)
        axes.set_title(label, fontsize=9, loc="left")
    if not series:
        panels[0, 0].text(0.5, 0.5, "—", ha="center", va="center")
    figure.suptitle(title)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
