"""Pre-resizing speed: the plain Pillow path against `shrink_images`, one process, on large JPEGs.

Bar (issue 3): `shrink_images` with one worker at least 4x the plain path's images/s.
Run: python bench/shrink.py [--n 40] [--max-size 512]"""
import argparse, os, shutil, sys, tempfile, time
from pathlib import Path
from PIL import Image
sys.path.insert(0, str(Path(__file__).parent))
from make_large import make_large_jpegs
from ml_art.shrink import shrink_images

def plain_pillow(files, src, dst, max_size):
    "What most code does: open, convert to RGB (a full-size decode), thumbnail, save"
    for f in files:
        out = dst/f.relative_to(src)
        out.parent.mkdir(parents=True, exist_ok=True)
        im = Image.open(f).convert('RGB')
        im.thumbnail((max_size, max_size))
        im.save(out, 'JPEG', quality=90)

def timed(fn, n):
    t = time.perf_counter(); fn(); dt = time.perf_counter() - t
    return n / dt, dt

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--n', type=int, default=40); ap.add_argument('--max-size', type=int, default=512)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    try:
        src = tmp/'large'
        files = make_large_jpegs(src, n=args.n)
        mb = sum(f.stat().st_size for f in files) / len(files) / 1e6
        w, h = Image.open(files[1]).size
        print(f"{len(files)} JPEGs of about {w}x{h}, {mb:.2f} MB each; max_size {args.max_size}; {os.cpu_count()} cores")
        for f in files: f.read_bytes()  # warm the page cache for every contender alike
        base, t0 = timed(lambda: plain_pillow(files, src, tmp/'plain', args.max_size), len(files))
        one, t1 = timed(lambda: shrink_images(src, tmp/'one', args.max_size, workers=1, force=True, progress=False), len(files))
        cores = os.cpu_count() or 1
        allc, t2 = timed(lambda: shrink_images(src, tmp/'all', args.max_size, workers=cores, force=True, progress=False), len(files))
        print(f"plain Pillow (open, convert, thumbnail, save): {base:6.1f} images/s ({t0:.2f} s)")
        print(f"shrink_images, 1 worker:                       {one:6.1f} images/s ({t1:.2f} s)  {one / base:.1f}x plain")
        print(f"shrink_images, {cores} workers:                      {allc:6.1f} images/s ({t2:.2f} s)  {allc / base:.1f}x plain")
        def decode_only():  # the floor under any JPEG pre-resizer: libjpeg's entropy decoding of every byte
            for f in files:
                im = Image.open(f); w, h = im.size; s = args.max_size / max(w, h)
                im.draft(im.mode, (int(w * s) + 1, int(h * s) + 1)); im.load()
        ceiling, t3 = timed(decode_only, len(files))
        print(f"reduced-scale decode alone (no resize, no save): {ceiling:6.1f} images/s ({t3:.2f} s)  {ceiling / base:.1f}x plain: the most any 1-worker path can reach")
        sizes = {Image.open(p).size for p in (tmp/'one').rglob('*.jpg')}
        assert all(max(s) == args.max_size for s in sizes), sizes
        print(f"bar: 1-worker shrink_images >= 4x plain: {'PASS' if one / base >= 4 else 'FAIL'}")
    finally:
        shutil.rmtree(tmp)
