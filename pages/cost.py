"""The cost: one number that says how wrong the network is on a labelled example, and on average."""
import numpy as np
import streamlit as st

from figures.cost import cost_bars, cost_histogram
from figures.images import enlarge
from figures.outputs import output_bars
from nn_core.costs import sum_of_squares
from nn_core.network import forward
from ui import charts, glossary, loaders, navigation, presenter, state
from ui.lesson.veil import hide_result
from ui.pages import cost as cost_page
from ui.patches.frame import require_app_frame

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

st.title("The cost: how wrong is the network?")
glossary.words_row("neuron", "activation", "layer", "weight", "bias", "sigmoid", "softmax", "cost", "gradient",
                   "gradient descent", "test digits")
presenter.intro("To learn, the network needs one number that says how bad its answer is. For a labelled digit we know "
                "what the ten outputs *should* be: the **target y** is 1 for the right digit and 0 for the other nine. "
                "The **cost** adds up how far each output a is from its target.")

model = state.current_model()
network = model.network
cost = network.cost
digit = state.current_input()
pixels = state.current_pixels()
output = forward(network, pixels).output.astype(np.float64)

picture, words = st.columns([1, 6], vertical_alignment="center")
picture.image(enlarge(pixels.reshape(28, 28), 84))
with words:
    st.markdown(f"Looking at **{digit.description if digit else 'a blank image'}**; the network answers "
                f"**{int(np.argmax(output))}**.")
    label = cost_page.right_answer(digit, int(np.argmax(output)))
    with st.container(horizontal=True):
        st.page_link("pages/draw.py", label="Change the digit", icon=":material/draw:")
        st.button("Show me a test digit it reads wrong", key="cost_mistake", on_click=cost_page.pick_mistake,
                  icon=":material/error:")

squares = float(sum_of_squares(output[None, :], np.array([label]))[0])
bars, sums = st.columns([3, 2], gap="large")
with bars:
    charts.show(cost_bars(output, label, state.palette()), key="cost_bars")
with sums:
    st.markdown(f"The right answer is **{label}**, so y = 1 for digit {label} and 0 for the others. "
                "Square each gap (a − y) and add the ten squares:")
    st.markdown(hide_result("squared_error", f"**C = Σ (a − y)² = {cost_page.squares_sum_text(output, label)}**"))
    worst = "2 (the outputs add up to 1)" if cost.probabilities else "10 (every output the opposite of its target)"
    st.caption("This is the cost as 3Blue1Brown defines it. Squaring makes every gap count as positive, and "
               "big gaps count much more than small ones. C is 0 only when the network says exactly 1 for the "
               f"right digit and 0 for all the others; the worst it can be is {worst}.")
    if cost.probabilities:
        a_y = float(output[label])
        own = float(cost.per_example(output[None, :], np.array([label]))[0])
        st.markdown(f"**This network's own cost** is the cross-entropy **C = −ln a_y**, where a_y is the output "
                    f"for the right digit (the outputs are softmax probabilities that add up to 1): "
                    f"−ln {a_y:.3f} = **{own:.3f}**.")
        st.caption("Same idea, different ruler: it is 0 when a_y = 1 and grows without limit as a_y → 0, so a "
                   "confident mistake (a_y = 0.01 costs −ln 0.01 = 4.6) is punished far more than by the squares, "
                   "which can never add up to more than 2.")
    else:
        st.markdown(f"**This network's own cost** is the quadratic cost **{cost.formula}** = {squares / 2:.3f}: half "
                    "the sum above (the ½ only makes its slope simpler).")

presenter.intro_after_figure()

st.subheader("A digit it reads right, and one it reads wrong")
right, wrong, part = cost_page.right_and_wrong(state.model_key(), network)
train, test = loaders.embedded()
digits = train if part == "training" else test
columns = st.columns(2, gap="large")
for column, example, verdict in zip(columns, (right, wrong), ("reads it right", "reads it wrong")):
    with column:
        if example is None:
            st.info(f"This network reads every {part} digit right, so there is no mistake to show.")
            continue
        answer = int(np.argmax(example.output))
        small, text = st.columns([1, 3], vertical_alignment="center")
        small.image(enlarge(digits.images[example.index] / 255.0, 56))
        squares_here = float(sum_of_squares(example.output[None, :].astype(np.float64), np.array([example.label]))[0])
        own_here = float(cost.per_example(example.output[None, :].astype(np.float64), np.array([example.label]))[0])
        text.markdown(f"{part.capitalize()} digit #{example.index}, a {example.label}: the network {verdict} "
                      f"(it says {answer}).  \nC = Σ (a − y)² = **{squares_here:.3f}**; its own cost "
                      f"{cost.formula} = **{own_here:.3f}**.")
        charts.show(output_bars(example.output, example.label, state.palette(), height=200), key=f"cost_example_{verdict}")
if wrong is not None:
    st.caption("A right answer given with confidence costs almost nothing; a wrong one costs a lot. "
               "That is what makes the cost a measure of how wrong the network is.")

st.subheader("Training makes the average cost small")
summary = cost_page.averages(state.model_key(), network)
st.write(f"One example's cost says little. What training lowers is the **average cost over all "
         f"{summary.train.n:,} training digits**. It depends on every one of the network's "
         f"{network.params.size:,} weights and biases: change any of them and the outputs change, and with them the cost.")
left, middle, right_column = st.columns(3)
left.metric("Average cost, training digits", f"{summary.train.model_cost:.3f}",
            help=f"The mean of {cost.formula} over the {summary.train.n:,} training digits; "
                 f"Σ (a − y)² averages {summary.train.sum_of_squares:.3f}")
middle.metric("Average cost, unseen test digits", f"{summary.test.model_cost:.3f}",
              help=f"The same on the {summary.test.n:,} test digits, which it never trained on; "
                   f"Σ (a − y)² averages {summary.test.sum_of_squares:.3f}")
right_column.metric("The same layers with random weights", f"{summary.untrained.model_cost:.3f}",
                    help="Before any training: the average over the training digits of a network with the same "
                         "layers and random weights")
st.caption(f"With random weights, before any training, the average cost is {summary.untrained.model_cost:.2f}; "
           f"this network's is {summary.train.model_cost:.3f}. On the test digits it is "
           + ("higher" if summary.test.model_cost > summary.train.model_cost else "not higher")
           + f" ({summary.test.model_cost:.3f}): the network has seen the training digits, not these.")
charts.show(cost_histogram(summary.train.per_example, f"cost of one training digit ({cost.formula})"),
            key="cost_histogram")
st.caption("Most training digits cost almost nothing; the few it gets wrong cost the most (the last bar holds "
           "every cost of 5 or more).")

st.write("Finding the weights and biases that make this average small, by hand, is hopeless: there are "
         f"{network.params.size:,} knobs. Picture the average cost as a landscape over them; training walks "
         "downhill on it. The next page shows that landscape.")
navigation.show_next("cost")
