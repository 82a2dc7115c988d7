"""Links both ways: every URL parameter formats what it parses, and link() writes the same link for the same view."""

import ast

import pytest

from dashboard.core.codes import NATIONAL
from dashboard.domain import demand, trends
from dashboard.web import params
from dashboard.web.pages import PAGES, VIEWS, page

# A value each parameter can hold (typed, as a View holds it), from the bundled data, and a page that reads it.
SAMPLES = [
    ("role", "occupation", ["11-3051"]),
    ("role", "compare", ["11-3051", "11-1021", "51-1011"]),
    ("role", "pathways", ["51-2090", "51-1011", "43-5061", "11-3051", "11-1021"]),
    ("area", "occupation", "2600000"),  # Michigan
    ("area", "explore", "0019820"),  # Detroit-Warren-Dearborn, MI
    ("industry", "explore", "336000"),
    ("industry", "demand", "31--34"),
    ("wage", "compare", "hourly"),
    ("group", "industry", "51-0000"),
    ("education", "explore", "Bachelor's degree"),
    ("education", "demand", ("middle-skill",)),
    ("education", "demand", ("entry", "middle-skill")),  # the preset "below-bachelors"
    ("education", "demand", ("entry", "bachelors")),
    ("growth_above", "demand", 1.5),
    ("growth_above", "demand", -100.0),
    ("min_openings", "explore", 500),
    ("min_openings", "demand", 100),
    ("growth", "explore", (0.0, 10.0)),
    ("growth", "explore", (-2.5, 60.0)),
    ("emp_change", "explore", (-10.0, 20.0)),
    ("emp_change", "explore", (40.0, 200.0)),
    ("color", "explore", "education"),
    ("measure", "geography", "employment"),
    ("pathway", "pathways", "manufacturing-management"),
    ("level", "occupation", 4),
    ("level", "occupation", 2),
    ("weights", "demand", (2.0, 1.0, 1.0)),
    ("weights", "demand", (1.0, 0.0, 1.0)),
    ("weights", "demand", (0.5, 1.5, 10.0)),
    ("min_wage", "demand", "median"),
    ("min_wage", "demand", 45000.0),
    ("min_wage", "demand", 1_000_000.0),  # the floor box's top
    ("series", "trends", "employment"),
    ("scale", "trends", "index"),
    ("dollars", "trends", "nominal"),
    ("projections", "trends", "51-1011"),
    ("cip", "programs", "52.0205"),
    ("cip", "programs", "52.02"),
    ("cip", "programs", "52"),
    ("q", "programs", "operations management"),
    ("levels", "occupation", (21, 3)),
    ("levels", "occupation", (5,)),
    ("shortfall", "demand", 2.0),  # the default ratio, written: the filter is on
    ("shortfall", "demand", 3.5),
    ("sort", "demand", "per_opening"),
    ("present", "compare", True),
    ("view", "slides", ["/occupation?role=11-3051&area=2600000"]),
]


def test_every_parameter_has_a_sample():
    assert {name for name, _, _ in SAMPLES} == set(params.PARAMS)


@pytest.mark.parametrize(("name", "page_name", "value"), SAMPLES, ids=lambda x: str(x))
def test_round_trip(ds, name, page_name, value):
    p = params.PARAMS[name]
    text = p.text(value)
    assert text is not None, "a value that is not the default is written"
    view = params.parse(ds, {name: text}, page(page_name))
    assert view.problems == []
    assert getattr(view, p.attr) == value
    assert params.query(page_name, view) == {name: text}  # and a View writes it back the same way


@pytest.mark.parametrize("name", list(params.PARAMS))
def test_default_leaves_the_link_short(name):
    p = params.PARAMS[name]
    assert p.text(p.default) is None
    assert p.text(None) is None


def test_defaults_come_from_the_domain():
    view = params.View()
    assert view.weights == demand.DEFAULT_WEIGHTS
    assert (view.series, view.scale, view.dollars) == (trends.SERIES[0], trends.SCALES[0], trends.DOLLARS[0])
    assert params.PARAMS["weights"].format is demand.weights_text


def test_link_is_a_path_with_the_page_parameters_in_its_order():
    assert params.link("occupation", role=["11-3051"], area="2600000") == "/occupation?role=11-3051&area=2600000"
    # the same link whatever order the values come in; defaults left out
    assert params.link("occupation", wage="hourly", area=NATIONAL, role=["11-3051"], level=3) == (
        "/occupation?role=11-3051&wage=hourly"
    )
    assert params.link("compare", role=["11-3051", "51-1011"]) == "/compare?role=11-3051,51-1011"
    assert params.link("demand", area="2600000", weights=(2.0, 1.0, 1.0)) == (
        "/demand?area=2600000&weights=openings%3A2,growth%3A1,wage%3A1"
    )
    assert params.link("explore") == "/explore"
    with pytest.raises(ValueError, match="measure"):
        params.link("occupation", measure="employment")  # /occupation reads no measure


def test_link_from_a_view_reopens_that_view(ds):
    query = {"role": "11-3051,51-1011", "area": "CA", "wage": "hourly", "present": "1", "evil": "x"}
    view = params.parse(ds, query, page("compare"))
    assert params.query("compare", view) == {
        "role": "11-3051,51-1011",
        "area": "0600000",  # canonical: the postal code becomes the OEWS area code
        "wage": "hourly",
        "present": "1",
    }
    assert params.link("occupation", view, role=view.roles[:1], present=False) == (
        "/occupation?role=11-3051&area=0600000&wage=hourly"
    )
    again = params.parse(ds, params.query("compare", view), page("compare"))
    assert (again.roles, again.area, again.wage, again.present) == (view.roles, view.area, view.wage, view.present)


def test_link_from_an_address_keeps_its_order():
    """The presenter link and a brief's link back start from the address bar: undeclared parameters go,
    the order stays, the change goes last."""
    address = {"wage": "hourly", "present": "1", "evil": "x", "role": "11-3051,51-1011"}
    assert params.here("compare", address, present=True) == "?wage=hourly&role=11-3051,51-1011&present=1"
    assert params.here("compare", address, present=False) == "?wage=hourly&role=11-3051,51-1011"
    assert params.here("compare", {}, present=False) == ""


def test_no_view_writes_a_link_by_hand():
    """Links are built by params.query/here/link: no view spells a query string or a query dict."""
    for path in [*VIEWS.rglob("*.py")]:
        source = path.read_text()
        assert "None if area == NATIONAL" not in source, path.name
        assert "?role=" not in source, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.keyword) and node.arg == "query_params":
                assert not isinstance(node.value, ast.Dict), f"{path.name}: a query dict written by hand"


def test_every_page_link_parses_on_its_page(ds):
    """A link to each page with every parameter it reads set to a sample parses back without a problem."""
    for spec in PAGES:
        changes = {}
        for name, page_name, value in SAMPLES:
            if name in spec.params and name not in changes and (page_name == spec.name or name != "education"):
                changes[name] = value
        view = params.parse(ds, params.query(spec.name, **changes), spec)
        assert view.problems == [], (spec.name, view.problems)
