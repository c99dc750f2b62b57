# CRM Lab — the two commands of README.md, and a few more for contributors.
#   make lab    set up .venv (first time only) and open JupyterLab on the start page
#   make test   set up .venv (first time only) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PORT   ?= 8888
LAB_ARGS ?=

.PHONY: lab test venv strip data exercises exercises-check grade clean help

help:
	@echo "make lab        open the workbook in JupyterLab (sets up $(VENV) on first use)"
	@echo "make test       run the whole test suite (sets up $(VENV) on first use)"
	@echo "make exercises  regenerate student editions, solutions and autograder bundles"
	@echo "make data       regenerate the simulated data sets and their cards"
	@echo "make strip      remove outputs from every notebook before committing"
	@echo "make grade CHAPTER=00_start_here SUBMISSIONS=folder   grade submissions offline"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "CRM Lab needs Python 3.10 or newer (需要 Python 3.10 或更高版本); found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
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
	$(BIN)/jupyter lab --port=$(PORT) $(LAB_ARGS) notebooks/00_start_here.ipynb

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

strip: $(VENV)/.test-installed
	$(BIN)/python tools/notebooks.py strip notebooks exercises/*/source

exercises: $(VENV)/.test-installed
	$(BIN)/python tools/exercises.py build

exercises-check: $(VENV)/.test-installed
	$(BIN)/python tools/exercises.py check

grade: $(VENV)/.lab-installed
	@test -n "$(CHAPTER)" -a -n "$(SUBMISSIONS)" || { echo "usage: make grade CHAPTER=00_start_here SUBMISSIONS=path/to/folder"; exit 2; }
	$(BIN)/python tools/exercises.py grade $(CHAPTER) $(SUBMISSIONS)

data: $(VENV)/.test-installed
	$(BIN)/python -m crmlab.datasets build

clean:
	rm -rf build dist .pytest_cache
