# Two commands do everything on a fresh machine:
#   make run    install the app's packages into .venv and start it on the embedded digits
#   make test   install the test tools (Chromium for the browser tests, PostgreSQL for the classroom's) and run every test
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PORT   ?= 8501

.PHONY: run test test-fast lint bench models screenshots clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

# uvicorn believes X-Forwarded-For from this machine unless FORWARDED_ALLOW_IPS says otherwise: empty, unless set
run: $(VENV)/.runtime
	FORWARDED_ALLOW_IPS="$${FORWARDED_ALLOW_IPS-}" $(BIN)/streamlit run app.py --server.port $(PORT)

# Two workers (tests/conftest.py says which tests keep together); every test over 2 s is listed with its time,
# and every test's time is kept in .test-times.xml for the next plan.
PYTEST_PARALLEL = -n 2 --dist loadgroup --durations=0 --durations-min=2 --junitxml=.test-times.xml

test: $(VENV)/.dev
	$(BIN)/ruff check .
	scripts/install_chromium.sh
	NN_REQUIRE_BROWSER=1 NN_REQUIRE_POSTGRES=1 scripts/with_postgres.sh $(BIN)/python -m pytest $(PYTEST_PARALLEL)

test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -n 2 -m "not browser and not slow"

lint: $(VENV)/.dev
	$(BIN)/ruff check .

bench: $(VENV)/.runtime
	$(BIN)/python scripts/bench.py

models: $(VENV)/.runtime
	$(BIN)/python scripts/build_models.py

screenshots: $(VENV)/.dev
	scripts/install_chromium.sh
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis .test-times.xml
