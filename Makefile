# Two commands on a fresh machine:  make demo   and   make test
# Both create .venv (or reuse it) with the grader, and build the course kernel (the separate
# environment student notebooks run in: `grader kernel build`, grader/kernels/course.txt).
PYTHON ?= python3
VENV ?= .venv
CONSTRAINTS ?= constraints.txt
BIN := $(VENV)/bin
STAMP := $(VENV)/.grader-installed
OUT ?= out/demo
PYTEST_ARGS ?=

.PHONY: setup kernel system-deps demo test test-quick lint clean screenshot

setup: $(STAMP) system-deps kernel

# The course kernel: kept when it already matches the course list (a second or so), else built.
kernel: $(STAMP)
	$(BIN)/grader kernel build --constraints $(CONSTRAINTS)

# System packages from Debian: bubblewrap (the sandbox of `grader grade --run`, docs/sandbox.md),
# chromium and a Korean font (screenshots of reports and apps). Installing them needs root;
# without root, setup only says how, and the tests that need them skip with the reason.
system-deps:
	@missing=""; command -v bwrap >/dev/null || missing="$$missing bubblewrap"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list :lang=ko 2>/dev/null | grep -q . || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else echo "시스템 패키지가 없습니다: sudo apt-get install -y$$missing"; fi; \
	fi

$(STAMP): pyproject.toml $(CONSTRAINTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[run,apps,judges,batch,cluster,dev]'
	touch $(STAMP)

demo: setup
	rm -rf $(OUT)
	$(BIN)/grader assignments list
	$(BIN)/grader grade examples/submissions/cnn-digits/* -a cnn-digits -o $(OUT)/submissions
	$(BIN)/grader grade examples/submissions/gan-digits/* -a gan-digits -o $(OUT)/gan-digits
	$(BIN)/grader grade examples/submissions/regression-diabetes/* -a regression-diabetes -o $(OUT)/regression-diabetes
	$(BIN)/grader grade examples/submissions/denoise-digits/* -a denoise-digits -o $(OUT)/denoise-digits
	$(BIN)/grader grade examples/submissions/superres-digits/* -a superres-digits -o $(OUT)/superres-digits
	$(BIN)/grader grade examples/submissions/textgen-korean/* -a textgen-korean -o $(OUT)/textgen-korean
	$(BIN)/grader grade examples/submissions/sentiment-korean/* -a sentiment-korean -o $(OUT)/sentiment-korean
	$(BIN)/grader grade examples/submissions/transfer-learning/* -a transfer-learning -o $(OUT)/transfer-learning
	# packs that mount data: their stand-ins (prepare.py), so saved masks and translations are measured
	$(BIN)/grader data fake -a translation-seq2seq --out $(OUT)/data
	$(BIN)/grader data fake -a unet-segmentation --out $(OUT)/data
	$(BIN)/grader grade examples/submissions/translation-seq2seq/* -a translation-seq2seq --data $(OUT)/data -o $(OUT)/translation-seq2seq
	$(BIN)/grader grade examples/submissions/unet-segmentation/* -a unet-segmentation --data $(OUT)/data -o $(OUT)/unet-segmentation
	$(BIN)/grader pack validate regression-diabetes
	$(BIN)/grader grade reference_solutions/cnn-digits/solution.ipynb examples/submissions/cnn-digits/broken.ipynb -a cnn-digits -o $(OUT)/executed --run
	# exit status 1 = the weak example has items to fix (what the student sees); 2 would be an error
	$(BIN)/grader check examples/submissions/cnn-digits/weak.ipynb -a cnn-digits || [ $$? -eq 1 ]
	@echo "리포트: $(OUT)/submissions/*/report.html (저장된 출력), $(OUT)/submissions/class_summary.md (반 요약), $(OUT)/executed/*/report.html (샌드박스 실행)"

screenshot: demo
	mkdir -p $(OUT)/screenshots
	for report in $(OUT)/submissions/*/report.html; do \
		name=$$(basename $$(dirname $$report)); \
		$(BIN)/python -m grader.report.screenshot $$report $(OUT)/screenshots/$$name.png; \
	done

lint: setup
	$(BIN)/ruff check grader tests
	$(BIN)/mypy
	$(BIN)/lint-imports

test: setup lint
	GRADER_STRICT_MESSAGES=1 $(BIN)/pytest $(PYTEST_ARGS)

test-quick: setup
	GRADER_STRICT_MESSAGES=1 $(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
