"Using a model (issue 5): every input kind, broken inputs in a batch, trusted and untrusted export.pkl, the commands' outputs."
import csv, io, json, subprocess
import numpy as np
import pytest
import torch
from PIL import Image
from conftest import bin_path
from ml_art.data import STYLES
from ml_art.infer import predict_style
from ml_art.models import load_style_model, ModelDirError

def test_every_input_kind_and_broken_inputs_keep_their_place(tiny_model, sample, tmp_path):
    paths = sorted(sample.glob('*/*/*.jpg'))[:3]
    truncated = tmp_path/'truncated.jpg'; truncated.write_bytes(paths[0].read_bytes()[:3000])
    text = tmp_path/'notes.jpg'; text.write_text('not a painting')
    from ml_art.scan import make_problem_images
    bomb = make_problem_images(tmp_path/'awkward', good_per_style=1)['bomb']  # a PNG header claiming 40000x40000 pixels
    arr = np.asarray(Image.open(paths[2]).convert('RGB'))
    inputs = [paths[0], truncated, paths[1].read_bytes(), text, Image.open(paths[2]), bomb, arr, b'', str(tmp_path/'missing.jpg')]
    res = predict_style(inputs, model=tiny_model, top_k=13, bs=2)
    assert [r.error is None for r in res] == [True, False, True, False, True, False, True, False, False]
    assert 'truncated.jpg' in res[1].error and 'notes.jpg' in res[3].error and 'too large' in res[5].error
    assert 'empty' in res[7].error and 'not found' in res[8].error
    # the same painting as a PIL image and as an array gives the same probabilities
    assert dict(res[4].top_k) == pytest.approx(dict(res[6].top_k), abs=1e-6)
    by_path = predict_style(paths[1], model=tiny_model, top_k=13)
    assert dict(by_path.top_k) == pytest.approx(dict(res[2].top_k), abs=1e-5)  # bytes of a file == the file

def test_export_pkl_needs_trust(sample, tmp_path):
    out = tmp_path/'m'
    r = subprocess.run([bin_path('ml_art_train'), str(sample), '--out', str(out), '--epochs', '1', '--size', '64', '--bs', '16',
                        '--workers', '0', '--export-pkl'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    pkl_only = tmp_path/'pkl_only'; pkl_only.mkdir()
    (pkl_only/'export.pkl').write_bytes((out/'export.pkl').read_bytes())
    (pkl_only/'config.json').write_text((out/'config.json').read_text())
    with pytest.raises(ModelDirError, match='trust_pickle=True'): load_style_model(pkl_only)
    with pytest.raises(ModelDirError, match='trust_pickle=True'): predict_style(sample/'Baroque', model=pkl_only)
    painting = sorted(sample.glob('Baroque/Baroque/*.jpg'))[0]
    trusted = predict_style(painting, model=pkl_only, trust_pickle=True, top_k=13)
    safe = predict_style(painting, model=out, top_k=13)
    assert dict(trusted.top_k) == pytest.approx(dict(safe.top_k), abs=2e-3)
    r = subprocess.run([bin_path('ml_art_predict'), str(pkl_only), str(painting)], capture_output=True, text=True)
    assert r.returncode == 2 and 'error:' in r.stderr and 'trust-pickle' in r.stderr and 'Traceback' not in r.stderr
    r = subprocess.run([bin_path('ml_art_predict'), str(pkl_only), str(painting), '--trust-pickle'], capture_output=True, text=True)
    assert r.returncode == 0 and safe.style in r.stdout

def test_class_count_mismatch_is_a_clear_error(tiny_model, tmp_path):
    import shutil
    d = tmp_path/'m'; shutil.copytree(tiny_model, d)
    cfg = json.loads((d/'config.json').read_text())
    (d/'config.json').write_text(json.dumps({**cfg, 'classes': cfg['classes'] + ['Cubism']}))
    with pytest.raises(ModelDirError, match='weights do not fit .* with 14 classes'): load_style_model(d)

def test_predict_command_writes_a_file_with_progress(tiny_model, sample, tmp_path):
    r = subprocess.run([bin_path('ml_art_predict'), str(tiny_model), str(sample), '--out', str(tmp_path/'p.json')], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    assert '104/104' in r.stderr and 'written to' in r.stderr  # the progress bar reached the end
    res = json.loads((tmp_path/'p.json').read_text())
    assert len(res) == 104 and all(o['style'] in STYLES for o in res)
    r = subprocess.run([bin_path('ml_art_predict'), str(tiny_model), str(sample/'Rococo'), '--out', str(tmp_path/'p.csv'), '--quiet'], capture_output=True, text=True)
    assert r.returncode == 0 and '8/8' not in r.stderr
    assert len(list(csv.DictReader(open(tmp_path/'p.csv')))) == 8

def test_evaluate_reports_every_metric(tiny_model, sample, tmp_path):
    r = subprocess.run([bin_path('ml_art_evaluate'), str(tiny_model), str(sample), '--out', str(tmp_path/'ev')], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    rep = json.loads((tmp_path/'ev'/'report.json').read_text())
    assert rep['n'] == 104
    for k in ('accuracy', 'balanced_accuracy', 'top3_accuracy', 'macro_f1'): assert 0 <= rep[k] <= 1
    assert rep['top3_accuracy'] >= rep['accuracy']
    assert sum(m['support'] for m in rep['per_style'].values()) == 104
    assert np.trace(np.array(rep['confusion_matrix'])) == round(rep['accuracy'] * 104)
    md = (tmp_path/'ev'/'report.md').read_text()
    assert '| Baroque |' in md and 'Most confused' in md

def test_explain_style_overlay(tiny_model, sample):
    from ml_art.activation import explain_style
    painting = sorted(sample.glob('Japanese_Art/Japanese_Art/*.jpg'))[0]
    over, style, probs = explain_style(painting, model=tiny_model)
    assert over.size == Image.open(painting).size and style == predict_style(painting, model=tiny_model).style
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-4)
    plain = np.asarray(Image.open(painting).convert('RGB'), dtype=float)
    assert np.abs(np.asarray(over, dtype=float) - plain).mean() > 5  # the heat map is really drawn over it
