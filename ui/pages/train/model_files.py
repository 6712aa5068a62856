"""The trained model: its report on the test digits, using it on every page, downloading it, uploading one."""
from __future__ import annotations

import streamlit as st

from nn_core.errors import NNCoreError
from nn_core.evaluate import Report, report
from nn_core.modelfile import Model, load_model, model_bytes
from nn_core.training import Trainer
from ui import state
from ui.pages.train import live
from ui.pages.train.recipe import current_recipe
from ui.plain import plain
from ui.scores import measured_test_accuracy


def test_report(current: Trainer) -> Report:
    """Answers, mistakes and confusion matrix on the test digits (computed once per training step)."""
    steps, saved = st.session_state.get(state.TRAIN_REPORT) or (None, None)
    if saved is None or steps != current.steps_done:
        saved = report(current.network, current.test)
        st.session_state[state.TRAIN_REPORT] = (current.steps_done, saved)
    return saved


def trained_model(current: Trainer) -> Model:
    recipe = current_recipe()
    report = test_report(current)
    return Model(current.network.copy(), {
        "name": "your trained model", "description": f"trained in the app for {current.epoch_progress:.1f} epochs",
        "recipe": {"sizes": list(current.network.sizes), "activation": current.network.activation.name,
                   "cost": current.network.cost.name, "start": recipe.start, **recipe.config.to_dict()},
        "test_accuracy": report.accuracy, "test_n": len(current.test), "test_data": current.test.name,
    })


def use_everywhere() -> None:
    state.set_custom_model(trained_model(live.trainer()))


def download_button(current: Trainer) -> None:
    """Download the trained model as .npz (the file is made only when the button is pressed)."""
    model = trained_model(current)
    st.download_button("Download the model (.npz)", data=lambda: model_bytes(model), file_name="my-network.npz",
                       mime="application/octet-stream", icon=":material/download:", key="download_model")


def _model_uploaded(widget: str) -> None:
    """The uploader's callback (it runs before the page, so it may switch the model in use)."""
    upload = st.session_state.get(widget)
    if upload is None:
        st.session_state[state.MODEL_PROBLEM] = None
        return
    try:
        model = load_model(upload.getvalue())
    except NNCoreError as exc:
        st.session_state[state.MODEL_PROBLEM] = (f"{plain(upload.name)} cannot be used: {plain(exc, 300)}. "
                                                   "The current model stays.")
        return
    claims = file_claims(model)
    model.metadata = {"name": f"{upload.name[:60]} (uploaded)", "claims": claims}
    state.set_custom_model(model)
    st.session_state[state.MODEL_PROBLEM] = None


def file_claims(model: Model) -> str:
    """What an uploaded model file says about itself, in one line (its validated metadata only)."""
    parts = [f"“{model.name}”"] if model.metadata.get("name") else []
    if model.description:
        parts.append(model.description)
    if model.test_accuracy is not None:
        on = f" on {model.test_n:,} test digits" if model.test_n is not None else ""
        parts.append(f"{model.test_accuracy:.1%} right{on}")
    return ", ".join(parts)


def model_upload() -> None:
    """Upload a model file: validated; a bad file gets a sentence and the current model stays."""
    widget = state.generation_key(state.MODEL_UPLOAD)
    st.file_uploader("Upload a model (.npz)", type=["npz"], key=widget, on_change=_model_uploaded, args=(widget,),
                     help="A model file saved by this app or by `python -m nn_core train`")
    if st.session_state.get(state.MODEL_PROBLEM):
        st.error(st.session_state[state.MODEL_PROBLEM])
    elif st.session_state.get(state.CUSTOM_MODEL) is not None:
        model = state.current_model()
        measured = measured_test_accuracy(state.model_key(), model.network)
        st.success(f"In use on every page: {plain(model.name)} ({model.network.describe()}). Measured here: "
                   f"{measured:.1%} right on the 1,000 unseen test digits.")
        if model.metadata.get("claims"):
            st.caption(f"The file says: {plain(model.metadata['claims'], 300)}. That is the file's own claim; the "
                       "number above is this app's measurement.")
