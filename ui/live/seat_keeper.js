// seat_keeper.js: keeps a student's seat in a class across a reload of the tab or a restart of the
// server. The seat's token lives in this tab's sessionStorage (not localStorage: on a shared school
// computer the next pupil opening a new tab is not in the class). When the server has no seat for
// this tab but the tab remembers one, the token goes back to the server, which checks it. A try can
// be missed (it may arrive while the tab's first run is still on its way, or the server is busy), and
// this element is not drawn again until its data changes: so the tab tries again on its own, a few
// times over about 15 s, until the server's data says it has the seat (or has forgotten it).
const KEY = "nn_class_seat";
const TRIES_AT = [0, 1000, 2500, 5000, 9000, 15000];   // ms after the first render without a seat

export default function ({ data, setTriggerValue }) {
  const keeper = (window.__nnSeatKeeper = window.__nnSeatKeeper || { timers: [], tries: 0, started: false });
  const stop = () => { keeper.timers.forEach(clearTimeout); keeper.timers = []; };
  try {
    if (data.token) {
      window.sessionStorage.setItem(KEY, data.token);
      stop();
      keeper.started = false;
    } else if (data.forget) {
      window.sessionStorage.removeItem(KEY);
      stop();
    } else {
      const kept = window.sessionStorage.getItem(KEY);
      if (kept && !keeper.started) {
        keeper.started = true;
        keeper.timers = TRIES_AT.map((ms) => setTimeout(() => { keeper.tries++; setTriggerValue("seat", kept); }, ms));
      }
    }
  } catch (error) {
    // storage refused (private mode): the seat lasts as long as the server's session, as without this
  }
}
