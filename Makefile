# CRM Lab — the two commands of README.md, and a few more for contributors.
#   make lab    set up .venv (first time only) and open JupyterLab on the start page
#   make test   set up .venv (first time only) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PORT   ?= 8888
LAB_ARGS ?=
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# LAB_ARGS="--port=8899" wins over PORT (Jupyter refuses two --port values).
PORT_ARG = $(if $(filter --port=% --port --ServerApp.port=%,$(LAB_ARGS)),,--port=$(PORT))
# JupyterLab refuses to start as root (containers, many JupyterHub images) unless told.
ROOT_ARGS := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

# `make lab PYTHON=python3.12` after $(VENV) exists: the venv was built by another
# interpreter, so it is rebuilt with the one asked for (never silently ignored).
# "Which interpreter built it" = the real path of the venv's base interpreter.
_REALPY = import os, sys; print(os.path.realpath(getattr(sys, "_base_executable", sys.executable)))
ifneq ($(filter command line environment,$(origin PYTHON)),)
ifneq ($(wildcard $(BIN)/python),)
WANT_PY := $(shell $(PYTHON) -c '$(_REALPY)' 2>/dev/null)
HAVE_PY := $(shell $(BIN)/python -c '$(_REALPY)' 2>/dev/null)
ifeq ($(WANT_PY),)
$(error PYTHON=$(PYTHON) cannot be run (无法运行 PYTHON=$(PYTHON)); $(VENV) was left as it is)
endif
ifneq ($(WANT_PY),$(HAVE_PY))
$(info PYTHON=$(PYTHON) is $(WANT_PY), but $(VENV) was built with $(or $(HAVE_PY),an interpreter that no longer runs): rebuilding $(VENV) with $(WANT_PY))
$(info （$(VENV) 由另一个 Python 创建，现按 PYTHON=$(PYTHON) 重新创建）)
ifeq ($(findstring n,$(firstword -$(MAKEFLAGS))),)
$(shell rm -rf $(VENV))
endif
endif
endif
endif

.PHONY: lab test venv strip data exercises exercises-check grade slides scenario test-browser bench clean help

help:
	@echo "make lab        open the workbook in JupyterLab (sets up $(VENV) on first use)"
	@echo "make test       run the whole test suite (sets up $(VENV) on first use)"
	@echo "make exercises  regenerate student editions, solutions and autograder bundles"
	@echo "make data       regenerate the simulated data sets and their cards"
	@echo "make strip      remove outputs from every notebook before committing"
	@echo "make grade CHAPTER=00_start_here SUBMISSIONS=folder   grade submissions offline"
	@echo "make gradebook COURSE=folder   grade COURSE/submissions/<chapter>/, write COURSE/gradebook.csv"
	@echo "make slides     export every notebook as an offline reveal.js deck (build/slides/)"
	@echo "make present NB=notebook   present a chapter as live slides (sliders work) in JupyterLab"
	@echo "make scenario NB=notebook PARAMS=file.yaml   run a notebook with other parameters (build/scenarios/)"
	@echo "make test-browser   open every notebook in JupyterLab in headless Chromium"
	@echo "make bench      speed measurements (benchmarks/README.md)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "CRM Lab needs Python 3.10 or newer (需要 Python 3.10 或更高版本); found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c '$(_REALPY)' > $(VENV)/.built-with  # which interpreter built it
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when pyproject.toml changes (new dependency) or the venv is new.
$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.lab-installed
	$(BIN)/python -m pip install --quiet -e ".[lab,test]"
	@touch $@

venv: $(VENV)/.test-installed

lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab $(PORT_ARG) --ServerApp.root_dir="$(CURDIR)" $(ROOT_ARGS) $(LAB_ARGS) notebooks/00_start_here.ipynb

# On every core (at most 4 workers: each starts kernels); idle workers take tests from busy ones.
PYTEST_ARGS ?= -n auto --maxprocesses=4 --dist worksteal
test: $(VENV)/.test-installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

strip: $(VENV)/.test-installed
	$(BIN)/python tools/notebooks.py strip notebooks exercises/*/source

exercises: $(VENV)/.test-installed
	$(BIN)/python tools/exercises.py build

exercises-check: $(VENV)/.test-installed
	$(BIN)/python tools/exercises.py check

grade: $(VENV)/.lab-installed
	@test -n "$(CHAPTER)" -a -n "$(SUBMISSIONS)" || { echo "usage: make grade CHAPTER=00_start_here SUBMISSIONS=path/to/folder"; exit 2; }
	$(BIN)/python tools/grading.py grade $(CHAPTER) $(SUBMISSIONS) $(GRADE_ARGS)

# COURSE/submissions/<chapter>/ → COURSE/scores/<chapter>.csv (resumes), then COURSE/gradebook.csv + plot
.PHONY: gradebook
gradebook: $(VENV)/.lab-installed
	@test -n "$(COURSE)" || { echo "usage: make gradebook COURSE=path/to/course  [GRADE_ARGS='--jobs 2 --timeout 120']"; exit 2; }
	$(BIN)/python tools/grading.py course $(COURSE) $(GRADE_ARGS)

slides: $(VENV)/.test-installed
	$(BIN)/python tools/slides.py

# Live slides with working sliders: a presentation copy in build/present/, opened in
# JupyterLab (jupyterlab-slideshow); tools/present.py adds --allow-root when run as root.
.PHONY: present
present: $(VENV)/.lab-installed
	@test -n "$(NB)" || { echo "usage: make present NB=notebooks/00_start_here.ipynb"; exit 2; }
	$(BIN)/python tools/present.py $(NB) --port=$(PORT) $(PRESENT_ARGS)

scenario: $(VENV)/.test-installed
	@test -n "$(NB)" -a -n "$(PARAMS)" || { echo "usage: make scenario NB=notebooks/00_start_here.ipynb PARAMS=notebooks/scenarios/00_start_here_high_cost.yaml"; exit 2; }
	$(BIN)/python tools/scenario.py $(NB) $(PARAMS)

# Debian/Ubuntu's Chromium and a CJK font; playwright drives it (it never downloads a browser).
# Two workers, each with its own JupyterLab and Chromium: a browser test mostly waits.
BROWSER_ARGS ?= -n auto --maxprocesses=2 --dist worksteal
test-browser: $(VENV)/.test-installed
	@(command -v chromium >/dev/null && fc-list :lang=zh | grep -q .) || ($(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver fonts-noto-cjk)
	$(BIN)/python -m pip install --quiet -e ".[lab,test,browser]"
	$(BIN)/python -m pytest tests/browser $(BROWSER_ARGS)

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_panels.py
	$(BIN)/python benchmarks/bench_ch5.py

data: $(VENV)/.test-installed
	$(BIN)/python -m crmlab.datasets build

clean:
	rm -rf build dist .pytest_cache
