"""The palette's promises: contrast on white, distinct group styles, readable labels on every fill."""

from plotly.colors import sample_colorscale

from dashboard.present import charts
from dashboard.present.theme import GROUP_STYLES, PALETTE, contrast, ink_on, on_white


def test_every_palette_colour_stands_out_on_white():
    assert all(contrast(c) >= 4.5 for c in PALETTE), [(c, round(contrast(c), 2)) for c in PALETTE]
    assert all(contrast(on_white(c, 0.85)) >= 3 for c in PALETTE)  # the bubbles' opacity


def test_22_groups_get_distinct_styles():
    assert len(set(GROUP_STYLES[:22])) == 22


def test_labels_read_on_every_map_class_and_bar():
    scale = sample_colorscale(
        charts.MAP_SCALE, [charts.MAP_SCALE_FROM + i / 10 * (1 - charts.MAP_SCALE_FROM) for i in range(11)]
    )
    fills = ["#" + "".join(f"{round(float(v)):02X}" for v in c[4:-1].split(",")) for c in scale]
    assert contrast(fills[0]) >= 3  # the lightest map class still 3:1 on white
    for fill in fills + PALETTE:
        assert contrast(ink_on(fill), fill) >= 4.5, fill
