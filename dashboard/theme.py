"""Colours and type shared by the charts on screen and the printed briefs."""

# Okabe–Ito: distinguishable with every common colour-vision deficiency
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
PALETTE_LONG = PALETTE + [
    "#7F7F7F",
    "#8C564B",
    "#17BECF",
    "#9467BD",
    "#BCBD22",
    "#1F77B4",
    "#AEC7E8",
    "#FFBB78",
    "#98DF8A",
    "#FF9896",
    "#C5B0D5",
    "#C49C94",
    "#F7B6D2",
    "#DBDB8D",
    "#9EDAE5",
]
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=14)
