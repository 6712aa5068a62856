// preload.js: import Streamlit's Plotly module (data.chunk, beside Streamlit's own index.*.js) once per tab,
// a second after the page has finished its run and drawn, when the browser is idle (a person is reading).
// Streamlit's own lazy import of the same address then finds the module already run.
// window.__nnPreload resolves when it is done.
export default function ({ data }) {
  if (window.__nnPreload) return;
  const main = document.querySelector("script[src*='/static/js/index.']");
  if (!main) return;
  const url = new URL(data.chunk, main.src).href;
  window.__nnPreload = new Promise((done) => {
    const idle = window.requestIdleCallback || ((job) => setTimeout(job, 50));
    // the page has run and drawn: no stale or loading part, every component rendered
    const settled = () => {
      const app = document.querySelector("[data-testid='stApp']");
      if (!app || app.dataset.testScriptState !== "notRunning") return false;
      if (document.querySelector("[data-stale='true'], [data-testid='stSkeleton']")) return false;
      return [...document.querySelectorAll("[data-testid^='stBidiComponent']")].every(
        (host) => (host.shadowRoot || host).firstElementChild);
    };
    const load = () => import(url).then(() => done(true), () => done(false));
    let quiet = 0;   // checks in a row that found the page settled: a second of it, then the first idle moment
    const wait = () => {
      quiet = settled() ? quiet + 1 : 0;
      if (quiet >= 4) idle(load, { timeout: 3000 });
      else setTimeout(wait, 250);
    };
    setTimeout(wait, 250);
  });
}
