"""Large JPEGs like the Kaggle originals (about 2400x1800 and 0.9 MB) made from the bundled sample paintings.

Used by bench/shrink.py and bench/dataloader.py. The paintings are upscaled and given film grain, so the files carry as
much detail (and cost as much to decode) as real scans."""
import sys
from pathlib import Path
import numpy as np
from PIL import Image
from ml_art.data import find_images, sample_dir

def make_large_jpegs(dest, n:int=40, size=(2400, 1800), grain:float=5.0, quality:int=88, seed:int=0) -> list[Path]:
    "Write `n` large JPEGs into `dest` in the Kaggle layout; reuses files already there"
    dest, rng = Path(dest), np.random.default_rng(seed)
    items = find_images(sample_dir())
    picks = [items[i] for i in np.linspace(0, len(items) - 1, n).astype(int)]
    out = []
    for i, (p, style) in enumerate(picks):
        f = dest/style/style/f'large_{i:03d}.jpg'
        if not f.exists():
            f.parent.mkdir(parents=True, exist_ok=True)
            w, h = size if i % 3 else size[::-1]  # a third are portrait
            im = np.asarray(Image.open(p).convert('RGB').resize((w, h), Image.Resampling.BICUBIC), dtype=np.float32)
            im += rng.normal(0, grain, (h, w, 1)).astype(np.float32)
            Image.fromarray(np.clip(im, 0, 255).astype(np.uint8)).save(f, quality=quality)
        out.append(f)
    return out

if __name__ == '__main__':
    files = make_large_jpegs(sys.argv[1] if len(sys.argv) > 1 else 'bench/large')
    print(f"{len(files)} files, {sum(f.stat().st_size for f in files) / len(files) / 1e6:.2f} MB each on average")
