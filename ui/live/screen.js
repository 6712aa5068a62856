// screen.js: tells the server how wide the page's main column is, as a kind ("narrow" below 600 px, else
// "wide"), so the figures the server draws (plotly) can lay themselves out for it: a phone gets a taller
// network picture with its headings on two lines. It speaks only when the kind differs from the one
// the server assumes, so a wide screen costs no extra run; a phone costs one, on its first page.
const NARROW_BELOW = 600;

// On a phone, choosing a page in the sidebar folds the sidebar, as Streamlit does only for a phone's user
// agent (its nav link's click handler checks navigator.userAgent, not the width): a narrow window on any
// device gets the same. "Narrow" is Streamlit's own mobile breakpoint, where its sidebar covers the page
// (window width at most 767.98 px, the theme's "md" 768 px). Folding with Streamlit's own button also stores the
// fold in the browser (localStorage), so it stays folded after a reload. A laptop's or tablet's sidebar is left as it is.
const PHONE_WIDTH = 768;

function fold_sidebar() {
  const sidebar = document.querySelector("[data-testid='stSidebar']");
  if (!sidebar || sidebar.dataset.collapsed !== "false") return;
  const fold = document.querySelector("[data-testid='stSidebarCollapseButton'] button");
  if (fold) fold.click();
}

function fold_after_choice(event) {
  const sidebar = document.querySelector("[data-testid='stSidebar']");
  if (!(window.innerWidth > 0 && window.innerWidth < PHONE_WIDTH) || !sidebar) return;
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || !sidebar.contains(link) || link.target === "_blank") return;
  setTimeout(fold_sidebar, 0);   // after Streamlit's own handler, which has folded it already on a phone's user agent
}

if (!window.__nnFoldAfterChoice) {
  window.__nnFoldAfterChoice = true;
  document.addEventListener("click", fold_after_choice, true);
}

function kind_of(width) {
  return width > 0 && width < NARROW_BELOW ? "narrow" : "wide";
}

export default function ({ data, parentElement, setTriggerValue }) {
  const host = parentElement.host || parentElement;   // the component lives in a shadow root
  const column = host.closest("[data-testid='stMain']") || document.documentElement;
  const tell = () => {
    const kind = kind_of(column.clientWidth);
    if (kind !== data.known && window.__nnScreenSent !== kind) {
      window.__nnScreenSent = kind;
      setTriggerValue("screen", kind);
    }
    if (kind === data.known) window.__nnScreenSent = null;
    window.__nnScreen = { kind, known: data.known };   // agreed when the two are equal (tests wait for that)
  };
  tell();
  // less motion asked for (or no longer): said once, when it differs from what the server assumes
  const motion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
  const tell_motion = () => {
    const wanted = motion && motion.matches ? "reduce" : "full";
    if (wanted !== data.motion && window.__nnMotionSent !== wanted) {
      window.__nnMotionSent = wanted;
      setTriggerValue("motion", wanted);
    }
    if (wanted === data.motion) window.__nnMotionSent = null;
  };
  tell_motion();
  if (motion) motion.addEventListener("change", tell_motion);
  if (data.fold && window.__nnFolded !== data.fold) {   // the presenter layout has started: fold, once per start
    window.__nnFolded = data.fold;
    setTimeout(fold_sidebar, 0);
  }
  let timer = null;
  const observer = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(tell, 200); });
  observer.observe(column);
  return () => { observer.disconnect(); clearTimeout(timer); if (motion) motion.removeEventListener("change", tell_motion); };
}
