#!/usr/bin/env bash
# Runs the experiments of experiments/ and collects their results
# into experiments/<name>/: study.md (werkbank collect's table), study.json
# (its data, which the notebooks read), accuracy.png (its dot plot) and runs/
# (every run's result.json and train.log).
#
#   scripts/experiments.sh post-seeds   the post's exact run over seeds: werkbank and the PyTorch peer
#   scripts/experiments.sh augment      the post's model with augmentation: one cycle to 0.01 (15 and 30 epochs; and in the usual BatchNorm form, with dropout 0.2 and without) and cosine decay with dropout 0.2, ReduceLROnPlateau with 0.4 and 0.2
#   scripts/experiments.sh schedules    the post's constant 0.001 vs the range test's 0.01, constant and one-cycle
#   scripts/experiments.sh batchnorm    MaxPooling2D vs BatchNormalization in its place and in the usual form (accuracy, time per epoch; constant rate and one cycle)
#   scripts/experiments.sh quick        the post's model under the quick budget (werkbank train --quick) over seeds: the spread the workshop compares with
#   scripts/experiments.sh kaggle       Chris Deotte's Kaggle model (experiments/kaggle/model.json) trained his way over seeds, then their ensemble (werkbank ensemble)
#   scripts/experiments.sh collect NAME only collect what runs/experiments/NAME holds (and ensemble kaggle's), under
#                                       the study's own title or TITLE
#
# Environment: SEEDS (default per experiment, e.g. 1-10), JOBS (runs at once,
# default 1: on 2 cores one run uses both), EPOCHS (default 15, the post's;
# smaller for a reduced budget, which the study table then shows in its
# commands), RUNS (default runs/experiments), RESULTS (default experiments),
# WERKBANK (a werkbank binary to use instead of building bin/werkbank),
# TORCH_DEVICE (cpu, cuda or auto; default cpu), TRAIN_FLAGS (more train flags
# for every werkbank run, e.g. "--limit-train 500" for a smoke test; PyTorch
# runs get --limit-train/--limit-test from it too). Runs go to $RUNS/NAME, the
# collected results to $RESULTS/NAME; an interrupted experiment resumes where
# it stopped (werkbank sweep skips finished runs and resumes a run from its
# checkpoint). experiments/gpu.sh runs them on a GPU.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
RUNS=${RUNS:-runs/experiments}
JOBS=${JOBS:-1}
EPOCHS=${EPOCHS:-15}
RESULTS=${RESULTS:-experiments}
TORCH_DEVICE=${TORCH_DEVICE:-cpu}
PYTHON=${PYTHON:-/usr/bin/python3} # Debian's, with python3-torch
W=${WERKBANK:-bin/werkbank}

die() { printf 'experiments: %s\n' "$*" >&2; exit 1; }
[ $# -ge 1 ] || die "usage: scripts/experiments.sh post-seeds|quick|augment|schedules|batchnorm|kaggle|collect NAME"

build() { [ -n "${WERKBANK:-}" ] || make --no-print-directory build >/dev/null; }

# sweep NAME SEEDS [sweep flags] -- [train flags]
sweep() {
	local name=$1 seeds=$2
	shift 2
	# shellcheck disable=SC2086 # TRAIN_FLAGS is a list of flags
	"$W" sweep --out "$RUNS/$name" --seeds "$seeds" --jobs "$JOBS" "$@" ${TRAIN_FLAGS:-}
}

# title NAME: the title of experiment NAME's study.md.
title() {
	case $1 in
	post-seeds) echo "The post's run over seeds: werkbank and PyTorch" ;;
	quick) echo "The post's model under the quick budget" ;;
	augment) echo "The post's model with augmentation: ReduceLROnPlateau, cosine decay or one cycle, dropout 0.4, 0.2, 0.1 or none, 15 or 30 epochs, MaxPooling2D or the usual BatchNorm form" ;;
	schedules) echo "Learning rates: the post's 0.001, the range test's 0.01, one cycle to 0.01" ;;
	batchnorm) echo "MaxPooling2D vs BatchNormalization in its place vs Conv2D-BatchNormalization-ReLU-MaxPooling2D, by budget and learning rate" ;;
	kaggle) echo "Chris Deotte's Kaggle model, his training, over seeds" ;;
	*) echo "$1" ;;
	esac
}

# collect NAME [TITLE]: a copy of every finished run's result.json and train.log into
# $RESULTS/NAME/runs, then the table and the dot plot of those copies (so the
# table names the committed runs). The "base" level that werkbank sweep puts
# under a sweep without a grid is left out of the copies, as in the committed runs
# (onecycle-0.01-dropout-0.2/seed-1), so a run collected again replaces its copy.
# TITLE is the study's title (default: title NAME).
collect() {
	local name=$1 title=${2:-} dest=$RESULTS/$1
	[ -n "$title" ] || title=$(title "$1")
	mkdir -p "$dest"
	(cd "$RUNS/$name" && find -L . -name result.json) | while read -r f; do # finished runs only
		local run copy
		run=$(dirname "$f")
		copy=$dest/runs/${run/\/base\//\/}
		mkdir -p "$copy"
		cp "$RUNS/$name/$f" "$copy/"
		if [ -f "$RUNS/$name/$run/train.log" ]; then cp "$RUNS/$name/$run/train.log" "$copy/"; fi
	done
	"$W" collect "$dest/runs" --title "$title" --out "$dest/study.md" --figure "$dest/accuracy.png"
	echo "experiments: wrote $dest/study.md, $dest/study.json, $dest/accuracy.png and $dest/runs/"
}

# ensemble NAME: werkbank ensemble of every finished run under $RUNS/NAME (each
# run's model/), the same test images as the runs (--limit-test of
# TRAIN_FLAGS), into $RESULTS/NAME/ensemble.txt (its table) and ensemble.json.
ensemble() {
	local name=$1 dest=$RESULTS/$1 runs=()
	mkdir -p "$dest"
	mapfile -t runs < <(cd "$RUNS/$name" && find -L . -name result.json -printf '%h\n' | sort)
	[ ${#runs[@]} -gt 0 ] || { echo "experiments: no finished run in $RUNS/$name to ensemble"; return 0; }
	# shellcheck disable=SC2046 # the --limit-test flag of TRAIN_FLAGS, split
	"$W" ensemble --json "$dest/ensemble.json" $(echo " ${TRAIN_FLAGS:-} " | grep -o -- '--limit-test [0-9]*') \
		"${runs[@]/#./$RUNS/$name}" | tee "$dest/ensemble.txt"
	echo "experiments: wrote $dest/ensemble.txt and $dest/ensemble.json"
}

# seeds LIST: the seeds of a --seeds list such as 1-10 or 1,3,5, one a line.
seeds() {
	local IFS=, part
	for part in $1; do
		case $part in
		*-*) seq "${part%-*}" "${part#*-}" ;;
		*) echo "$part" ;;
		esac
	done
}

torch_seeds() { # the PyTorch peer (bench/torch_blog.py), one run per seed, as werkbank collect reads it
	local dir=$1 s
	for s in $(seeds "$2"); do
		local d=$dir/seed-$s
		[ -f "$d/result.json" ] && continue
		mkdir -p "$d"
		# shellcheck disable=SC2046 # the limit flags of TRAIN_FLAGS, split
		"$PYTHON" bench/torch_blog.py --train --device "$TORCH_DEVICE" --epochs "$EPOCHS" --seed "$s" --json \
			$(echo " ${TRAIN_FLAGS:-} " | grep -o -- '--limit-t[a-z]* [0-9]*') >"$d/result.json.tmp" 2>"$d/train.log"
		mv "$d/result.json.tmp" "$d/result.json"
		echo "torch seed $s: $(grep -o '"test_acc": [0-9.]*' "$d/result.json")"
	done
}

build
case $1 in
post-seeds)
	seeds=${SEEDS:-1-10}
	sweep post-seeds/werkbank "$seeds" -- --epochs "$EPOCHS"
	"$PYTHON" -c 'import torch' 2>/dev/null || die "PyTorch missing for $PYTHON: apt-get install python3-torch python3-numpy"
	torch_seeds "$RUNS/post-seeds/pytorch" "$seeds"
	collect post-seeds
	;;
quick)
	sweep quick "${SEEDS:-1-10}" -- --quick
	collect quick
	;;
augment)
	# The newest configurations first (the usual BatchNorm form without dropout,
	# then with dropout 0.2, then rates that always decay, tried after plateau's
	# mixed seeds), so that a time-boxed GPU run spends its budget there. The
	# seed-1 probes (dropout 0.1, milder shifts and zooms, no L2) are in the
	# README, not here.
	sweep augment/onecycle-0.01-bn-max-less-dropout "${SEEDS:-1-3}" --grid dropout=0 -- --epochs "$EPOCHS" --augment --lr 0.01 --lr-schedule onecycle --pooling bn-max
	sweep augment/onecycle-0.01-dropout-0.2-bn-max "${SEEDS:-1-3}" --grid pooling=bn-max -- --epochs "$EPOCHS" --augment --lr 0.01 --lr-schedule onecycle --dropout 0.2
	sweep augment/onecycle-0.01-dropout-0.2 "${SEEDS:-1-3}" -- --epochs "$EPOCHS" --augment --lr 0.01 --lr-schedule onecycle --dropout 0.2
	sweep augment/cosine-dropout-0.2 "${SEEDS:-1-3}" -- --epochs "$EPOCHS" --augment --lr-schedule cosine --dropout 0.2
	sweep augment/plateau "${SEEDS:-1-3}" -- --epochs "$EPOCHS" --augment --lr-schedule plateau
	sweep augment/plateau-dropout-0.2 "${SEEDS:-1-3}" -- --epochs "$EPOCHS" --augment --lr-schedule plateau --dropout 0.2
	# Twice the budget: the BatchNorm form, and the post's form with the L2
	# factor that won seed 1 on val_acc (README).
	sweep "augment/onecycle-0.01-dropout-0.2-bn-max-$((2 * EPOCHS))-epochs" "${SEEDS:-1-3}" --grid pooling=bn-max -- --epochs $((2 * EPOCHS)) --augment --lr 0.01 --lr-schedule onecycle --dropout 0.2
	sweep "augment/onecycle-0.01-dropout-0.2-$((2 * EPOCHS))-epochs" "${SEEDS:-1-3}" --grid l2=0.001 -- --epochs $((2 * EPOCHS)) --augment --lr 0.01 --lr-schedule onecycle --dropout 0.2
	collect augment
	;;
schedules)
	seeds=${SEEDS:-1-3}
	sweep schedules/constant-0.01 "$seeds" -- --epochs "$EPOCHS" --lr 0.01
	sweep schedules/onecycle-0.01 "$seeds" -- --epochs "$EPOCHS" --lr 0.01 --lr-schedule onecycle
	sweep schedules/constant-0.001 "$seeds" -- --epochs "$EPOCHS"
	collect schedules
	;;
batchnorm)
	# One directory per budget, as the committed runs/5-epochs and runs/15-epochs.
	sweep "batchnorm/$EPOCHS-epochs" "${SEEDS:-1-3}" --grid pooling=max,batchnorm,bn-max -- --epochs "$EPOCHS"
	# The usual form with a rate that falls toward the end, as the post's model
	# in schedules/onecycle-0.01 (its moving statistics lag a constant rate).
	sweep "batchnorm/$EPOCHS-epochs-onecycle" "${SEEDS:-1-3}" --grid pooling=bn-max -- --epochs "$EPOCHS" --lr 0.01 --lr-schedule onecycle
	collect batchnorm
	;;
kaggle)
	# Chris Deotte's training (experiments/kaggle/README.md): Adam at 1e-3 times
	# 0.95 each epoch, batch size 64, his augmentation, 30 epochs (twice
	# EPOCHS); then the ensemble of the seeds' models.
	sweep kaggle "${SEEDS:-1-5}" -- --spec experiments/kaggle/model.json --epochs $((2 * EPOCHS)) --batch-size 64 \
		--optimizer adam --lr 0.001 --lr-schedule step --lr-every 1 --lr-factor 0.95 --augment
	collect kaggle
	ensemble kaggle
	;;
collect)
	[ $# -ge 2 ] || die "usage: scripts/experiments.sh collect NAME"
	collect "$2" "${TITLE:-}"
	if [ "$2" = kaggle ]; then ensemble kaggle; fi
	;;
*) die "unknown experiment $1" ;;
esac
