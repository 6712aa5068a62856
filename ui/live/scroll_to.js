// scroll_to.js: scrolls the page once per token (the lesson card's requests: ui/lesson/progress.scroll_to):
// - "into view": after a guess is locked, the part of the page the step's action is about, so the learner lands on
//   it instead of scrolling away from the card to find it (a part already whole on screen is left where it is: on a
//   laptop the card, with Reveal, stays in sight above it);
// - "top": after a step change, the new step's page from its top with the card on screen (Streamlit keeps the old
//   page's scroll position otherwise); on a phone also after Reveal, where the card had stayed at the top of the
//   screen while the learner acted and is back in its place with the verdict.
// Each token is acted on once, however often the page reruns with it (the requests are numbered; a new number,
// also a smaller one after "Start over", is a new request). Reduced motion: a jump instead of a glide.
//
// The request arrives with the run's last parts, before the run has ended: on a slow server what the last run drew
// and this one did not is taken away only afterwards, and the part moves up under the card or off the screen. So the
// part is held in its place until the run has ended and the page has stood still for a moment; the learner's own
// scrolling (a touch, the wheel, a key, a press) ends the hold at once.
const CHECK_MS = 100;      // how often the held part is looked at
const STILL_MS = 600;      // the run ended and the part in place this long: the page has settled
const LONGEST_MS = 15000;  // the hold ends then whatever happens (a run that never ends)
const SLACK_PX = 2;
const LEARNER_MOVES = ["wheel", "touchstart", "pointerdown", "keydown"];

function run_ended() {
  const app = document.querySelector("[data-testid='stApp']");
  return !!app && app.dataset.testScriptState === "notRunning" && !document.querySelector("[data-stale='true']");
}

// every box that scrolls the target's page (Streamlit's main area), innermost first; the window is apart
function scrolling_boxes(target) {
  const boxes = [];
  for (let box = target.parentElement; box && box !== document.documentElement; box = box.parentElement) {
    if (box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY)) boxes.push(box);
  }
  return boxes;
}

function to_top(target) {
  for (const box of scrolling_boxes(target)) if (box.scrollTop > 0) box.scrollTop = 0;
  if (window.scrollY > 0) window.scrollTo(0, 0);
}

function at_top(target) {
  return window.scrollY <= 0 && scrolling_boxes(target).every((box) => box.scrollTop <= 0);
}

function scroll_position(target) {
  return JSON.stringify([window.scrollY, ...scrolling_boxes(target).map((box) => box.scrollTop)]);
}

// how far the part's top is below where "block: start" puts it (the top of its scrolling box, less its scroll
// margin); 0 when its box cannot scroll any further that way (the part is as high, or as low, as it can be)
function drift(target) {
  const box = scrolling_boxes(target)[0];
  const top = box ? box.getBoundingClientRect().top : 0;
  const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
  const off = target.getBoundingClientRect().top - top - margin;
  const [scrolled, height, seen] = box ? [box.scrollTop, box.scrollHeight, box.clientHeight]
    : [window.scrollY, document.documentElement.scrollHeight, window.innerHeight];
  if (off > 0 && scrolled + seen >= height - 1) return 0;
  if (off < 0 && scrolled <= 0) return 0;
  return off;
}

function place(target, where, glide) {
  if (where === "top") to_top(target);
  else target.scrollIntoView({ block: "start", behavior: glide ? "smooth" : "auto" });
}

// whole on screen below its scroll margin (the page's header, and on a phone the card pinned at the top)
function in_sight(target) {
  const box = scrolling_boxes(target)[0];
  const top = box ? box.getBoundingClientRect().top : 0;
  const bottom = box ? box.getBoundingClientRect().bottom : window.innerHeight;
  const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
  const part = target.getBoundingClientRect();
  return part.top >= top + margin - SLACK_PX && part.bottom <= bottom + SLACK_PX;
}

function in_place(target, where) {
  return where === "top" ? at_top(target) : in_sight(target) || Math.abs(drift(target)) <= SLACK_PX;
}

// keep the target in place until the page has settled or the learner scrolls (a rerun may draw it anew: it is
// looked for again each time)
function hold(token, selector, where) {
  let moved = false;
  const learner = () => { moved = true; };
  LEARNER_MOVES.forEach((name) => window.addEventListener(name, learner, { capture: true, passive: true }));
  const started = performance.now();
  let still_since = null;
  let last = null;
  const look = () => {
    const now = performance.now();
    const target = document.querySelector(selector);
    if (moved || !target || window.__nnScrolledTo !== token || now - started > LONGEST_MS) return end();
    const position = scroll_position(target);
    const gliding = position !== last;         // a glide (or the browser's own anchoring) still under way
    last = position;
    let placed = gliding || in_place(target, where);
    if (!placed) {
      place(target, where, false);
      window.__nnScrolled.putBack += 1;
      last = scroll_position(target);
      placed = true;
    }
    still_since = run_ended() && !gliding && placed ? still_since ?? now : null;
    if (still_since !== null && now - still_since >= STILL_MS) return end(true);
    setTimeout(look, CHECK_MS);
  };
  const end = (settled = false) => {
    LEARNER_MOVES.forEach((name) => window.removeEventListener(name, learner, { capture: true }));
    if (window.__nnScrolled.token === token) Object.assign(window.__nnScrolled, { holding: false, settled });
  };
  setTimeout(look, CHECK_MS);
}

export default function ({ data }) {
  if (!data.token || !data.selector || window.__nnScrolledTo === data.token) return;
  window.__nnScrolledTo = data.token;
  let tries = 0;
  const go = () => {
    const target = document.querySelector(data.selector);
    if (!target && tries++ < 60) return requestAnimationFrame(go);   // the page may still be drawing it
    if (!target) return;
    const calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    const where = data.where || "into view";
    if (!in_place(target, where)) place(target, where, !calm);   // a part already in sight stays where it is
    // (tests wait for these: the request done, how often the part was put back, whether it is still held, and
    // whether the hold ended with the page settled and the part in place, rather than by the learner or the time)
    window.__nnScrolled = { token: data.token, selector: data.selector, where, putBack: 0, holding: true, settled: false };
    hold(data.token, data.selector, where);
  };
  requestAnimationFrame(go);
}
