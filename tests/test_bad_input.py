"The awkward folder of issue 3: every command reports each bad file and carries on; no source file changes"
import hashlib, json, subprocess
from pathlib import Path
import pandas as pd
import pytest
from PIL import Image
from conftest import bin_path
from ml_art.scan import make_problem_images

def _digests(folder):
    return {p: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(Path(folder).rglob('*')) if p.is_file()}

@pytest.fixture(scope='module')
def awkward(tmp_path_factory):
    d = tmp_path_factory.mktemp('awkward')/'data'
    return d, make_problem_images(d)

def _run(*args):
    r = subprocess.run([bin_path(args[0]), *map(str, args[1:])], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f'{args[0]} failed:\n{r.stderr[-3000:]}'
    assert 'Traceback' not in r.stderr
    return r

EXPECTED = dict(empty='empty', truncated='truncated', text='not_image', bomb='too_large', duplicate='duplicate',
                alpha='ok', cmyk='ok', sixteen_bit='ok', gray='ok', rotated='ok')

@pytest.mark.parametrize('verify', [False, True])
def test_scan_reports_each_problem_with_its_reason(awkward, tmp_path, verify):
    data, files = awkward
    before = _digests(data)
    _run('ml_art_scan', data, '--out', tmp_path/'index.csv', *(['--verify'] if verify else []), '--workers', '2')
    scan = pd.read_csv(tmp_path/'index.csv', keep_default_na=False).set_index('path')
    for kind, status in EXPECTED.items():
        row = scan.loc[str(files[kind])]
        assert row['status'] == status, (kind, row['status'], row['reason'])
        assert (row['reason'] != '') == (status != 'ok'), (kind, row['reason'])
    assert 'labelled Baroque' in scan.loc[str(files['duplicate']), 'reason']
    assert _digests(data) == before

def test_shrink_writes_rgb_for_every_readable_file_and_lists_the_rest(awkward, tmp_path):
    data, files = awkward
    before = _digests(data)
    r = _run('ml_art_shrink', data, tmp_path/'small', '--max-size', '96', '--workers', '2')
    assert '4 failed' in r.stdout
    failures = pd.read_csv(tmp_path/'small'/'shrink_failures.csv')
    assert sorted(Path(p).name for p in failures['src']) == sorted(files[k].name for k in ('empty', 'truncated', 'text', 'bomb'))
    assert all(failures['reason'].str.len() > 0)
    for kind in ('alpha', 'cmyk', 'sixteen_bit', 'gray', 'rotated', 'duplicate'):
        src = files[kind]
        out = tmp_path/'small'/src.relative_to(data).parent/(src.name if src.suffix == '.jpg' else src.name + '.jpg')
        im = Image.open(out)
        assert (im.format, im.mode) == ('JPEG', 'RGB') and max(im.size) <= 96, kind
    assert Image.open(tmp_path/'small'/'Symbolism'/'rotated.jpg').size == (64, 96)  # upright
    assert _digests(data) == before
    r = _run('ml_art_shrink', data, tmp_path/'small', '--max-size', '96', '--workers', '1')
    assert '0 written' in r.stdout  # the rerun finds everything up to date

def test_analyze_and_train_use_only_the_good_files(awkward, tmp_path):
    data, files = awkward
    before = _digests(data)
    _run('ml_art_analyze', data, '--out', tmp_path/'an', '--workers', '1')
    assert {p.name for p in (tmp_path/'an').iterdir()} == {'index.csv', 'dist_styles.png', 'style_examples.png', 'image_sizes.png', 'scan_problems.png'}
    r = _run('ml_art_train', tmp_path/'an'/'index.csv', '--out', tmp_path/'m', '--epochs', '1', '--freeze-epochs', '0', '--size', '32', '--bs', '8', '--workers', '0')
    assert 'bomb.png' in r.stderr  # named as left out
    split = pd.read_csv(tmp_path/'m'/'split.csv')
    assert len(split) == 31 and not set(split['path']) & {str(files[k]) for k in ('empty', 'truncated', 'text', 'bomb', 'duplicate')}
    assert _digests(data) == before
