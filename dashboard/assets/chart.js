// The dashboard's chart element (dashboard/web/chart.py): one plotly chart that stays on the page across reruns.
//
// Streamlit's own chart element mounts a changed figure as a new element and draws it twice; this one keeps its
// plot and hands plotly each new figure in place (Plotly.react), once, after the frame that paints the text of the
// same run, so the figures above and beside a chart are on screen before the chart's draw begins. A figure equal to
// the one drawn is not drawn again, and a chart out of view is drawn when it comes into view (or the page is
// printed). What Streamlit's element gave is kept: the accessible name (role "figure"),
// the PNG button and a full-screen view (plotly's toolbar, shown on hover or focus), and clicks on points (a
// one-run event, as Streamlit's on_select="rerun").

const VERSION = "__PLOTLY_VERSION__"; // the plotly package's, written in by dashboard/web/chart.py
let loading = null; // plotly.js, loaded once a page, from the plotly package's own copy (served by the app)

function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!loading) {
    window.PlotlyConfig = { MathJaxConfig: "local" }; // no formulas here: plotly need not look for MathJax
    loading = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      // beside Streamlit's own code (<base>/static/js/index.….js), whatever the page's address or the base path
      const own = document.querySelector('script[src*="/static/js/index."]');
      const base = own ? new URL("../../", own.src) : new URL(".", document.baseURI);
      // the version in the address lets a browser keep the file for good (chart.install_route serves it so)
      s.src = new URL(`component/dashboard.web.chart.plotlyjs/plotly.min.js?v=${VERSION}`, base).href;
      s.onload = () => (window.Plotly ? resolve(window.Plotly) : s.onerror());
      s.onerror = () => {
        loading = null;
        reject(new Error("plotly.js did not load"));
      };
      document.head.appendChild(s);
    });
  }
  return loading;
}

const text = (data) => (typeof data === "string" ? data : new TextDecoder().decode(data));

// the full-screen view, a button of plotly's toolbar beside the PNG one (a <button>, reached with Tab)
const FULL_SCREEN = {
  name: "fullscreen",
  title: "Full screen (Esc leaves it)",
  icon: {
    width: 1000,
    height: 1000,
    path: "M0 0h380v110H110v270H0zM620 0h380v380H890V110H620zM0 620h110v270h270v110H0zM890 620h110v380H620V890h270z",
  },
  click: (gd) => {
    const box = gd.closest(".wo-chart");
    if (document.fullscreenElement === box) document.exitFullscreen();
    else box.requestFullscreen?.();
  },
};

function build(parent) {
  const box = document.createElement("div");
  box.className = "wo-chart";
  box.setAttribute("role", "figure");
  const plot = document.createElement("div");
  plot.className = "wo-plot";
  box.append(plot);
  parent.appendChild(box);
  box.addEventListener("fullscreenchange", () => {
    if (!box.drawn || !window.Plotly) return;
    const on = document.fullscreenElement === box;
    window.Plotly.relayout(plot, { width: plot.clientWidth, height: on ? window.innerHeight : box.height });
  });
  // the column's width changes without the window's (the sidebar opened or closed): plotly sizes to its box
  box.observer = new ResizeObserver(() => {
    if (box.drawn && window.Plotly && plot.clientWidth && plot.clientWidth !== box.width) {
      box.width = plot.clientWidth;
      window.Plotly.relayout(plot, { width: box.width });
    }
  });
  box.observer.observe(plot);
  return box;
}

// called when the chart leaves the page (Streamlit may also call it while the chart is still on it, when a figure
// arrived before the element's code had loaded: then it does nothing)
function cleanup(box) {
  if (box.isConnected) return;
  box.observer.disconnect();
  box.seen.unobserve(box);
  window.Plotly?.purge(box.querySelector(".wo-plot"));
}

// Charts are drawn when they come into view (or when the page is printed), not before: a change that updates a
// chart below the fold costs the browser nothing until the visitor scrolls to it, and the page's text is not held
// back by draws nobody sees. The chart's height is held meanwhile, so nothing moves when it draws.
// The observer's root is the element that scrolls (Streamlit's main column, not the window): a margin applies to
// its root only, and a chart within half a screen of the view is drawn before it arrives.
const observers = new Map(); // scrolling element (or null: the window) -> its observer
function observer(box) {
  const root = box.closest('[data-testid="stMain"]');
  if (!observers.has(root)) {
    const seen = (entries) => {
      for (const e of entries) {
        e.target.inView = e.isIntersecting;
        if (e.isIntersecting) schedule(e.target);
      }
    };
    observers.set(root, new IntersectionObserver(seen, { root, rootMargin: "50% 0px" }));
  }
  return observers.get(root);
}
window.addEventListener("beforeprint", () => {
  document.querySelectorAll(".wo-chart").forEach((box) => box.next !== box.drawn && draw(box));
});

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let box = parentElement.querySelector(":scope > .wo-chart");
  if (!box) {
    box = build(parentElement);
    box.seen = observer(box);
    box.seen.observe(box); // its first report (in view or not) comes after this frame's layout
    // loaded with the first chart, after the frame that paints its text, even out of view: printing draws at once
    requestAnimationFrame(() => setTimeout(() => plotly().catch(() => {})));
  }
  const next = text(data);
  if (next !== box.next) {
    box.next = next;
    try {
      box.spec = JSON.parse(next);
      box.setAttribute("aria-label", box.spec.alt); // named before it is drawn
      box.style.minHeight = `${box.spec.fig.layout.height || 450}px`; // and as tall as it will be (plotly: 450)
    } catch {
      box.spec = null; // drawn as a failure (drawWith)
    }
  }
  box.select = setTriggerValue;
  if (box.inView) schedule(box);
  return () => cleanup(box);
}

// after the frame that paints what this run changed around the chart
function schedule(box) {
  if (box.waiting || box.next === box.drawn) return;
  box.waiting = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      box.waiting = false;
      if (box.inView) draw(box);
    }),
  );
}

function draw(box) {
  // plotly.js already loaded (always once a chart is on screen): drawn now, within the caller's task, so that
  // printing (beforeprint) has it before the page is laid out for paper
  if (window.Plotly) return drawWith(window.Plotly, box);
  return plotly().then((Plotly) => drawWith(Plotly, box), () => failed(box));
}

function failed(box) {
  box.drawn = undefined; // the next figure tries again
  const plot = box.querySelector(".wo-plot");
  window.Plotly?.purge(plot);
  plot.textContent = "The chart could not be drawn; its data is in the table below it.";
}

function drawWith(Plotly, box) {
  if (box.next === box.drawn || !box.isConnected) return; // unchanged, or the chart has left the page
  try {
    const spec = box.spec;
    const plot = box.querySelector(".wo-plot");
    box.height = spec.fig.layout.height;
    // plotly draws 700 px wide unless told: the chart is as wide as its column, as Streamlit's was
    const layout = { ...spec.fig.layout, width: plot.clientWidth || undefined };
    // a chart whose points are clicked pans when dragged, as Streamlit's element set it (zoom hid the click)
    if (spec.selectable && layout.dragmode === undefined) layout.dragmode = "pan";
    if (document.fullscreenElement === box) layout.height = window.innerHeight;
    const first = !box.drawn;
    if (!plot.classList.contains("js-plotly-plot")) plot.textContent = ""; // an earlier failure's message
    box.drawn = box.next;
    // full screen where the browser has it for an element (not iPhone Safari): no button that does nothing
    const buttons = [...spec.config.modeBarButtons[0], ...(document.fullscreenEnabled ? [FULL_SCREEN] : [])];
    const config = { ...spec.config, modeBarButtons: [buttons] };
    return Plotly.react(plot, spec.fig.data, layout, config).then(() => {
      box.width = plot.clientWidth;
      if (first && spec.selectable) {
        plot.on("plotly_click", (ev) => {
          const points = (ev.points || []).map((p) => ({
            curve_number: p.curveNumber,
            point_index: p.pointIndex,
            customdata: p.customdata,
          }));
          box.select("select", { points });
        });
      }
    }, () => failed(box));
  } catch {
    failed(box);
  }
}
