"""Regenerate the figures the docs show from a trained model (they are committed in nbs/images/, since the model is not).

    ml_art_evaluate MODEL_DIR --out EVAL_DIR
    python tools/doc_figures.py MODEL_DIR EVAL_DIR [--out nbs/images]

Writes confusion_matrix.png, top_losses.jpg, report.md (copied from EVAL_DIR), activation_maps.jpg (Grad-CAM overlays of
six held-out paintings) and app.png (the web demo in headless Chromium after an upload)."""
import argparse, shutil, socket
from pathlib import Path
import pandas as pd
import matplotlib; matplotlib.use('Agg')
import matplotlib.pyplot as plt
from PIL import Image
from ml_art.activation import explain_style
from ml_art.infer import get_style_model

STYLES_SHOWN = ('Japanese_Art', 'Baroque', 'Expressionism', 'Renaissance', 'Rococo', 'Western_Medieval')

def activation_grid(model_dir:Path, out:Path):
    split = pd.read_csv(model_dir/'split.csv')
    valid = split[split['split'] == 'valid']
    fig, axes = plt.subplots(2, 3, figsize=(12, 8.6))
    for ax, style in zip(axes.flat, STYLES_SHOWN):
        path = sorted(valid.loc[valid['style'] == style, 'path'])[0]
        over, pred, probs = explain_style(path, model=model_dir, display_size=320)
        ax.imshow(over); ax.set_axis_off()
        ax.set_title(f"{pred} {probs[pred]:.0%}\n(actual: {style})", fontsize=11, color='black' if pred == style else 'darkred')
    fig.tight_layout(); fig.savefig(out, dpi=80, pil_kwargs=dict(quality=82)); plt.close(fig)

def app_screenshot(model_dir:Path, out:Path, painting:str):
    from ml_art.app import style_app
    from playwright.sync_api import sync_playwright
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
    demo = style_app(model_dir)
    demo.launch(server_name='127.0.0.1', server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which('chromium') or shutil.which('chromium-browser'), args=['--no-sandbox'])
            page = browser.new_page(viewport={'width': 1280, 'height': 820})
            page.goto(f'http://127.0.0.1:{port}/', wait_until='networkidle')
            page.set_input_files('#painting input[type=file]', painting)
            page.wait_for_selector('#overlay img', timeout=120_000); page.wait_for_timeout(1000)
            page.screenshot(path=str(out)); browser.close()
    finally: demo.close()

if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('model_dir'); ap.add_argument('eval_dir'); ap.add_argument('--out', default='nbs/images')
    a = ap.parse_args()
    model_dir, ev, out = Path(a.model_dir), Path(a.eval_dir), Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(ev/'confusion_matrix.png', out/'confusion_matrix.png')
    shutil.copy(ev/'report.md', out/'report.md')
    top = Image.open(ev/'top_losses.png').convert('RGB'); top.thumbnail((900, 900)); top.save(out/'top_losses.jpg', quality=80)
    activation_grid(model_dir, out/'activation_maps.jpg')
    split = pd.read_csv(model_dir/'split.csv')
    app_screenshot(model_dir, out/'app.png', sorted(split.loc[(split['split'] == 'valid') & (split['style'] == 'Japanese_Art'), 'path'])[1])
    for f in sorted(out.iterdir()): print(f, f.stat().st_size // 1024, 'KB')
