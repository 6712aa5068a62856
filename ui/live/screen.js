// screen.js: tells the server how wide the page's main column is, as a kind ("narrow" below 600 px, else
// "wide"), so the figures the server draws (plotly) can lay themselves out for it: a phone gets a taller
// network picture with its headings on two lines. It speaks only when the kind differs from the one
// the server assumes, so a wide screen costs no extra run; a phone costs one, on its first page.
const NARROW_BELOW = 600;

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
  let timer = null;
  const observer = new ResizeObserver(() => { clearTimeout(timer); timer = setTimeout(tell, 200); });
  observer.observe(column);
  return () => { observer.disconnect(); clearTimeout(timer); };
}
