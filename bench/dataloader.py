"""Training-loader speed: images/s delivered by `style_dataloaders` against fastai's `ImageDataLoaders.from_path_func`
with the same final size, both with two workers, from full-size JPEGs and from pre-resized ones, in one process.

Bars (issue 4): at least 3x on full-size JPEGs, not slower on pre-resized ones. Rates are counted from the first batch
of each pass (worker start-up is a fixed cost per epoch, the same for both). Both normalise their batches (fastai's
loader gets that from `vision_learner`); batch augmentation is left out of both: in training it runs on the GPU. Run: python bench/dataloader.py [--n 96] [--size 224]"""
import argparse, os, shutil, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from make_large import make_large_jpegs
from fastai.vision.all import ImageDataLoaders, Resize, ResizeMethod, Normalize, imagenet_stats
from ml_art.dataloaders import style_dataloaders
from ml_art.shrink import shrink_images

def style_of(p): return p.parent.name

def one_pass(dl):
    "Images/s of one pass, counted from its first batch: starting the worker processes is a fixed cost per epoch that both loaders pay, small against an epoch of the real dataset (34,000 paintings) but not against this bench's few"
    n, start = 0, None
    for xb, yb in dl:
        if start is None: start = time.perf_counter(); continue
        n += len(xb)
    return n / (time.perf_counter() - start)

def compare_rates(dls, rounds=3):
    "Best images/s of each loader over `rounds` passes, taken in turns so that both meet the same machine noise"
    for dl in dls: one_pass(dl)  # start the workers, fill the page cache
    best = [0.0] * len(dls)
    for _ in range(rounds):
        for i, dl in enumerate(dls): best[i] = max(best[i], one_pass(dl))
    return best

def compare(folder, size, bs, workers):
    files = sorted(Path(folder).rglob('*.jpg'))
    # the normalisation `vision_learner` adds to fastai's loader; style_dataloaders has it built in
    base = ImageDataLoaders.from_path_func(folder, files, style_of, valid_pct=0.2, seed=0, item_tfms=Resize(size, method=ResizeMethod.Squish),
                                           batch_tfms=Normalize.from_stats(*imagenet_stats), bs=bs, num_workers=workers, device='cpu')
    ours = style_dataloaders(folder, size=size, bs=bs, aug=False, num_workers=workers, device='cpu')
    return compare_rates([base.train, ours.train])

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--n', type=int, default=96); ap.add_argument('--size', type=int, default=224)
    ap.add_argument('--bs', type=int, default=16); ap.add_argument('--workers', type=int, default=2)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    try:
        files = make_large_jpegs(tmp/'large', n=a.n)
        shrink_images(tmp/'large', tmp/'small', max_size=512, progress=False)
        # pre-resized files are quick to load, so a pass over 96 of them is over in a few batches: four copies of each
        for f in list((tmp/'small').rglob('*.jpg')):
            for i in range(1, 4): shutil.copy(f, f.with_name(f'{f.stem}_{i}.jpg'))
        print(f"{len(files)} JPEGs of about 2400x1800 ({sum(f.stat().st_size for f in files) / len(files) / 1e6:.2f} MB), "
              f"and {4 * len(files)} pre-resized to 512; final size {a.size}, bs {a.bs}, {a.workers} workers, {os.cpu_count()} cores; "
              "images/s from the first batch of each pass")
        for name, folder, bar in (('full-size JPEGs', tmp/'large', 3.0), ('pre-resized to 512', tmp/'small', 1.0)):
            base, ours = compare(folder, a.size, a.bs, a.workers)
            print(f"{name:20s} fastai from_path_func {base:6.1f} images/s   style_dataloaders {ours:6.1f} images/s   "
                  f"{ours / base:.2f}x  (bar {bar:g}x: {'PASS' if ours / base >= bar else 'FAIL'})")
    finally:
        shutil.rmtree(tmp)
