"A non-editable install carries the sample and the commands; the docs configuration covers every notebook"
import json, os, subprocess, sys, zipfile
from pathlib import Path
import yaml
from conftest import ROOT

def test_wheel_ships_the_sample(tmp_path):
    r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation', '-q', '-w', str(tmp_path/'dist'), str(ROOT)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    wheel, = (tmp_path/'dist').glob('ml_art-*.whl')
    names = zipfile.ZipFile(wheel).namelist()
    assert sum(n.startswith('ml_art/sample/') and n.endswith('.jpg') for n in names) == 104
    assert 'ml_art/sample/SOURCES.csv' in names
    eps = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith('entry_points.txt'))).decode()
    for cmd in ('ml_art_train', 'ml_art_predict', 'ml_art_analyze', 'ml_art_evaluate'): assert cmd in eps
    # installed on its own (no editable link back to this checkout) it finds its sample and exposes predict_style
    site = tmp_path/'site'
    r = subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '--no-deps', '--target', str(site), str(wheel)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    code = ("import ml_art, ml_art.data as d\nfrom ml_art.infer import predict_style\n"
            "print(ml_art.__file__); print(len(d.find_images(d.sample_dir())))")
    r = subprocess.run([sys.executable, '-I', '-c', f"import sys; sys.path.insert(0, {str(site)!r})\n" + code],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    where, count = r.stdout.split()[-2:]
    assert where.startswith(str(site)) and count == '104'

def test_quarto_sidebar_lists_every_notebook():
    assert (ROOT/'nbs'/'_quarto.yml').is_symlink() and (ROOT/'nbs'/'_quarto.yml').resolve() == (ROOT/'_quarto.yml').resolve()
    cfg = yaml.safe_load((ROOT/'_quarto.yml').read_text())
    listed = cfg['website']['sidebar']['contents']
    assert sorted(listed) == sorted(p.name for p in (ROOT/'nbs').glob('*.ipynb'))

def test_notebooks_follow_the_conventions():
    for nb in sorted((ROOT/'nbs').glob('*.ipynb')):
        cells = json.loads(nb.read_text())['cells']
        first = ''.join(cells[0]['source']).splitlines()
        assert first[0].startswith('# ') and first[1].startswith('> '), f'{nb.name}: must open with an H1 title and a > summary'
        if nb.name != 'index.ipynb':
            assert ''.join(cells[1]['source']).startswith('#| default_exp '), f'{nb.name}: second cell must be #| default_exp'
        assert len(cells) <= 60, f'{nb.name}: {len(cells)} cells; split it'
        assert all(not c.get('outputs') for c in cells if c['cell_type'] == 'code'), f'{nb.name}: outputs not cleaned'

def test_readme_is_made_from_index():
    r = subprocess.run([sys.executable, str(ROOT/'.ci'/'make_readme.py'), '--check'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr

def test_images_the_docs_link_exist():
    "Every image a notebook links (rendered by Quarto from nbs/) is in the repository"
    import re
    links = [(nb.name, m) for nb in sorted((ROOT/'nbs').glob('*.ipynb'))
             for c in json.loads(nb.read_text())['cells'] if c['cell_type'] == 'markdown'
             for m in re.findall(r'!\[[^\]]*\]\(([^)]+)\)', ''.join(c['source']))]
    assert ('04_interpret.ipynb', 'images/confusion_matrix.png') in links
    missing = [(nb, m) for nb, m in links if not m.startswith('http') and not (ROOT/'nbs'/m).exists()]
    assert not missing, missing
