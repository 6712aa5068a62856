// scroll_to.js: brings one part of the page into view, once per token. The lesson card mounts it
// - after a guess is locked ("into view"), so the learner lands on the part of the page the step's action is
//   about instead of scrolling away from the card to find it;
// - after a step change ("top"), so the new step's page opens at its top with the card on screen (Streamlit
//   keeps the old page's scroll position otherwise).
// Each token is acted on once, however often the page reruns (reduced motion: a jump instead of a glide).
export default function ({ data }) {
  const done = (window.__nnScrollTokens = window.__nnScrollTokens || new Set());
  if (!data.token || !data.selector || done.has(data.token)) return;
  done.add(data.token);
  let tries = 0;
  const go = () => {
    const target = document.querySelector(data.selector);
    if (!target && tries++ < 60) return requestAnimationFrame(go);   // the page may still be drawing it
    if (!target) return;
    const calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (data.where === "top") {
      // every box that scrolls the card's page (Streamlit's main area, and the window) back to its top
      for (let box = target.parentElement; box; box = box.parentElement) if (box.scrollTop > 0) box.scrollTop = 0;
      window.scrollTo(0, 0);
    } else {
      target.scrollIntoView({ block: "start", behavior: calm ? "auto" : "smooth" });
    }
    window.__nnScrolled = { token: data.token, selector: data.selector, where: data.where || "into view" };  // (tests wait)
  };
  requestAnimationFrame(go);
}
