// scroll_to.js: brings one part of the page into view, once per token. The lesson card mounts it after a
// guess is locked, so the learner lands on the part of the page the step's action is about instead of
// scrolling away from the card to find it (reduced motion: a jump instead of a glide).
export default function ({ data }) {
  if (!data.token || !data.selector || window.__nnScrolledTo === data.token) return;
  window.__nnScrolledTo = data.token;
  let tries = 0;
  const go = () => {
    const target = document.querySelector(data.selector);
    if (!target && tries++ < 60) return requestAnimationFrame(go);   // the page may still be drawing it
    if (!target) return;
    const calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ block: "start", behavior: calm ? "auto" : "smooth" });
    window.__nnScrolled = { token: data.token, selector: data.selector };   // (tests wait for this)
  };
  requestAnimationFrame(go);
}
