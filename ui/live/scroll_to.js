// scroll_to.js: scrolls the page once per token (the lesson card's requests: ui/lesson/progress.scroll_to):
// - "into view": after a guess is locked, the part of the page the step's action is about, so the learner lands on
//   it instead of scrolling away from the card to find it;
// - "top": after a step change, the new step's page from its top with the card on screen (Streamlit keeps the old
//   page's scroll position otherwise); on a phone also after Reveal, where the card had stayed at the top of the
//   screen while the learner acted and is back in its place with the verdict.
// Each token is acted on once, however often the page reruns with it (the requests are numbered; a new number,
// also a smaller one after "Start over", is a new request). Reduced motion: a jump instead of a glide.
export default function ({ data }) {
  if (!data.token || !data.selector || window.__nnScrolledTo === data.token) return;
  window.__nnScrolledTo = data.token;
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
