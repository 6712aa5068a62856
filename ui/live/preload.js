// preload.js: import Streamlit's Plotly module (data.chunk, beside Streamlit's own index.*.js) once per tab,
// after the page has finished its run and drawn, when the browser is idle. Streamlit's own lazy import of
// the same address then finds the module already run. window.__nnPreload resolves when it is done.
export default function ({ data }) {
  if (window.__nnPreload) return;
  const main = document.querySelector("script[src*='/static/js/index.']");
  if (!main) return;
  const url = new URL(data.chunk, main.src).href;
  window.__nnPreload = new Promise((done) => {
    const idle = window.requestIdleCallback || ((job) => setTimeout(job, 50));
    const settled = () => {
      const app = document.querySelector("[data-testid='stApp']");
      return app && app.dataset.testScriptState === "notRunning" && !document.querySelector("[data-stale='true']");
    };
    const load = () => import(url).then(() => done(true), () => done(false));
    const wait = () => (settled() ? idle(load, { timeout: 3000 }) : setTimeout(wait, 250));
    setTimeout(wait, 250);
  });
}
