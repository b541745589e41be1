# assistant: `make run` (set up, then run on the embedded default) and `make test` (set up, then test).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DEBS    := libportaudio2 espeak-ng libsndfile1 systemd
DEMO    := demo/.made

.PHONY: setup debs run listen test bench soak clean install uninstall

setup: debs $(STAMP) $(DEMO)

# Debian packages: installed when missing and we are root; otherwise the exact command is printed.
debs:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "missing Debian packages:$$missing"; \
	    echo "run this, then make again:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# The virtual environment. torch==2.13.0 (CPU, from local disk) goes first so that nothing else
# can pull a newer or CUDA build; packages that only carry weights go in with --no-deps.
$(STAMP): requirements.txt requirements-nodeps.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps -r requirements-nodeps.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

# Demo recordings and the demo media library, made here with the project's own TTS.
$(DEMO): $(STAMP) assistant/demo.py assistant/demo_library.py
	$(BIN)/python -m assistant.demo
	$(BIN)/python -m assistant.demo_library
	touch $@

run: setup
	@if $(BIN)/python -c "import sys, assistant.audio as a; sys.exit(0 if a.input_devices() else 1)"; then \
	  echo "== microphone found: say \"hey speaker\", then a command (Ctrl-C to stop)"; \
	  $(BIN)/assistant run; \
	else \
	  echo "== no microphone here: running the voice loop on the demo conversation demo/conversation.wav"; \
	  echo "== (replies and music go to WAV files in the state directory)"; \
	  $(BIN)/assistant run --input demo/conversation.wav; \
	fi

listen: setup
	$(BIN)/assistant listen --input demo/commands.wav

test: setup
	$(BIN)/python -m pytest -q tests

# Each benchmark prints its figure beside its anchor (as a ratio) and writes bench/results/*.md
# with the command that made it. The soak (1,000 commands, about an hour) is `make soak`.
bench: setup
	$(BIN)/python bench/asr.py
	$(BIN)/python bench/asr_edge.py --threads 2 --whisper
	$(BIN)/python bench/lead_in.py
	$(BIN)/python bench/nlu.py
	$(BIN)/python bench/recommend.py --seed 0 1 2
	$(BIN)/python bench/library_scale.py
	$(BIN)/python bench/spoken_names.py
	$(BIN)/python bench/wake.py
	$(BIN)/python bench/asr_prompt.py
	$(BIN)/python bench/e2e.py
	$(BIN)/python bench/spoken_intent.py

soak: setup
	$(BIN)/python bench/soak.py --n 1000 --snr 10 --threads 2

# The systemd service (see systemd/assistant.service): the unit with ExecStart = this checkout's
# .venv/bin/assistant (reference layout: the checkout at /opt/assistant), the `assistant` system
# user, /etc/assistant/config.toml (kept if present) and /etc/assistant/trusted-keys/, enabled.
# DESTDIR=/some/dir installs under that directory instead (nothing else is touched).
# `make uninstall` keeps history, models and config; `make uninstall PURGE=1` removes them too.
install: setup
	$(BIN)/assistant service install --root "$(or $(DESTDIR),/)"

uninstall:
	$(BIN)/assistant service uninstall --root "$(or $(DESTDIR),/)" $(if $(PURGE),--purge)

clean:
	rm -rf $(VENV) demo .pytest_cache
