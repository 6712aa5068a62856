"""The teacher's kit, generated from the lesson file: the key with its measured answers, the worksheet's key, how to run it."""
from __future__ import annotations

import streamlit as st

from classroom.rooms import AWAY_SECONDS, STUCK_MINUTES
from nn_core.bundled import BUNDLED
from nn_core.lesson import Lesson, Step
from nn_core.questions import MEASURES
from nn_core.worksheet import WorksheetNumbers
from ui import navigation, state
from ui.lesson import answer_key, checks
from ui.lesson.card import fill_in
from ui.lesson.card import words as placeholder_values
from ui.lesson.file import shown, tolerance
from ui.lesson.progress import go_to
from ui.level import level


def step_link(number: int, step: Step) -> str:
    """The address that opens this step of the lesson, as text to hand out (the app opens at the simple words)."""
    return f"/{step.page}?lesson={number}"


def _heading(number: int, step: Step) -> None:
    page = navigation.entry(step.page)
    st.markdown(f"**{number}. {step.title}** · on the page *{page.title}*")


def _choices(step: Step) -> str:
    return f" (one of {', '.join(step.question.choices)})" if step.question.is_choice else ""


def key_answers() -> tuple[str, dict, str | None]:
    """(the model's name, its stored answers, why they may be out of date)."""
    choice = st.session_state.get(state.MODEL_CHOICE, "classic")
    name = choice if choice in BUNDLED else "classic"
    answers, stale = answer_key.stored_answers(name, BUNDLED[name])
    return name, answers, stale


def key(found: Lesson) -> None:
    """Every step with its answer measured on a bundled model, how the app checks it, and the link that opens it."""
    name, answers, stale = key_answers()
    if st.session_state.get(state.MODEL_CHOICE) not in BUNDLED:
        st.info("The model in use is your own: the key below is the classic model's. In the lesson, Reveal measures "
                "your model.", icon=":material/info:")
    if stale:
        st.warning(f"This key may be out of date: {stale}.", icon=":material/warning:")
    st.caption(f"Answers measured on the bundled {state.model_title(name)} model, walking the lesson with each step's "
               "standard action. A learner's own run (training, the digit they drew) can give "
               "other numbers: Reveal always measures their network as it is.")
    total = sum(step.minutes for step in found.steps)
    if total:
        st.caption(f"The {len(found.steps)} steps take about {total} minutes in all; each box says what to say and "
                   "the misconception to expect.")
    values = placeholder_values()
    for number, step in enumerate(found.steps, start=1):
        question = step.question
        with st.container(border=True, key=f"question-{number}"):
            _heading(number, step)
            st.markdown(f"*Do this:* {fill_in(step.action, values)}  \n*The app marks it done when:* "
                        f"{checks.CHECKS[step.check].words}.")
            st.markdown(f"**Question:** {fill_in(question.prompt, values)}{_choices(step)}")
            value = answers.get(step.id)
            said = "not measurable without the learner's own run" if value is None else shown(question, value)
            within = f" (accepted within {tolerance(question)})" if question.tolerance else ""
            chose = answer_key.KEY_CHOICES.get(step.check)
            st.markdown(f"**Answer:** {said}{within}. *Measured:* {MEASURES[question.measure].words}"
                        + (f" (here {chose}; a learner's own choice can give another answer)." if chose else "."))
            if step.minutes or step.say or step.misconception:
                st.markdown("  \n".join(part for part in (
                    f"*Time:* about {step.minutes} min" if step.minutes else "",
                    f"*Say:* {step.say}" if step.say else "",
                    f"*Expect:* {step.misconception}" if step.misconception else "") if part))
            st.markdown(f"Open this step: `{step_link(number, step)}`")
            st.button("Open it here", key=f"teacher_open_{number}", on_click=go_to, args=(number - 1,),
                      icon=":material/east:")


def how_to_run() -> None:
    st.markdown(f"""
- **Start:** give the class the address of this app with `/?lesson=1` (the lesson's first step). The app opens with
  the simple words; add `&level=full` for the university maths. Each step's own address is in the key below.
- **On the projector:** turn on *Presenter layout* in the sidebar, or add `&view=presenter` to the address
  (large text, figures first, the sidebar folded).
- **Each step** asks for one prediction and one action: the learner locks a guess first, does the action (the card
  marks it done from what they really did), then *Reveal* measures the answer on the network in use at that moment.
- **The worksheet** (the page *Worksheet*, two sides of A4) has the pictures to label, a row per step for the guess
  and the measured value, and four questions to think through; print it from there. Its key is below. The words
  are at the level chosen in the sidebar (now: {level()}).
""")
    with st.container(key="class_how_to"):
        with_a_class()


def with_a_class() -> None:
    """Running the lesson with a class: before (the server, the address, the code), during (the console), after."""
    st.subheader("Running it with a class")
    st.markdown(f"""
**Before the lesson**
- The app runs on one computer, the server: the laptop you started it on (students on the same Wi-Fi can reach
  it) or a school or cloud server. Open the app's address on each student's device to check it loads.
- On the page **Teacher's console**, press *Open a class* before the projector is on. The next screen shows your
  **teacher key**, once: write it down. With the class code it opens the console again, on any device.
- The console then shows the **class code**: six letters and digits, without 0, O, 1, I or L. Students open the
  app's address, choose **Join a class** (or scan the QR code beside the code), type the code and, if they like,
  a nickname. No account, nothing personal.

**During the lesson**
- Press **Projector view** on the console for the room to see: large text, no sidebar, the code big, the names
  of those who joined, then the class's answers and drawings. Your key is never on it.
- **Everyone to step N** sends every student's page to that lesson step within a few seconds. *Reset
  everyone's edits* undoes what they changed on *Turn the knobs*.
- **The board** shows each student's step, whether they did it, whether they locked a guess, for how long, and
  when their page last answered: **stuck** means over {STUCK_MINUTES:.0f} minutes on a step without doing it, **away**
  means nothing heard for {AWAY_SECONDS:.0f} seconds. The projector view shows only how many, never who.
- **The class's settings**: the level of the words for everyone (*simple* unless you change it), the steps the
  class uses (Back, Next and Jump stay within them), and *Next waits for me* (nobody goes past the step you sent
  everyone to).
- **The tally**: when a student presses *Reveal*, their guess and the measured answer reach the console. It
  shows how many answered, how many guessed before doing the step, how many guesses were right and how they
  spread, never who wrote which.
- **The class's handwriting**: on *Draw a digit*, students give their drawing with the digit they meant (*Give
  it to the class*). The console shows how many the network reads right, which digits it mixes up, and the ones
  it reads worst.
- **The challenge**: in a class, each student's training run starts from their own random weights (chosen from
  their seat), learns from 3,500 of the training digits and is scored on the other 500, kept aside (the
  validation digits). Students may enter again; the board keeps each one's best, with its whole recipe. The
  1,000 test digits are never used to rank: they stay for the honest final check.

**After the lesson**
- *Close the class*, at the bottom of the console, deletes everything the class holds at once: seats,
  nicknames, answers, drawings and challenge entries. Download the class's drawings first if you want them.
- If nobody closes it, the class deletes itself when its time is up: the hours chosen when it was opened
  (24 unless you chose otherwise, at most 168, a week).
""")


def worksheet_key(numbers: WorksheetNumbers) -> None:
    """What a good answer to each of the worksheet's four questions says."""
    example = numbers.example
    terms = " + ".join(f"({a:.2f} − {int(digit == example.label)})²" for digit, a in enumerate(example.outputs)
                       if a or digit == example.label)
    st.markdown(f"""
1. C = {terms} = **{example.cost:.3f}** (the other outputs are 0.00 and add nothing). Small: the network is right,
   though not sure (its output for the {example.label} is {example.outputs[example.label]:.2f}, not 1).
2. It learned from the training digits, so it has partly learned those very drawings; the test digits are new to it,
   like the learner's own handwriting. The test accuracy ({numbers.test_accuracy:.1%}) is the honest estimate.
3. σ(0) = ½, and σ grows with z = Σ w·a + b; so a > ½ exactly when z > 0, that is Σ w·a − 3 > 0, Σ w·a > 3.
4. Each step moves every weight by η times its slope; with η = 100 a step jumps far past the bottom of the valley,
   so the cost goes up instead of down; the weights grow until the network is certain of wrong answers and its
   cost becomes infinite, and the app stops the run.
""")
    model = state.model_title(st.session_state.get(state.MODEL_CHOICE, "classic"))
    st.caption(f"Numbers measured on the {model} model, as the worksheet prints them.")


def words(found: Lesson) -> None:
    """Every term of the lesson with its definition (on paper there is nothing to click)."""
    with st.container(key="glossary_list"):
        st.subheader("Words")
        for term in found.terms:
            st.markdown(f"**{term.name}**: {term.definition}")
