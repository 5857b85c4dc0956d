# The two commands of the README: `make sample` and `make test`. Each installs what it needs into .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SAMPLE := ml_art/sample
RUN := runs/sample
export MPLBACKEND = Agg

.PHONY: install browser sample test nbdev-check readme clean

# Reinstall when the requirements change; the package itself is installed editable.
$(VENV)/.installed: settings.ini setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip 'setuptools<81' wheel packaging
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The main job on the bundled sample: figures, a small CPU-trained model, its evaluation and predictions.
sample: install
	$(BIN)/ml_art_analyze $(SAMPLE) --out $(RUN)/figures
	$(BIN)/ml_art_train $(SAMPLE) --out $(RUN)/model --bs 16
	$(BIN)/ml_art_evaluate $(RUN)/model --out $(RUN)/figures
	$(BIN)/ml_art_predict $(RUN)/model $(SAMPLE)/Baroque $(SAMPLE)/Japanese_Art $(SAMPLE)/Western_Medieval --top-k 3 > $(RUN)/predictions.csv
	cat $(RUN)/predictions.csv
	@echo "Figures in $(RUN)/figures, model in $(RUN)/model, predictions in $(RUN)/predictions.csv"

# Headless Chromium for the web-demo test (tests/test_app.py): the Debian/Ubuntu package, installed when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The whole test suite: notebooks exported and clean, notebooks run, README in sync, pytest on the installed package.
test: install nbdev-check browser
	$(BIN)/nbdev_test --n_workers 2
	$(BIN)/python -m pytest tests -q

nbdev-check: install
	PATH="$(abspath $(BIN)):$$PATH" bash .ci/check_nbdev

readme:
	$(BIN)/python .ci/make_readme.py

clean:
	rm -rf $(RUN) _docs _proc build dist *.egg-info
