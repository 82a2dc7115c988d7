"""O*NET's skills and knowledge drawn: the importance-and-level chart, and the brief's section with its attribution."""

from __future__ import annotations

import pandas as pd

from dashboard.core.safe import cut
from dashboard.data.dataset import Dataset
from dashboard.domain.derived import per_argument
from dashboard.domain.onet import ATTRIBUTION, SCALES, content
from dashboard.present.figure import Figure
from dashboard.present.theme import FONT, INK, MUTED, PALETTE


def elements_chart(df: pd.DataFrame, what: str) -> Figure:
    """Two panels a class can read: how important each element is (1–5) and the level it requires (0–7).

    Two x axes side by side on one shared category axis, laid out as make_subplots would (it took ~22 ms)."""
    labels = [cut(e, 60) for e in df["element"]]
    fig = Figure()
    panels = (("importance", PALETTE[0], [0.0, 0.48]), ("level", PALETTE[1], [0.52, 1.0]))
    titles = ("Importance\n(1 = not, 5 = extremely)", "Level required\n(0 to 7)")  # fits a phone
    for col, ((name, colour, domain), title) in enumerate(zip(panels, titles, strict=True), start=1):
        values = df[name]
        text = [f"{v:.1f}" if pd.notna(v) else "not shown" for v in values]
        x, y = ("x", "y") if col == 1 else (f"x{col}", f"y{col}")
        fig.add_bar(
            x=values.fillna(0),
            y=labels,
            orientation="h",
            marker_color=colour,
            text=text,
            textposition="outside",
            name=name.capitalize(),
            hovertemplate="%{y}: " + name + " %{text}<extra></extra>",
            showlegend=False,
            xaxis=x,
            yaxis=y,
        )
        lo, hi = SCALES[name]
        fig.update_layout(
            {
                f"xaxis{'' if col == 1 else col}": dict(
                    anchor=y, domain=domain, range=[0, hi + 0.9], tick0=0, dtick=1, tickfont_color=MUTED
                ),
                f"yaxis{'' if col == 1 else col}": dict(anchor=x, domain=[0.0, 1.0])
                | ({} if col == 1 else dict(matches="y", showticklabels=False)),
            }
        )
        fig.add_annotation(
            text=title, showarrow=False, x=sum(domain) / 2, xanchor="center", xref="paper",
            y=1.0, yanchor="bottom", yref="paper", font=dict(size=13, color=INK),
        )  # fmt: skip
    fig.update_yaxes(autorange="reversed", tickfont_color=INK, automargin=True)
    fig.update_layout(
        font=FONT,
        height=max(260, 34 * len(df) + 90),
        margin=dict(l=10, r=30, t=50, b=10),
        meta={"name": f"{what}: importance and level required"},
        bargap=0.25,
    )
    fig.update_traces(cliponaxis=False, outsidetextfont_color=INK)
    return fig


@per_argument(256)
def _elements_of(ds: Dataset, soc: str, what: str) -> Figure:
    c = content(ds, soc)
    return elements_chart(c.skills if what == "skills" else c.knowledge, what)


def elements_of(ds: Dataset, soc: str, what: str) -> Figure:
    """elements_chart of the occupation's skills or knowledge (`what`), built once per occupation; a fresh copy
    for the page to title."""
    return _elements_of(ds, soc, what).copy()


# --- the printable brief ------------------------------------------------------------------------------


def brief_html(ds: Dataset, soc: str, skills: int = 5, tasks: int = 3) -> str:
    """'What they do' and the top skills for the occupation brief (escaped HTML), with O*NET's attribution;
    empty when O*NET does not describe the occupation."""
    from html import escape

    c = content(ds, soc)
    if not c.code:
        return ""
    out = ["<section><h2>What they do</h2>"]
    if c.description:
        out.append(f"<p>{escape(c.description)}</p>")
    if len(c.tasks):
        core = list(c.core_tasks["task"])
        out.append("<ol>" + "".join(f"<li>{escape(t)}</li>" for t in core[:tasks]) + "</ol>")
        if len(c.tasks) > tasks:  # a handout has room for a few; the profile lists them all
            out.append(
                f'<p class="note">{tasks} of the {len(c.tasks)} tasks O*NET lists (core tasks, in its order); all on the profile.</p>'
            )
    out.append("</section>")
    top = c.skills.head(skills)
    if len(top) or c.job_zone:
        out.append("<section><h2>What it takes</h2>")
        if c.job_zone:
            out.append(f"<p><b>Preparation:</b> {escape(c.job_zone)}</p>")
        if len(top):
            out.append(
                # rows flow onto the next page under their repeated headings (brief.CSS table.rows): kept whole,
                # the table left a sixth of page one blank and pushed a state's handout onto a third page
                '<table class="rows"><thead><tr><th>Skill</th><th>Importance (1–5)</th><th>Level required (0–7)</th>'
                "</tr></thead><tbody>"
                + "".join(
                    f"<tr><td>{escape(e)}</td><td>{i:.2f}</td><td>{'not shown' if pd.isna(lv) else f'{lv:.2f}'}</td></tr>"
                    for e, i, lv in zip(top["element"], top["importance"], top["level"], strict=True)
                )
                + "</tbody></table>"
            )
        out.append("</section>")
    out.append(f'<p class="cite">{escape(ATTRIBUTION)}</p>')
    return "".join(out)
