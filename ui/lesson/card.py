"""The lesson's card, docked at the top of the page: the step's text and its one action, the part of the
page it is about outlined, "Done" from the live state, and a predict-then-reveal question: a guess locked
before the action (or skipped, saying so), the answer revealed once the action is done. After the last
step, a summary of the learner's predictions. Also the ways into the lesson: the home page's Start button
and the sidebar's "Back to the lesson".
"""
from __future__ import annotations

import numpy as np
import streamlit as st

from figures.images import enlarge, enlarge_rgb, signed_colours
from nn_core.lesson import Lesson, Question, Step
from nn_core.lesson import fill as fill_placeholders
from nn_core.questions import MEASURES
from ui import alt_text, loaders, navigation, state
from ui.lesson import progress
from ui.lesson.facts import now as facts_now
from ui.lesson.file import current_step, lesson, loaded, shown, tolerance
from ui.lesson.progress import Reveal, done_steps, go_to, locked, note_done, on, revealed, stop
from ui.level import level
from ui.live import screen
from ui.live.component import component
from ui.plain import plain

HIGHLIGHT = "#f0a500"    # the outline of the part of the page a step is about (amber: not a weight's colour)
PICTURE_NAMES = ("the edge", "the loop", "the 3")
PICTURE_ALTS = ("the edge: one short straight stroke across the top", "the loop: a small ring, like the top of a 9",
                "the 3: the first training digit labelled 3")   # (nn_core.questions.lesson_pictures draws them)
LONG_CHOICE = 16         # characters: choices longer than this are offered in a drop-down (one row), not as buttons

# The card is small so that it never hides the work: tighter padding and gaps than Streamlit's, buttons a little lower.
CARD_CSS = """<style>
.st-key-lesson_card { padding: 0.5rem 0.8rem !important; gap: 0.35rem !important; }
.st-key-lesson_card [data-testid='stMarkdownContainer'] p { font-size: 0.92rem; line-height: 1.4; }
.st-key-lesson_card button { min-height: 2.1rem; padding-top: 0.15rem; padding-bottom: 0.15rem; }
.st-key-lesson_card [data-testid='stButtonGroup'] button { padding-left: 0.6rem; padding-right: 0.6rem; }
</style>"""
# On a narrow screen the one-line card stays at the top of the screen while the learner acts below it (under the
# page's header, 3.75rem), so Reveal is in reach when the action is done.
STICKY_CSS = """<style>
[data-testid='stLayoutWrapper']:has(> .st-key-lesson_slot) { position: sticky; top: 3.75rem; z-index: 99; }
.st-key-lesson_card { background-color: %s; }
.st-key-lesson_line .st-key-lesson_more button [data-testid='stMarkdownContainer'] {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%%); }
</style>"""   # (the one line keeps room for what to do: "More" shows its arrow only)


class Phase:
    """Where the learner is on a step: what the card's first screen holds (the rest is behind "More")."""
    PREDICT = "predict"      # lock a guess (or skip it): the question and the guess box
    ACTING = "acting"        # the guess is locked, the action is not done yet: "Do this" and the locked guess
    WORK_OUT = "work out"    # a worked question, its action done: work the answer out from the page and lock it
    READY = "ready"          # the action is done and the guess locked: Reveal
    REVEALED = "revealed"    # the verdict and its explanation


def phase_of(step: Step, done: bool) -> str:
    if revealed(step) is not None:
        return Phase.REVEALED
    if step.question.worked:
        return Phase.ACTING if not done else Phase.WORK_OUT if locked(step) is None else Phase.READY
    if locked(step) is None:
        return Phase.PREDICT
    return Phase.READY if done else Phase.ACTING


def card_slot():
    """The card's place at the top of the page (filled after the page ran, so it sees what the page did)."""
    return st.container(key="lesson_slot") if on() or progress.finished() else None


def words() -> dict[str, str]:
    """What a step's {placeholders} stand for now: the facts of the network in use and the colours in use."""
    colours = state.palette()
    return {**facts_now(), "positive": colours.positive_name, "negative": colours.negative_name}


def fill(slot, page_path: str) -> None:
    """The card for the current step. Its first line always holds the step, the one thing to do now and Back/Next;
    everything else (the step's text, the pictures, Jump to step, Leave) is behind "More". On a narrow screen the
    card is that one line while the learner acts."""
    if slot is None:
        return
    if not on():
        if progress.finished():
            with slot.container(border=True, key="lesson_card"):
                _summary(loaded())
        return
    found = loaded()
    step = current_step(found)
    index = found.steps.index(step)
    done = note_done(step)
    here = step.page == page_path
    phase = phase_of(step, done)
    values = words()
    narrow = screen.narrow()
    one_line = narrow and here and phase in (Phase.ACTING, Phase.READY)
    with slot.container(border=True, key="lesson_card"):
        if one_line:
            _one_line(found, index, step, phase, values)
        else:
            _first_line(found, index, step, done, narrow)
            if not here:
                page = navigation.entry(step.page)
                st.page_link(page.script, label=f"This step happens on “{page.title}”: go there",
                             icon=":material/east:")
            _PHASES[phase](step, here, values)
        if progress.unfolded(step):
            _fold(found, index, step, phase, values, narrow, one_line)
    st.html(CARD_CSS + (STICKY_CSS % _background() if one_line else ""))
    if here and step.highlight:
        _outline(step.highlight, below_card=one_line)
    _scroll(step, here, narrow)


def _background() -> str:
    """The page's own background (a sticky card must not let the page show through it)."""
    return "#0e1117" if st.context.theme.type == "dark" else "#ffffff"


def fill_in(text: str, values: dict[str, str]) -> str:
    return fill_placeholders(text, values) if "{" in text else text


# -- the first line ------------------------------------------------------------------------------------------
def _heading(found: Lesson, index: int, step: Step, done: bool) -> str:
    return f"**Lesson · step {index + 1} of {len(found.steps)}** · {step.title}" + (" ✓" if done else "")


def _first_line(found: Lesson, index: int, step: Step, done: bool, narrow: bool) -> None:
    """The step, Back/Next and "More" (on a narrow screen, Back is behind "More")."""
    with st.container(horizontal=True, vertical_alignment="center", gap="xsmall", wrap=False, key="lesson_line"):
        st.markdown(_heading(found, index, step, done), width="stretch")
        if not narrow:
            _back(index)
        _next(found, index, now=revealed(step) is not None)
        _more(step)
    if revealed(step) is not None and progress.held(index, len(found.steps)):
        st.caption(f":material/hourglass_top: {progress.HELD}")   # (where Next would be the thing to do now)


def _one_line(found: Lesson, index: int, step: Step, phase: str, values: dict[str, str]) -> None:
    """A narrow screen while acting: the step's number, what to do (cut to the line: the rest is behind "More")
    and Reveal."""
    count = len(found.steps)
    said = (f"✓ **Done.** {_locked_words(step, short=True)}" if phase == Phase.READY else
            f"**Do this:** {fill_in(step.action, values)}")
    with st.container(horizontal=True, vertical_alignment="center", gap="xsmall", wrap=False, key="lesson_line"):
        st.markdown(f"**{index + 1}/{count}** · {said}", width="stretch", wrap=False)
        _reveal_button(step, phase == Phase.READY, compact=True)
        _more(step)


def _back(index: int) -> None:
    first, last = progress.open_steps(len(loaded().steps))   # (in a class: within the class's steps)
    st.button("Back", key="lesson_back", on_click=go_to, args=(min(index - 1, last),), disabled=index <= first,
              icon=":material/arrow_back:")


def _next(found: Lesson, index: int, now: bool = True) -> None:
    """Next (Finish on the last step, or the class's last); ``now``: it is the thing to do now (the answer is
    revealed), so it stands out. In a class whose Next waits for the teacher, it waits on the teacher's step."""
    first, last = progress.open_steps(len(found.steps))
    held = progress.held(index, len(found.steps))
    finish = index >= last and not held
    st.button("Finish" if finish else "Next", key="lesson_next", type="primary" if now and not held else "secondary",
              on_click=progress.finish if finish else go_to, args=() if finish else (max(index + 1, first),),
              icon=":material/flag:" if finish else ":material/arrow_forward:", disabled=held,
              help=progress.HELD if held else None)


def _more(step: Step) -> None:
    opened = progress.unfolded(step)
    st.button("Less" if opened else "More", key="lesson_more", on_click=progress.toggle_fold, args=(step,),
              icon=":material/expand_less:" if opened else ":material/expand_more:",
              help="Fold the card again" if opened else "The step's text, Jump to step, Leave the lesson")


# -- the phases -------------------------------------------------------------------------------------------------
def _predict(step: Step, here: bool, values: dict[str, str]) -> None:
    """Before the action: the question and the guess box, Lock or Skip (the step's text is behind "More")."""
    st.markdown(f"**Predict, then reveal.** {fill_in(step.question.prompt_at(level()), values)}")
    _guess_box(step)


def _acting(step: Step, here: bool, values: dict[str, str]) -> None:
    """The guess locked (or, for a worked question, still to work out): what to do now."""
    action = fill_in(step.action, values)
    if here:
        if step.question.worked:
            st.markdown(f":material/touch_app: **Do this:** {action} Then work out the answer from the page and "
                        "lock it.")
        else:
            st.markdown(f":material/touch_app: **Do this:** {action}")
    if not step.question.worked:
        with st.container(horizontal=True, vertical_alignment="center", gap="xsmall"):
            st.markdown(_locked_words(step), width="stretch")
            _reveal_button(step, False)


def _work_out(step: Step, here: bool, values: dict[str, str]) -> None:
    """A worked question, its action done: the question (and its pictures) and the box for the worked answer."""
    st.markdown(f":material/check_circle: **Done:** {fill_in(step.action, values)}")
    st.markdown(f"**Predict, then reveal.** {fill_in(step.question.prompt_at(level()), values)}")
    _question_pictures(step)
    _guess_box(step)


def _ready(step: Step, here: bool, values: dict[str, str]) -> None:
    """The action done and the guess locked: Reveal."""
    st.markdown(f":material/check_circle: **Done:** {fill_in(step.action, values)}")
    with st.container(horizontal=True, vertical_alignment="center", gap="xsmall"):
        st.markdown(_locked_words(step), width="stretch")
        _reveal_button(step, here)
    _not_ready_yet(step)


def _revealed(step: Step, here: bool, values: dict[str, str]) -> None:
    """The verdict and its explanation (they may take room: the action is done)."""
    with st.container(horizontal=True, vertical_alignment="center", gap="xsmall"):
        st.markdown(_locked_words(step), width="stretch")
        _reveal_button(step, here, again=True)
    _not_ready_yet(step)
    with st.container(key="lesson_verdict"):
        _verdict(step, revealed(step), values)


_PHASES = {Phase.PREDICT: _predict, Phase.ACTING: _acting, Phase.WORK_OUT: _work_out, Phase.READY: _ready,
           Phase.REVEALED: _revealed}


def _locked_words(step: Step, short: bool = False) -> str:
    """The guess as it was locked (``short``: only the guess, for the narrow screen's one line)."""
    question, kept = step.question, locked(step)
    if kept is None:
        return ""
    if kept.skipped:
        return "You skipped the guess."
    if short:
        return f"Guess: **{shown(question, kept.guess)}**"
    if question.worked:
        return f"Your answer, worked out and locked: **{shown(question, kept.guess)}**"
    when = ("before the action" if kept.before_action else
            "after the action was done (it counts, but it was not a prediction)")
    return f":material/lock: Your guess, locked {when}: **{shown(question, kept.guess)}**"


def _reveal_button(step: Step, ready: bool, compact: bool = False, again: bool = False) -> None:
    """Reveal: enabled once the guess is locked and the action done (the answer is about what the action shows)."""
    able = ready and locked(step) is not None
    st.button("Reveal" if compact else "Reveal the answer", key="lesson_reveal", on_click=progress.reveal,
              args=(step,), icon=None if compact else ":material/visibility:", disabled=not able,
              type="secondary" if again or not able else "primary",
              help=None if able else "Lock your guess (or skip it) and do the step first: the answer is measured on "
                                     "what the step shows.")


def _not_ready_yet(step: Step) -> None:
    waiting = st.session_state.get(state.lesson_not_ready(step.id))
    if waiting:
        st.caption(f"Not measurable yet: {waiting}")


def _guess_box(step: Step) -> None:
    """The guess box with Lock and Skip on one row (a long choice in a drop-down, so the row stays one row)."""
    question = step.question
    key = state.lesson_guess(step.id)
    with st.container(horizontal=True, vertical_alignment="bottom", gap="xsmall"):
        if question.is_choice and max(map(len, question.choices)) > LONG_CHOICE:
            st.selectbox("Your guess", list(question.choices), index=None, key=key, placeholder="choose one",
                         label_visibility="collapsed", width="stretch")
        elif question.is_choice:
            st.segmented_control("Your guess", list(question.choices), key=key, label_visibility="collapsed")
        else:
            st.number_input(f"Your guess{f' ({question.unit})' if question.unit else ''}", value=None, key=key,
                            step=10.0 ** -question.decimals if question.decimals else 1.0,
                            format=f"%.{question.decimals}f",
                            placeholder=f"your guess{f' ({question.unit})' if question.unit else ''}",
                            label_visibility="collapsed", width=200)
        st.button("Lock my guess", key="lesson_lock", on_click=progress.lock, args=(step,), icon=":material/lock:",
                  type="primary", disabled=st.session_state.get(key) is None,
                  help="Lock it before you do the step: once locked it cannot change.")
        st.button("Skip", key="lesson_skip", on_click=progress.skip, args=(step,), icon=":material/skip_next:",
                  type="tertiary", help="Go on without a guess (the card will say you skipped it).")


# -- behind "More" -------------------------------------------------------------------------------------------------
def _fold(found: Lesson, index: int, step: Step, phase: str, values: dict[str, str], narrow: bool,
          one_line: bool) -> None:
    """What the first line leaves out: the step's text, the question and the locked guess when they are not on
    show, the pictures, the steps done, Jump to step and Leave (and on a narrow screen Back)."""
    with st.container(key="lesson_fold", gap="xsmall"):
        st.markdown(fill_in(step.text_at(level()), values))
        if phase == Phase.PREDICT:
            st.markdown(f"**Then do this:** {fill_in(step.action, values)}")
        if phase not in (Phase.PREDICT, Phase.WORK_OUT):
            st.markdown(f"**The question:** {fill_in(step.question.prompt_at(level()), values)}")
        if one_line:
            st.markdown(f"**{'Done' if phase == Phase.READY else 'Do this'}:** {fill_in(step.action, values)}")
            st.markdown(_locked_words(step))
        if phase not in (Phase.WORK_OUT, Phase.REVEALED):   # (those show them already)
            _question_pictures(step)
        count = len(found.steps)
        finished = len(done_steps() & {s.id for s in found.steps})
        st.progress(finished / count, text=f"{finished} of {count} steps done")
        with st.container(horizontal=True, vertical_alignment="bottom", gap="xsmall"):
            if narrow:
                _back(index)
                if one_line:
                    _next(found, index, now=False)
            first, last = progress.open_steps(count)   # (in a class: the class's steps)
            st.session_state[state.LESSON_JUMP] = index
            st.select_slider("Jump to step", sorted({*range(first, last + 1), index}), key=state.LESSON_JUMP,
                             on_change=progress.jumped, format_func=lambda i: f"{i + 1}. {found.steps[i].title}",
                             width=320)
            st.button("Leave the lesson", key="lesson_leave", on_click=stop, icon=":material/close:")


def _question_pictures(step: Step, with_template: bool = False) -> int | None:
    """The pictures a question is about, side by side (one row, whatever the column's width); ``with_template``
    (after the reveal): the chosen hidden-1 neuron's template beside them. The neuron's number, if it is shown."""
    pictures = MEASURES[step.question.measure].pictures
    if pictures is None:
        return None
    shown_pictures = pictures(loaders.embedded()[0])
    images = [enlarge(np.asarray(image).reshape(28, 28), 84) for image in shown_pictures]
    captions, alts = list(PICTURE_NAMES[:len(images)]), list(PICTURE_ALTS[:len(images)])
    chosen = _template() if with_template else None
    if chosen is not None:
        images.append(chosen[1])
        captions.append(f"neuron {chosen[0]}'s template")
        colours = state.palette()
        alts.append(alt_text.template(chosen[0], colours.positive_name, colours.negative_name))
    st.image(images, caption=captions, width=84, alt=alts)
    return None if chosen is None else chosen[0]


def _template() -> tuple[int, np.ndarray] | None:
    """The chosen hidden-1 neuron and its template: its 784 incoming weights as a 28x28 picture (84 px), coloured
    by sign; None if no hidden-1 neuron is chosen."""
    chosen = st.session_state.get(state.SELECTED_NEURON)
    network = state.current_model().network
    if not (isinstance(chosen, tuple) and chosen[0] == 1 and chosen[1] < network.sizes[1]):
        return None
    weights = np.asarray(network.weights[0][chosen[1]], dtype=np.float32).reshape(28, 28)
    colours = state.palette()
    limit = float(np.abs(weights).max()) or 1.0
    return chosen[1], enlarge_rgb(signed_colours(weights, limit, colours.negative, colours.positive), 3)


def _verdict(step: Step, answer: Reveal, values: dict[str, str]) -> None:
    question = step.question
    measured = shown(question, answer.answer)
    if answer.guess is None:
        verdict = "You skipped the guess."
    elif answer.right:
        verdict = f"Your guess {shown(question, answer.guess)} is right" + (
            f" (within {tolerance(question)})." if question.tolerance else ".")
    else:
        verdict = f"Your guess was {shown(question, answer.guess)}."
    kind = MEASURES[question.measure]
    said = "The answer" if kind.choices is None else f"Measured on {kind.on or answer.model} just now"
    st.markdown(f"{said}: **{measured}**. {verdict}")
    explain = question.explain_at(level())
    if explain:
        number = measured.removesuffix(question.unit).strip() if question.unit else measured
        st.caption(fill_placeholders(explain, {**values, **answer.details, "answer": number}))
    if MEASURES[question.measure].pictures is not None:   # the pictures beside the chosen neuron's template
        chosen = _question_pictures(step, with_template=True)
        if chosen is not None:
            colours = state.palette()
            st.caption(f"The template of hidden-1 neuron {chosen}: {colours.positive_name} where ink pushes it up, "
                       f"{colours.negative_name} where ink pushes it down.")


# -- scrolling -------------------------------------------------------------------------------------------------------
def _scroll(step: Step, here: bool, narrow: bool) -> None:
    """Scroll the page once for each request (progress.scroll_to): after a step change, to its top, the card's first
    line on screen; after a lock, to the part of the page to act on; after a Reveal on a narrow screen (the card
    stayed at the top of the screen while the learner acted; now it is back in its place), to the verdict."""
    where, number = progress.scroll_request()
    if where == "part" and here and step.highlight:
        data = {"token": number, "selector": f"[class*='st-key-{step.highlight[0]}']"}
    elif where == "top" or (where == "verdict" and narrow):
        data = {"token": number, "selector": ".st-key-lesson_card", "where": "top"}
    else:
        data = {"token": None}
    component("nn_scroll_to", js=("scroll_to.js",))(key=state.LESSON_SCROLL, height=0, data=data)


# -- the end ------------------------------------------------------------------------------------------
def summary_rows(found: Lesson) -> list[dict]:
    """One row per step: the guess locked, the answer measured, and whether the guess was right (within the
    step's tolerance). A guess locked once its answer could be seen says so."""
    rows = []
    for number, step in enumerate(found.steps, start=1):
        kept, answer = locked(step), revealed(step)
        question = step.question
        guess = "—" if kept is None else "skipped" if kept.skipped else shown(question, kept.guess) + (
            "" if kept.before_action else " (after the action)")
        rows.append({"step": f"{number}. {step.title}", "your guess": guess,
                     "measured": "not revealed" if answer is None else shown(question, answer.answer),
                     "right": "" if answer is None or answer.guess is None else ("✓" if answer.right else "✗")})
    return rows


def _summary(found: Lesson) -> None:
    """After Finish: the learner's locked guesses against the measured answers, and where to go next."""
    answers = [revealed(step) for step in found.steps]
    predictions = [a for a in answers if a is not None and a.locked_before]
    right = sum(1 for a in predictions if a.right)
    st.markdown(f"**The lesson is done: {len(done_steps() & {s.id for s in found.steps})} of {len(found.steps)} "
                "steps.**")
    if predictions:
        guesses = "1 guess" if len(predictions) == 1 else f"{len(predictions)} guesses"
        st.markdown(f"You locked **{guesses}** before you could see the answer, and **{right}** of them "
                    f"{'was' if len(predictions) == 1 else 'were'} right (within each step's tolerance).")
    else:
        st.markdown("You revealed no guess locked before its step, so there are no predictions to count.")
    rows = summary_rows(found)
    # every step's row in sight (no scrolling inside the box): about 35 px a row and the header
    st.dataframe(rows, hide_index=True, width="stretch", height=38 + 35 * len(rows))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.page_link("pages/recap.py", label="Every idea in one page: the Recap", icon=":material/summarize:")
        st.page_link("pages/worksheet.py", label="The worksheet, to do on paper", icon=":material/print:")
        st.button("Back to the lesson", key="lesson_review", on_click=go_to, args=(len(found.steps) - 1,),
                  icon=":material/school:")
        st.button("Close", key="lesson_close_summary", on_click=progress.close_summary, icon=":material/close:")


def _outline(keys: tuple[str, ...], below_card: bool = False) -> None:
    """Outline the parts of the page the step is about (keys come from the lesson file: letters, digits, - and _).
    Scrolled to, they stop below the page's header (and below the card, when it stays at the top)."""
    selectors = ", ".join(f"[class*='st-key-{key}']" for key in keys)
    margin = "8rem" if below_card else "4.5rem"
    st.html(f"<style>{selectors} {{ outline: 3px solid {HIGHLIGHT}; outline-offset: 4px; border-radius: 6px; "
            f"scroll-margin-top: {margin}; }}</style>")


def start_button(label: str = "Start the lesson") -> None:
    """The home page's way in: a button, or the sentence saying why the lesson file was refused."""
    found = lesson()
    if isinstance(found, str):
        st.error(f"The lesson cannot start: {plain(found, 800)}", icon=":material/error:")
        return
    st.button(f"{label} ({len(found.steps)} steps)", key="lesson_start", on_click=go_to, args=(0,), type="primary",
              icon=":material/school:")


def sidebar_entry() -> None:
    """In the sidebar: back into the lesson where it was left (or into it for the first time)."""
    found = loaded()
    if found is None or on():
        return
    index = st.session_state.get(state.LESSON_STEP, 0)
    if progress.finished() or len(done_steps() & {s.id for s in found.steps}) == len(found.steps):
        label, index = "Go through the lesson again", 0
    elif not index and not done_steps():
        label = "Start the lesson"
    else:
        label = f"Back to the lesson (step {index + 1})"
    st.button(label, key="lesson_resume", on_click=go_to, args=(index,), icon=":material/school:")


def question_prompt(question: Question) -> str:
    """A question's prompt at the level in use, with the network's facts filled in (for the class's console)."""
    return fill_in(question.prompt_at(level()), words())
