"""Speed of `predict_style` on a folder of real paintings, in one process, against
- a loop of fastai's `learn.predict` over the same files, with the `export.pkl` of the same model, and
- a hand-written batched torch loop (decode, resize, normalise, forward) with the same loaded network, batch size too;
and the time to load the model directory against `load_learner` of the equivalent `export.pkl`.

Bars (issue 5): at least 1.5x the `learn.predict` loop, at least 0.8x the hand-written loop, load at most half of
`load_learner`'s time. The model is the default CPU recipe's network (EfficientNet-Lite0 body, statistics at 320 and
224 px, mirrored pass): trained weights or not, the arithmetic is the same. Run:
    python bench/predict.py [--data ../shared/wikiart_mini] [--n 600] [--model MODEL_DIR]"""
import argparse, os, shutil, sys, tempfile, time
from pathlib import Path
import numpy as np
import torch
from PIL import Image
from fastai.learner import Learner, load_learner
from ml_art.data import STYLES, sample_dir, style_index
from ml_art.dataloaders import style_dataloaders
from ml_art.models import style_learner, save_style_model, load_style_model
from ml_art.infer import predict_style, default_batch_size

def pick_paintings(data, n:int, dest:Path) -> list[Path]:
    "`n` paintings taken in turn from each style, copied into `dest/<style>/`"
    df = style_index(data)
    by_style = [list(g['path']) for _, g in df.groupby('style', observed=True)]
    picked = [p for i in range(max(map(len, by_style))) for ps in by_style if i < len(ps) for p in [ps[i]]][:n]
    out = []
    for p in picked:
        q = dest/Path(p).parent.name/Path(p).name; q.parent.mkdir(parents=True, exist_ok=True); shutil.copy(p, q); out.append(q)
    return sorted(out)

def default_model(dest:Path) -> Path:
    "The default CPU recipe's network with ImageNet weights and an untrained head, saved as a model directory"
    dls = style_dataloaders(sample_dir(), size=320, bs=16, num_workers=0, device='cpu')
    save_style_model(style_learner(dls, scales=(1.0, 0.7)), dest)
    return dest

def export_equivalent(model_dir:Path, pkl:Path):
    "fastai's `export.pkl` of the same network and transforms, as `ml_art_train --export-pkl` writes it"
    sm = load_style_model(model_dir, fold_bn=False)  # the network as training left it
    norm = sm.config['normalization']
    dls = style_dataloaders(sample_dir(), size=sm.size, bs=16, num_workers=0, device='cpu', aug=False, stats=(norm['mean'], norm['std']))
    Learner(dls, sm.model.to(memory_format=torch.contiguous_format)).export(pkl)  # as a trained learner is exported

def hand_loop(model, files, size, mean, std, bs):
    "What one writes by hand: PIL decode, bilinear squish, normalise, batched forward"
    res = []
    for i in range(0, len(files), bs):
        xs = [torch.from_numpy(np.asarray(Image.open(f).convert('RGB').resize((size, size), Image.BILINEAR), dtype=np.float32)).permute(2, 0, 1)
              for f in files[i:i + bs]]
        with torch.inference_mode(): res.append(model((torch.stack(xs) / 255 - mean) / std).softmax(1).argmax(1))
    return torch.cat(res)

def timed(fn, repeat=1):
    best = float('inf')
    for _ in range(repeat):
        t = time.perf_counter(); out = fn(); best = min(best, time.perf_counter() - t)
    return best, out

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=str(Path(__file__).resolve().parents[1].parent/'shared'/'wikiart_mini'))
    ap.add_argument('--n', type=int, default=600); ap.add_argument('--model', default=None)
    ap.add_argument('--bs', type=int, default=None, help="images per forward pass, for predict_style and the hand loop; predict_style's default when not given")
    a = ap.parse_args()
    a.bs = a.bs or default_batch_size('cpu')
    tmp = Path(tempfile.mkdtemp())
    try:
        files = pick_paintings(a.data, a.n, tmp/'paintings')
        model_dir = Path(a.model) if a.model else default_model(tmp/'model')
        export_equivalent(model_dir, tmp/'export.pkl')
        sm = load_style_model(model_dir)
        print(f"{len(files)} paintings from {a.data}; model {model_dir.name}: {sm.config['arch']}, {sm.size} px, scales {sm.config.get('scales')}, "
              f"bs {a.bs}; {os.cpu_count()} cores, torch {torch.__version__} with {torch.get_num_threads()} threads")

        # loading: best of 5, after a first load of each (imports and file cache warm)
        load_style_model(model_dir); load_learner(tmp/'export.pkl', cpu=True)
        t_ours, _ = timed(lambda: load_style_model(model_dir), 5)
        t_fa, _ = timed(lambda: load_learner(tmp/'export.pkl', cpu=True), 5)

        predict_style(files[:a.bs], model=sm, bs=a.bs)  # warm-up
        t_pred, preds = timed(lambda: predict_style(tmp/'paintings', model=sm, bs=a.bs))
        norm = sm.config['normalization']
        mean, std = torch.tensor(norm['mean']).view(1, 3, 1, 1), torch.tensor(norm['std']).view(1, 3, 1, 1)
        t_hand, hand = timed(lambda: hand_loop(sm.model, files, sm.size, mean, std, a.bs))
        learn = load_learner(tmp/'export.pkl', cpu=True)
        with learn.no_bar(), learn.no_logging():
            t_fa_pred, fa = timed(lambda: [learn.predict(str(f))[0] for f in files])
        agree_hand = np.mean([p.style == sm.classes[i] for p, i in zip(preds, hand.tolist())])
        agree_fa = np.mean([p.style == s for p, s in zip(preds, fa)])
        n = len(files)
        rows = [('predict_style(folder)', n / t_pred, None), ('learn.predict loop', n / t_fa_pred, 1.5), ('hand-written torch loop', n / t_hand, 0.8)]
        for name, rate, bar in rows:
            ratio = (n / t_pred) / rate
            print(f"{name:24s} {rate:7.2f} images/s" + ('' if bar is None else f"   predict_style is {ratio:.2f}x  (bar {bar:g}x: {'PASS' if ratio >= bar else 'FAIL'})"))
        print(f"same style as predict_style: learn.predict {agree_fa:.1%}, hand loop {agree_hand:.1%}")
        r = t_ours / t_fa
        print(f"load: load_style_model {t_ours * 1000:.0f} ms, load_learner(export.pkl) {t_fa * 1000:.0f} ms = {r:.2f}x  (bar <= 0.5x: {'PASS' if r <= 0.5 else 'FAIL'})")
    finally:
        shutil.rmtree(tmp)
