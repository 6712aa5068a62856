// class_follower.js: a student's page asks the server now and then (every few seconds) whether the teacher
// changed anything it has not taken in. The class bell (ui/classroom/bell.py) reruns the page at once when the
// teacher moves the class; this timer is the fallback for a page the bell missed, and it tells the teacher's
// board that the page is still there. It lives inside the class's fragment (ui/classroom/student.py), so each
// question ("tick") reruns that fragment only, never the page. The timer is this page's own, not Streamlit's
// run_every, so that:
//   - a question is never sent while a run is on its way (the app's script state is "running"): a page switch or a
//     full run in flight cannot meet a question for a fragment it is replacing;
//   - a question that gets no answer is simply asked again (each answer re-renders this element with a new
//     "served" number; without one for a while, the next tick goes even if the page still looks busy);
//   - it stops when its element is gone (the student left the class, or the page has no class line any more),
//     and pauses while the tab is hidden, asking at once when it is shown again.
// Nothing here decides anything: the server does.
const BUSY_GRACE_MS = 4000;   // how long a tick waits for a busy page before it goes anyway

function app_running() {
  const app = document.querySelector("[data-testid='stApp']");
  return Boolean(app) && app.dataset.testScriptState === "running";
}

export default function ({ data, parentElement, setTriggerValue }) {
  const host = parentElement.host || parentElement;   // the component lives in a shadow root
  const follower = (window.__nnFollower = window.__nnFollower || { timer: null, ticks: 0, served: -1, answered: 0 });
  follower.send = setTriggerValue;                     // the newest render's (its fragment is the one on the page)
  follower.host = host;
  follower.every = Math.max(250, Number(data.every_ms) || 1000);
  if (data.served !== follower.served) {
    follower.served = data.served;
    follower.answered = Date.now();
  }
  const tick = () => {
    if (!follower.host || !follower.host.isConnected || document.hidden) return;
    const since = Date.now() - follower.answered;
    if (since < follower.every) return;
    if (app_running() && since < BUSY_GRACE_MS) return;
    follower.ticks += 1;
    follower.answered = Date.now();                    // (a missed answer: asked again after `every` or the grace)
    follower.send("tick", follower.ticks);
  };
  if (!follower.timer) {
    follower.timer = setInterval(tick, 200);
    document.addEventListener("visibilitychange", () => { if (!document.hidden) follower.answered = 0; });
  }
  return () => setTimeout(() => {
    if (follower.host === host && !host.isConnected) {
      clearInterval(follower.timer);
      follower.timer = null;
      follower.host = null;
    }
  }, 0);
}
