"""Colours and type shared by the charts on screen and the printed briefs."""

# Okabe–Ito's eight hues (distinguishable with every common colour-vision deficiency), each darkened
# until it reaches at least 4.5:1 on white (3.5:1 still at the 0.85 opacity of the bubbles), so a bar,
# a bubble or a legend swatch stands out from the page (WCAG 1.4.11 asks 3:1) and white text on it is
# readable: orange E69F00 -> B35F00, bluish green 009E73 -> 007F5F, reddish purple CC79A7 -> A8508A,
# vermilion D55E00 -> C2410C, yellow F0E442 -> 7A6A00 (olive); sky blue 56B4E9 darkened is the same as
# the first blue, so Paul Tol's indigo 332288 takes its place. Order kept: [0] blue, [1] orange,
# [2] green, [5] vermilion mean the same thing as before.
PALETTE = ["#0072B2", "#B35F00", "#007F5F", "#A8508A", "#332288", "#C2410C", "#7A6A00", "#000000"]

# Trend lines, up to six (Compare and Trends take six occupations): no Okabe–Ito hue darkened to 4.5:1 keeps six
# apart for a deuteranope on a washed-out projector (orange B35F00 and vermilion C2410C fell 0.9 ΔE' apart), so
# lines get their own six, spread in lightness as well as hue: each at least 10 ΔE' (CAM02-UCS) from every other
# for normal, deuteranopic, protanopic and tritanopic vision, on a screen and on a projector (tests/test_colours.py).
# Lines carry no text, so 3:1 on white (WCAG 1.4.11) is their bar; the first two are PALETTE's blue and orange.
LINES = ["#0072B2", "#B35F00", "#7800FF", "#690000", "#000069", "#877887"]

# No set of 22 colours stays distinguishable for colour-blind readers (Kelly's 22 colours filtered for
# 3:1 on white keep 12, several of them alike in deuteranopia; Glasbey's sets are not designed for it), so the 22
# SOC major groups are told apart by colour AND marker shape: the eight hues above times three shapes
# give 24 styles. Group i (in the fixed SOC order) always gets PALETTE[i % 8] and SYMBOLS[i // 8].
SYMBOLS = ["circle", "square", "diamond"]
GROUP_STYLES = [(colour, symbol) for symbol in SYMBOLS for colour in PALETTE]
PALETTE_LONG = [colour for colour, _ in GROUP_STYLES]  # the colour of each of the 24 styles

INK = "#2F2D2B"  # body text, as Streamlit's own (13.7:1 on white)
MUTED = "#595959"  # ticks, captions, source lines (7.0:1 on white; Streamlit's default grey is 3.7–3.9:1)
FAINT_FILL = "#BFD7EA"  # a light band (10th–90th percentile): always drawn with a PALETTE[0] outline
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14, color=INK)


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = "#FFFFFF") -> float:
    """WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def on_white(colour: str, opacity: float = 1.0) -> str:
    """The colour a fill of `colour` at `opacity` shows on a white page."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(opacity * c + (1 - opacity) * 255):02X}" for c in channels)


def ink_on(fill: str, opacity: float = 1.0) -> str:
    """White or black, whichever reads better on `fill` (either reaches at least 4.58:1)."""
    shown = on_white(fill, opacity)
    return "#FFFFFF" if contrast("#FFFFFF", shown) >= contrast("#000000", shown) else "#000000"
