"""The charts' colours: text at 4.5:1 or more against the background, marks at 3:1 or more, and series colours
from the Okabe-Ito set (told apart with every common colour-vision deficiency), darkened where needed to keep 3:1.
Colour is never the only cue: series also differ in dash and marker, and are labelled directly."""

from __future__ import annotations

BACKGROUND = "#ffffff"
TEXT = "#1a1a1a"
MUTED = "#4a4a4a"  # axis labels and notes: still 8.9:1
GRID = "#c4c4c4"  # gridlines are not marks: they only help the eye
AXIS = "#595959"
REFERENCE = "#1a1a1a"  # the Dordrecht average: dark and dashed

# Blue, vermillion, bluish green, reddish purple (Okabe & Ito 2008), darkened to 3:1 on white.
SERIES = ("#0072b2", "#c24e00", "#007a5c", "#a8507f")
INTERVAL = "#5b8db8"  # the whisker of a confidence interval, lighter than its dot yet 3:1 on white


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
