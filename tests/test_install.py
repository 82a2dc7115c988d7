"""The package as a user installs it: `pip install .` (not editable) into a fresh virtual environment,
then `workforce-outlook` run from a folder that is not the repository. The wheel carries the bundled
data (the top-level data/ as dashboard/_bundled) and the serving settings (dashboard/.streamlit/config.toml).

The virtual environment sees the system's site-packages (`--system-site-packages`) so that Streamlit,
pandas and the rest are not downloaded again; the test checks that `dashboard` itself is the installed
copy, not this checkout."""

import os
import shutil
import site
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from benchmarks.common import free_port, stop, wait_ready
from dashboard.data.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHIPPED = ("pyproject.toml", "README.md", "dashboard", "data")  # what a source distribution needs


def _run(*command, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, (
        f"{' '.join(map(str, command))}: {done.returncode}\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    )
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the source (pyproject.toml, README.md, dashboard/, data/ only)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            src.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--disable-pip-version-check",
        "-q",
        "-w",
        tmp,
        "./src",
        cwd=tmp,
    )
    return next(tmp.glob("workforce_outlook-*.whl"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed: its bin/ folder."""
    where = tmp_path_factory.mktemp("venv") / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", where, cwd=where.parent)
    if (
        sys.prefix != sys.base_prefix
    ):  # run from a virtual environment (.ci/run on Debian's Python): see its packages too
        purelib = _run(
            where / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=where
        )
        Path(purelib.stdout.strip(), "outer-environment.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    _run(where / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel, cwd=where.parent)
    return where / "bin"


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory) -> Path:
    """A working folder with nothing of the project in it."""
    return tmp_path_factory.mktemp("elsewhere")


@pytest.mark.slow
def test_the_wheel_carries_the_data_the_settings_and_the_proxy_config(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {p.name for p in (ROOT / "data").iterdir() if p.is_file()}
    assert {f"dashboard/_bundled/{n}" for n in data} <= names
    assert {f"dashboard/_bundled/{t.path}" for t in TABLES.values() if not t.optional} <= names
    assert {
        "dashboard/.streamlit/config.toml",
        "dashboard/deploy/nginx.conf",
        "dashboard/assets/us-states.geojson",
    } <= names
    assert not any(n.startswith("data/") for n in names)  # nothing lands in site-packages/data


def test_every_package_of_the_source_is_listed_in_pyproject():
    """pyproject.toml lists the packages by hand (to map data/ into the wheel): a new folder of modules must be added."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(d.relative_to(ROOT).parts)
        for d in [ROOT / "dashboard", *(ROOT / "dashboard").rglob("*")]
        if d.is_dir() and "__pycache__" not in d.parts and any(d.glob("*.py"))
    }
    assert found <= listed, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"


@pytest.mark.slow
def test_installed_validate_checks_the_bundled_data_from_any_folder(venv, elsewhere):
    where = _run(venv / "python", "-c", "import dashboard; print(dashboard.__file__)", cwd=elsewhere).stdout
    assert where.startswith(str(venv.parent)), where  # the installed copy, not this checkout
    out = _run(venv / "workforce-outlook", "validate", cwd=elsewhere).stdout
    assert out.strip().endswith("_bundled: valid") and str(venv.parent) in out


@pytest.mark.slow
def test_installed_help_explains_each_command(venv, elsewhere):
    text = _run(venv / "workforce-outlook", "--help", cwd=elsewhere).stdout
    for command in ("serve", "build-data", "validate"):
        assert f"    {command}" in text
    serve = _run(venv / "workforce-outlook", "serve", "--help", cwd=elsewhere).stdout
    assert "(default: 8501)" in serve and "(default: 127.0.0.1" in serve and "_bundled" in serve
    build = _run(venv / "workforce-outlook", "build-data", "--help", cwd=elsewhere).stdout
    assert "https://download.bls.gov/pub/time.series/oe/" in build and "https://www.bls.gov/emp/tables.htm" in build
    assert "(default: data)" in build  # installed: a folder here, never inside site-packages


@pytest.mark.slow
def test_installed_build_data_reads_and_writes_where_it_is_told(venv, elsewhere):
    """From another folder: a missing raw folder is named plainly, and nothing is written anywhere."""
    done = subprocess.run(
        [venv / "workforce-outlook", "build-data", "--oews", "no-such-folder", "--out", "built"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "no-such-folder" in done.stderr and "Traceback" not in done.stderr
    assert not (elsewhere / "built").exists()
    assert not list(venv.parent.glob("lib/python*/site-packages/data"))


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    try:
        wait_ready([url], proc, 90, log)
    except RuntimeError as e:
        pytest.fail(f"serve did not start: {e}")


@pytest.mark.browser
def test_installed_serve_draws_the_profile_with_its_settings(venv, elsewhere):
    from playwright.sync_api import expect, sync_playwright

    port = free_port()
    log = elsewhere / "serve.log"
    env = {k: v for k, v in os.environ.items() if k != "WORKFORCE_DATA_DIR"}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [venv / "workforce-outlook", "serve", "--port", str(port)], cwd=elsewhere, stdout=out, stderr=out, env=env
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{url}/occupation?role=11-3051")
            median = page.locator("[data-testid='stMetric']").filter(has_text="Median annual wage")
            expect(median.locator("[data-testid='stMetricValue']")).to_have_text("$126,060", timeout=30_000)
            page.goto(url)
            page.locator("[data-testid='stSlider']").first.wait_for(timeout=30_000)
            # the accent of config.toml (#0072B2, Okabe-Ito blue) in the page's styles, not Streamlit's red
            accents = page.evaluate(
                """() => { let blue = 0, red = 0;
                  for (const s of document.styleSheets) { let rules; try { rules = s.cssRules } catch (e) { continue }
                    for (const r of rules) { blue += r.cssText.includes('rgb(0, 114, 178)'); red += r.cssText.includes('rgb(255, 75, 75)') } }
                  return [blue, red] }"""
            )
            assert accents[0] > 0 and accents[1] == 0, accents
            assert page.get_by_role("button", name="Deploy").count() == 0  # toolbarMode = "viewer"
            browser.close()
    finally:
        stop(proc)
    assert "Traceback" not in log.read_text()


def test_geometry_script_prints_help_not_a_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.ingest.geometry", "--help"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0 and "states-albers-10m.json" in done.stdout and "us-atlas 3.0.1" in done.stdout
    missing = subprocess.run(
        [sys.executable, "-m", "dashboard.ingest.geometry", "nothing.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "cannot read nothing.json" in missing.stderr
    assert "Traceback" not in done.stderr + missing.stderr
