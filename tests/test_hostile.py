"""Hostile and random links on every page (AppTest): no exception, a clear message, nothing rendered as HTML."""

import re

import pytest
from apptest import app_test
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.web.pages import PAGES as DECLARED
from dashboard.web.params import PARAMS as PARAMS_DECLARED

# markup that would act if it reached the screen unescaped (a backslash before it makes it text)
TAG = re.compile(r"(?<!\\)<\s*/?\s*(script|img|iframe|svg|a|style)\b", re.I)
MARKDOWN = re.compile(  # the payloads below, acting as markup: bold, link, math, autolink, image
    r"(?<!\\)\*\*bold(?<!\\)\*\*|(?<!\\)\[click(?<!\\)\]\(|(?<!\\)\$x(?<!\\)\$|www\.example|(?<!\\)__x(?<!\\)__"
    r"|http://evil|(?<!\\)!(?<!\\)\[\]"
)
PAGES = {p.name: list(p.params) for p in DECLARED}  # every page, with the parameters it reads
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": '"><img src=x onerror=alert(1)>',
    "sql": "11-3051' OR '1'='1; DROP TABLE occupations;--",
    "long": "9" * 10_000,
    "unicode": "生産管理者 🏭 مدير الإنتاج",
    "nonexistent": "99-9999",
    "markdown": "[click](javascript:alert(1)) **bold** $x$",
    "autolink": "www.example.test/login __x__ http://evil.test ![](http://evil.test/i.png)",
    "icon": ":material/warning: :smile: :red[x]",
}
# Streamlit draws ":material/…:" as an icon (replaced in the raw text, before Markdown reads a backslash) and
# ":smile:" as an emoji (after the escapes are read)
ICON = re.compile(r":material/|:[\w+-]+:")


def rendered_text(at) -> list[str]:
    """Every piece of text the page shows, from every element type that carries text."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "warning", "info", "error", "success"):
        out += [str(e.value) for e in getattr(at, kind)]
    out += [m.label + " " + str(m.value) for m in at.metric]
    return out


def run(page: str, params: dict):
    """The page run once with the link's query, unchecked: check_safe examines any exception."""
    at = app_test(page, params)
    at.run()
    return at


def check_safe(at, value: str) -> None:
    assert not at.exception, at.exception
    text = rendered_text(at)
    assert text, "the page shows nothing"
    for t in text:
        assert not TAG.search(t), t  # echoed, never as markup
        assert not MARKDOWN.search(t), t  # no bold, no link
        assert "9" * 61 not in t.replace(",", "")  # a long value is echoed in 60 characters at most
        assert ":material/" not in t and not ICON.search(re.sub(r"\\(.)", r"\1", t)), t  # no icon, no emoji
        assert "Traceback" not in t


CASES = [(page, param, name) for page, params in PAGES.items() for param in params for name in HOSTILE]


@pytest.mark.parametrize("page, param, name", CASES, ids=[f"{p}-{k}-{n}" for p, k, n in CASES])
def test_hostile_value_in_every_parameter(page, param, name):
    at = run(page, {param: HOSTILE[name]})
    check_safe(at, HOSTILE[name])
    if param in ("role", "area", "industry", "measure", "pathway", "wage") and name != "markdown":
        # an unusable value is explained, not silently dropped
        assert at.warning, f"{page}?{param}={name}: no message"


@pytest.mark.parametrize("page", list(PAGES))
def test_repeated_keys_use_one_value(page):
    at = run(page, {"role": ["11-3051", "<script>x</script>"], "area": ["MI", "CA"]})
    check_safe(at, "")


def edges(name: str) -> list[str]:
    """Values at and beyond each end of a numeric parameter's declared range, as a link would carry them."""
    lo, hi = PARAMS_DECLARED[name].bounds
    span = hi - lo
    values = [lo, hi, lo - 1, hi + 1, hi * 2, lo - span, 2e6, 1e300]
    as_link = {
        "growth": lambda v: f"{v:g},{hi:g}",
        "emp_change": lambda v: f"{lo:g},{v:g}",
        "weights": lambda v: f"openings:{v:g},growth:1",
        "min_openings": lambda v: f"{v:.0f}",
    }.get(name, lambda v: f"{v:g}")
    return list(dict.fromkeys(as_link(v) for v in values))


BOUNDED = [
    (page, name, value)
    for page, params in PAGES.items()
    for name in params
    if PARAMS_DECLARED[name].bounds
    for value in edges(name)
]


@pytest.mark.parametrize("page, name, value", BOUNDED, ids=[f"{p}-{n}={v}" for p, n, v in BOUNDED])
def test_numbers_at_and_beyond_each_bound(page, name, value):
    """Every number a link may carry is one its page's widget takes: at an end it is used, beyond one it is
    explained (or the end is used); never "This app has encountered an error"."""
    at = run(page, {name: value})
    check_safe(at, value)
    lo, hi = PARAMS_DECLARED[name].bounds
    widgets = [w for kind in ("number_input", "slider") for w in getattr(at, kind)]
    for w in widgets:
        v = w.value if isinstance(w.value, (tuple, list)) else [w.value]
        assert all(w.proto.min <= x <= w.proto.max for x in v if x is not None), (w.label, w.value)


VALID = {
    "role": ["11-3051", "51-1011", "11-3051,11-1021", "51-2090,51-1011,43-5061,11-3051,11-1021", "27-2011", "29-1215"],
    "area": ["MI", "0600000", "0019820", "0010540", "0000000", "PR"],
    "industry": ["31--34", "336000", "336400", "325400", "000000"],
    "measure": ["annual_median", "employment", "location_quotient", "jobs_per_1000", "hourly_p90"],
    "wage": ["annual", "hourly"],
    "group": ["11-0000", "51-0000"],
    "pathway": ["manufacturing-management", "supply-chain", "continuous-improvement"],
    "present": ["1", "0"],
    "min_openings": ["1000", "-5", "abc"],
    "growth": ["0,10", "10,-5", "x,y"],
    "emp_change": ["-10,20", "50,0", "-100,200", "x,y"],
    "series": ["wage", "employment"],
    "scale": ["absolute", "index"],
    "dollars": ["real", "nominal"],
    "projections": ["11-3051", "51-1011", "99-9999"],
    "weights": ["openings:1,growth:1,wage:1", "openings:2,wage:1", "openings:0,growth:0", "wage:x"],
    "min_wage": ["median", "45000", "$52,000", "-1", "lots"],
    "education": ["entry", "middle-skill", "bachelors", "Bachelor's degree", "below-bachelors", "entry,phd", ","],
    "growth_above": ["0", "-100", "2.5%", "101", "-1e9", "nan", "x"],
    "cip": ["52.0205", "52", "52.02", "14.3501", "520205", "52.0298"],
    "q": ["operations managment", "welding", "52.02", ""],
    "levels": ["20,21,2,3,4", "5,6", "21,99", "abc", ","],
    "shortfall": ["2", "1.5", "20", "0", "x"],
    "sort": ["score", "per_opening", "rank"],
}
junk = st.one_of(
    st.text(max_size=40),
    st.sampled_from(list(HOSTILE.values())),
    st.from_regex(r"\d{2}-\d{4}", fullmatch=True),
)


def params_for(page: str):
    keys = PAGES[page]
    return st.dictionaries(
        st.sampled_from(keys),
        st.one_of(*(st.sampled_from(VALID.get(k, ["1"])) for k in keys), junk),
        max_size=len(keys),
    )


@pytest.mark.parametrize("page", list(PAGES))
def test_random_filter_combinations(page):
    """Random mixes of valid and invalid values: never an exception; an unusable value gets a message."""

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(params_for(page))
    def check(params):
        params = {k: v for k, v in params.items() if "\x00" not in v}
        at = run(page, params)
        check_safe(at, "")
        bad_role = "role" in params and all(
            c.strip() not in ("11-3051", "51-1011", "11-1021", "43-5061", "51-2090", "27-2011", "29-1215")
            for c in params["role"].split(",")
            if c.strip()
        )
        if bad_role and params["role"].strip(", "):
            assert any("occupation" in w.value for w in at.warning), (params, [w.value for w in at.warning])

    check()
