"""The Gradient-descent page."""


from tests.app.conftest import all_text, chart_specs

PRESET_WORDS = {"creep": "creeping", "converge": "settles in the valley", "overshoot": "overshoots"}


def test_descent_presets_and_the_walk_in_words(descent_page):
    for name, words in PRESET_WORDS.items():
        descent_page.button(key=f"descent-{name}").click().run()
        assert words in all_text(descent_page), name
    assert len(chart_specs(descent_page)) == 2


def test_every_enabled_preset_does_what_it_says_on_the_real_networks(descent_page):
    """On each model's default landscape and a few others, a preset's button is disabled (with a reason) or true."""
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    enabled = set()
    for model, target in (("classic", 3), ("classic", 8), ("best", 3), ("best", 0)):
        descent_page.radio(key="model_choice").set_value(model).run()
        descent_page.selectbox(key="descent_target").set_value(target).run()
        descent_page.slider(key=next(k for k in _slider_keys(descent_page) if "start1" in k)).set_value(0.0).run()
        for name, words in PRESET_WORDS.items():
            button = descent_page.button(key=f"descent-{name}")
            if button.disabled:
                assert "No learning rate" in button.help or "Even the largest" in button.help
                continue
            enabled.add((model, name))
            button.click().run()
            assert words in all_text(descent_page), (model, target, name)
    assert {("classic", n) for n in PRESET_WORDS} <= enabled   # the classic model's landscapes show all three


def _slider_keys(at):
    return [s.key for s in at.slider if s.key]


def test_descent_play_walks_one_step_per_tick(descent_page):
    descent_page.button(key="descent_play").click().run()
    shown = [descent_page.session_state["descent_shown"]]
    descent_page.run()
    shown.append(descent_page.session_state["descent_shown"])
    assert shown == [1, 2]


def test_descent_on_the_real_network(descent_page):
    descent_page.segmented_control(key="descent_problem").set_value("network").run()
    descent_page.selectbox(key="descent_target").set_value(7).run()
    assert not descent_page.exception
    contour = next(s for s in chart_specs(descent_page) if s["data"][0]["type"] == "contour")
    assert "w (hidden 0 → output 7)" in contour["layout"]["xaxis"]["title"]["text"]
