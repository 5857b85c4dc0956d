"""Train with mixed precision on a CUDA GPU, time training and inference, then check the model on the CPU.

Run through bench/gpu.sh. Prints training images/s (all epochs), inference images/s of `predict_style` on the GPU, and
whether the saved model directory loads and predicts the same styles on the CPU."""
import json, sys, tempfile, time
from pathlib import Path
import torch
from ml_art.data import style_index
from ml_art.train import train_style_model
from ml_art.models import load_style_model
from ml_art.infer import predict_style

data = sys.argv[1] if len(sys.argv) > 1 else 'ml_art/sample'
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
cuda = torch.cuda.is_available()  # efficientnet_lite0 below: the device machine cannot reach the hub for ConvNeXt
print(f"device: {torch.cuda.get_device_name() if cuda else 'CPU (no CUDA: a functional check only)'}; torch {torch.__version__}")
out = Path(tempfile.mkdtemp())/'model'
t = time.perf_counter()
train_style_model(data, out, arch='efficientnet_lite0', recipe='finetune', epochs=epochs, freeze_epochs=1, lr=1e-3, bs=64 if cuda else 16,
                  size=224 if cuda else 64, num_workers=8 if cuda else 0, progress=False)
cfg = json.loads((out/'config.json').read_text())
n_train, secs = cfg['metrics']['n_train'], cfg['training']['seconds']
print(f"training: {n_train * (epochs + 1) / secs:.1f} images/s over {epochs + 1} epochs ({secs:.1f} s, mixed precision: "
      f"{'bf16' if cuda and torch.cuda.is_bf16_supported() else 'fp16' if cuda else 'none'}); valid accuracy {cfg['metrics']['valid_accuracy']:.3f}")
paths = list(style_index(data)['path'])
sm = load_style_model(out, device='cuda' if cuda else 'cpu')
predict_style(paths[:64], model=sm, bs=64)  # warm-up
t = time.perf_counter(); gpu_preds = predict_style(paths, model=sm, bs=64); dt = time.perf_counter() - t
print(f"inference: {len(paths) / dt:.1f} images/s with predict_style ({len(paths)} images, decoding included)")
cpu_preds = predict_style(paths[:32], model=load_style_model(out, device='cpu'), bs=32)
same = sum(a.style == b.style for a, b in zip(gpu_preds[:32], cpu_preds))
print(f"CPU reload: {same}/32 predictions agree with the GPU's")
assert same >= 31, 'the saved model predicts differently on the CPU'
