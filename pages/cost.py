"""The cost: one number that says how wrong the network is on a labelled example, and on average.

Both levels: 3Blue1Brown's C = Σ (a − y)², for the digit shown (its terms are readable off the bars),
averaged over the training digits, and its histogram. The full level adds the cost the network is
trained on (cross-entropy −ln a_y for softmax outputs), always under its own name.
"""
import numpy as np
import streamlit as st

from figures.cost import cost_bars, cost_histogram
from figures.images import enlarge
from figures.outputs import output_bars
from nn_core.costs import sum_of_squares
from nn_core.network import forward
from ui import alt_text, charts, loaders, navigation, page_words, state
from ui.lesson.veil import hide_result
from ui.level import simple
from ui.pages import cost as cost_page
from ui.patches.frame import require_app_frame
from ui.words import a_digit

require_app_frame()  # before anything is drawn (see ui/patches/frame.py)

model = state.current_model()
network = model.network
cost = network.cost
full = not simple()
trained_on = cost_page.trained_cost(cost)    # e.g. "cross-entropy −ln a_y"
trained_name = trained_on.split()[0]          # e.g. "cross-entropy"

page_words.title("The cost: how wrong is the network?", "neuron", "activation", "layer", "weight", "bias",
                 *(["softmax"] if full else []), "cost", "gradient", "gradient descent", "test digits")
page_words.intro("To learn, the network needs one number that says how bad its answer is. For a labelled digit we know "
                 "what the ten outputs *should* be: the **target y** is 1 for the right digit and 0 for the other nine. "
                 "The **cost** C = Σ (a − y)² adds up how far each output a is from its target, squared.")

digit = state.current_input()
pixels = state.current_pixels()
output = forward(network, pixels).output.astype(np.float64)

with st.container(horizontal=True, vertical_alignment="center"):   # side by side on a tablet too
    st.image(enlarge(pixels.reshape(28, 28), 84), width=84,
             alt=alt_text.shown_input(digit.description if digit else None, int(np.argmax(output))))
    words = st.container(width="stretch")
with words:
    st.markdown(f"Looking at **{digit.description if digit else 'a blank image'}**; the network answers "
                f"**{int(np.argmax(output))}**.")
    label = cost_page.right_answer(digit, int(np.argmax(output)))
    with st.container(horizontal=True):
        st.page_link("pages/draw.py", label="Change the digit", icon=":material/draw:")
        st.button("Show me a test digit it reads wrong", key="cost_mistake", on_click=cost_page.pick_mistake,
                  icon=":material/error:")

worst = cost_page.worst_sum_of_squares(cost)
bars, sums = st.columns([3, 2], gap="large")
with bars:
    charts.show(charts.shared(cost_bars, output, label, state.palette()), key="cost_bars",
                alt=alt_text.cost_bars(output, label))
with sums:
    st.markdown(f"The right answer is **{label}**, so y = 1 for digit {label} and 0 for the others. "
                "Square each gap (a − y) and add the ten squares:")
    st.markdown(hide_result("squared_error", cost_page.sum_of_squares_line(output, label)))
    ceiling = "2 (the outputs add up to 1)" if cost.probabilities else f"{worst:g} (every output the opposite of its target)"
    st.caption("This is the cost as 3Blue1Brown defines it. Squaring makes every gap count as positive, and "
               "big gaps count much more than small ones. C is 0 only when the network says exactly 1 for the "
               f"right digit and 0 for all the others; the worst it can be is {ceiling}.")
    if full:
        own = float(cost.per_example(output[None, :], np.array([label]))[0])
        if cost.probabilities:
            st.markdown(f"**The cost this network is trained on** is another one, the **cross-entropy** −ln a_y, "
                        f"where a_y is the output for the right digit (the outputs are softmax probabilities that add "
                        f"up to 1): cross-entropy = −ln {output[label]:.3f} = **{own:.3f}**.")
            st.caption("Same idea, different ruler: it is 0 when a_y = 1 and grows without limit as a_y → 0, so a "
                       "confident mistake (a_y = 0.01 costs −ln 0.01 = 4.6) is punished far more than by the squares, "
                       "which can never add up to more than 2.")
        else:
            st.markdown(f"**The cost this network is trained on** is the **{trained_on}** = **{own:.3f}**: half of "
                        "C (the ½ only makes its slope simpler).")

page_words.after_figure()

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
        small.image(enlarge(digits.images[example.index] / 255.0, 56),
                    alt=alt_text.digit(f"{part} digit #{example.index}", example.label, answer))
        outputs, labels = example.output[None, :].astype(np.float64), np.array([example.label])
        sentence = (f"{part.capitalize()} digit #{example.index}, {a_digit(example.label)}: the network "
                    f"{verdict} (it says {answer}).  \nC = Σ (a − y)² = **{float(sum_of_squares(outputs, labels)[0]):.3f}**")
        if full:
            sentence += f"; the {trained_on} it is trained on = **{float(cost.per_example(outputs, labels)[0]):.3f}**"
        text.markdown(sentence + ".")
        charts.show(charts.shared(output_bars, example.output, example.label, state.palette(), height=200),
                    key=f"cost_example_{verdict}", alt=alt_text.output_bars(example.output, example.label))
if wrong is not None:
    st.caption("A right answer given with confidence costs almost nothing; a wrong one costs a lot. "
               "That is what makes the cost a measure of how wrong the network is.")

st.subheader("Training makes the average cost small")
summary = cost_page.averages(state.model_key(), network)
st.write(f"One example's cost says little. What matters is the **average of C = Σ (a − y)² over all "
         f"{summary.train.n:,} training digits**, and training makes it small. It depends on every one of the "
         f"network's {network.params.size:,} weights and biases: change any of them and the outputs change, and "
         "with them the cost.")
left, middle, right_column = st.columns(3)
left.metric("Average Σ (a − y)², training digits", f"{summary.train.sum_of_squares:.3f}",
            help=f"C = Σ (a − y)² of each of the {summary.train.n:,} training digits, averaged")
middle.metric("Average Σ (a − y)², unseen test digits", f"{summary.test.sum_of_squares:.3f}",
              help=f"The same on the {summary.test.n:,} test digits, which it never trained on")
right_column.metric("Average Σ (a − y)², random weights", f"{summary.untrained.sum_of_squares:.3f}",
                    help="Before any training: a network with the same layers and random weights, averaged over the "
                         "training digits")
st.caption(f"With random weights, before any training, the average C = Σ (a − y)² is "
           f"{summary.untrained.sum_of_squares:.3f}; this network's is {summary.train.sum_of_squares:.3f}. On the test "
           "digits it is " + ("higher" if summary.test.sum_of_squares > summary.train.sum_of_squares else "not higher")
           + f" ({summary.test.sum_of_squares:.3f}): the network has seen the training digits, not these.")
if full:
    st.markdown(f"**The cost this network is trained on**, the {trained_on}, averaged the same way. Training "
                "made this one small; Σ (a − y)² fell with it.")
    left, middle, right_column = st.columns(3)
    left.metric(f"Average {trained_name}, training digits", f"{summary.train.model_cost:.3f}",
                help=f"The {trained_on} of each of the {summary.train.n:,} training digits, averaged")
    middle.metric(f"Average {trained_name}, unseen test digits", f"{summary.test.model_cost:.3f}",
                  help=f"The same on the {summary.test.n:,} test digits")
    right_column.metric(f"Average {trained_name}, random weights", f"{summary.untrained.model_cost:.3f}",
                        help="The same layers with random weights, on the training digits"
                             + (" (near −ln 0.1 = 2.3: with random weights the ten outputs spread around 0.1)"
                                if cost.probabilities else ""))

squares_chart = charts.shared(cost_histogram, summary.train_squares, "C = Σ (a − y)² of one training digit", ceiling=worst,
                               bins=20)
if full:
    left, right_column = st.columns(2, gap="medium")
    with left:
        charts.show(squares_chart, key="cost_histogram")
    with right_column:
        charts.show(charts.shared(cost_histogram, summary.train.per_example, f"{trained_on} of one training digit"),
                    key="cost_histogram_trained")
    st.caption("Most training digits cost almost nothing; the few it gets wrong cost the most (in the right-hand "
               "chart the last bar holds every cost of 5 or more).")
else:
    charts.show(squares_chart, key="cost_histogram")
    st.caption("Most training digits cost almost nothing; the few it gets wrong cost the most.")
st.caption("The heights are on a log scale: each mark up the side is ten times the one below (1, 10, 100, 1,000 "
           "digits). On an ordinary scale the thousands of digits that cost almost nothing would make the few costly "
           "ones too short to see.")

st.write("Finding the weights and biases that make this average small, by hand, is hopeless: there are "
         f"{network.params.size:,} knobs. Picture the average cost as a landscape over them; training walks "
         "downhill on it. The next page shows that landscape.")
navigation.show_next("cost")
