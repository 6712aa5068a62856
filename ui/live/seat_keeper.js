// seat_keeper.js: keeps a student's seat in a class across a reload of the tab or a restart of the
// server. The seat's token lives in this tab's sessionStorage (not localStorage: on a shared school
// computer the next pupil opening a new tab is not in the class). When the server has no seat for
// this tab but the tab remembers one, the token goes back to the server, which checks it (at most
// three times, in case a try arrives while the tab's first run is still on its way).
const KEY = "nn_class_seat";

export default function ({ data, setTriggerValue }) {
  try {
    if (data.token) {
      window.sessionStorage.setItem(KEY, data.token);
      window.__nnSeatTries = 0;
    } else if (data.forget) {
      window.sessionStorage.removeItem(KEY);
    } else {
      const kept = window.sessionStorage.getItem(KEY);
      const tries = window.__nnSeatTries || 0;
      if (kept && tries < 3) {
        window.__nnSeatTries = tries + 1;
        setTriggerValue("seat", kept);
      }
    }
  } catch (error) {
    // storage refused (private mode): the seat lasts as long as the server's session, as without this
  }
}
