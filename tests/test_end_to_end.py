"The installed package end to end: train on the sample, save, reload, predict, through Python and the commands"
import csv, io, json, pickle, subprocess
from pathlib import Path
import pytest, torch
from conftest import bin_path
from ml_art.data import STYLES
from ml_art.infer import predict_style, StylePrediction
from ml_art.models import load_style_model

def test_model_directory(tiny_model):
    assert sorted(p.name for p in tiny_model.iterdir()) == ['config.json', 'history.csv', 'model.safetensors', 'split.csv']
    cfg = json.loads((tiny_model/'config.json').read_text())
    assert cfg['classes'] == list(STYLES)
    assert cfg['arch'] == 'efficientnet_lite0' and cfg['input_size'] == 64
    assert set(cfg['versions']) >= {'torch', 'timm', 'fastai'}
    assert 0 <= cfg['metrics']['valid_accuracy'] <= 1
    assert [h['phase'] for h in cfg['history']] == ['head'] and cfg['training']['recipe'] == 'features'

def test_reload_without_unpickling(tiny_model, monkeypatch):
    def no_pickle(*a, **k): raise AssertionError('a model directory must load without unpickling')
    monkeypatch.setattr(pickle, 'load', no_pickle); monkeypatch.setattr(pickle, 'loads', no_pickle)
    monkeypatch.setattr(pickle, 'Unpickler', no_pickle); monkeypatch.setattr(torch, 'load', no_pickle)
    sm = load_style_model(tiny_model)
    assert sm.classes == list(STYLES)

def test_predict_style(tiny_model, sample):
    one = predict_style(sorted(sample.glob('*/*/*.jpg'))[0], model=tiny_model, top_k=13)
    assert isinstance(one, StylePrediction) and one.error is None
    assert one.style in STYLES
    assert sum(p for _, p in one.top_k) == pytest.approx(1.0, abs=1e-4)
    assert [p for _, p in one.top_k] == sorted((p for _, p in one.top_k), reverse=True)
    many = predict_style(sample, model=tiny_model)
    assert len(many) == 104 and all(r.style in STYLES and r.error is None for r in many)
    assert all(0 < r.probability <= 1 for r in many)

def test_reloaded_model_predicts_like_the_trained_one(tmp_path, sample):
    from ml_art.train import train_style_model
    from ml_art.interpret import model_learner, validation_index
    learn = train_style_model(sample, tmp_path/'m', epochs=1, freeze_epochs=0, size=64, bs=16, num_workers=0)
    valid = validation_index(tmp_path/'m')
    learn.model.eval()
    probs, _ = learn.get_preds()  # the trained learner, in memory
    preds = predict_style(list(valid['path']), model=tmp_path/'m', top_k=13)
    ours = torch.tensor([[dict(r.top_k)[s] for s in STYLES] for r in preds])
    assert torch.allclose(ours, probs, atol=2e-3)

def test_predict_command_csv_and_json(tiny_model, sample, tmp_path):
    bad = tmp_path/'Baroque'/'broken.jpg'; bad.parent.mkdir(); bad.write_bytes(b'\xff\xd8\xff\xe0 not a jpeg')
    r = subprocess.run([bin_path('ml_art_predict'), str(tiny_model), str(sample), str(bad), '--top-k', '2'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 105
    assert list(rows[0]) == ['path', 'style', 'probability', 'style_2', 'probability_2', 'error']
    assert all(row['style'] in STYLES for row in rows[:104])
    assert rows[-1]['style'] == '' and 'broken.jpg' in rows[-1]['error']
    r = subprocess.run([bin_path('ml_art_predict'), str(tiny_model), str(sample/'Rococo'), '--format', 'json'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    res = json.loads(r.stdout)
    assert len(res) == 8 and all(o['style'] in STYLES and len(o['top_k']) == 3 for o in res)

def test_evaluate_and_analyze_commands(tiny_model, sample, tmp_path):
    r = subprocess.run([bin_path('ml_art_evaluate'), str(tiny_model), '--out', str(tmp_path/'ev')], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    report = json.loads((tmp_path/'ev'/'report.json').read_text())
    assert report['n'] == json.loads((tiny_model/'config.json').read_text())['metrics']['n_valid']
    assert (tmp_path/'ev'/'confusion_matrix.png').stat().st_size > 10_000
    assert (tmp_path/'ev'/'top_losses.png').stat().st_size > 10_000
    r = subprocess.run([bin_path('ml_art_analyze'), str(sample), '--out', str(tmp_path/'an')], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    assert sorted(p.name for p in (tmp_path/'an').iterdir()) == ['dist_styles.png', 'image_sizes.png', 'index.csv', 'scan_problems.png', 'style_examples.png']

def test_training_survives_broken_images(tmp_path, sample):
    "A dataset with broken files trains: they are left out with a warning that names them"
    import shutil
    data = tmp_path/'data'
    for style in STYLES:
        (data/style).mkdir(parents=True)
        for p in sorted((sample/style/style).glob('*.jpg'))[:3]: shutil.copy(p, data/style/p.name)
    (data/'Baroque'/'empty.jpg').touch()
    (data/'Rococo'/'text.jpg').write_text('not an image')
    r = subprocess.run([bin_path('ml_art_train'), str(data), '--out', str(tmp_path/'m'), '--epochs', '1', '--freeze-epochs', '0',
                        '--size', '32', '--bs', '8', '--workers', '0'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    assert 'empty.jpg' in r.stderr and 'text.jpg' in r.stderr
    assert json.loads((tmp_path/'m'/'config.json').read_text())['metrics']['n_train'] == 26

def test_train_command_recipes_splits_and_balance(tiny_model, sample, tmp_path):
    "The finetune recipe from the command line, reusing a split, with a class-weighted loss; and a held-out test split"
    r = subprocess.run([bin_path('ml_art_train'), str(sample), '--out', str(tmp_path/'ft'), '--recipe', 'finetune', '--epochs', '1',
                        '--lr', '1e-3', '--size', '32', '--bs', '16', '--workers', '0', '--split', str(tiny_model/'split.csv'),
                        '--balance', 'loss', '--head', 'fastai'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    cfg = json.loads((tmp_path/'ft'/'config.json').read_text())
    assert (cfg['training']['recipe'], cfg['training']['balance'], cfg['head']) == ('finetune', 'loss', 'fastai')
    assert (tmp_path/'ft'/'split.csv').read_text() == (tiny_model/'split.csv').read_text()
    assert predict_style(sorted(sample.glob('*/*/*.jpg'))[0], model=tmp_path/'ft').style in STYLES
    r = subprocess.run([bin_path('ml_art_train'), str(sample), '--out', str(tmp_path/'t'), '--epochs', '2', '--size', '32',
                        '--workers', '0', '--test-pct', '0.25', '--balance', 'none'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    split = __import__('pandas').read_csv(tmp_path/'t'/'split.csv')
    assert (split['split'] == 'test').sum() == 26
    assert json.loads((tmp_path/'t'/'config.json').read_text())['metrics']['n_train'] == 52

def test_killed_training_resumes(sample, tmp_path):
    "A finetune run killed after an epoch continues from its checkpoint with --resume; each epoch is logged once"
    import signal, time
    args = [bin_path('ml_art_train'), str(sample), '--out', str(tmp_path/'m'), '--recipe', 'finetune', '--epochs', '6', '--lr', '1e-3',
            '--size', '32', '--bs', '16', '--workers', '0']
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    meta, deadline = tmp_path/'m'/'checkpoints'/'last.json', time.time() + 300
    while time.time() < deadline and p.poll() is None:
        if meta.exists() and json.loads(meta.read_text()) == dict(phase='unfrozen', epoch=1, n_epoch=6): break
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL); p.wait()
    assert not (tmp_path/'m'/'config.json').exists(), 'the run finished before it could be interrupted'
    r = subprocess.run(args + ['--resume'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    hist = json.loads((tmp_path/'m'/'config.json').read_text())['history']
    phases = [(h['phase'], h['epoch']) for h in hist]
    assert phases[0] == ('frozen', 0) and phases.count(('unfrozen', 0)) == 1
    assert len(phases) == len(set(phases))  # nothing repeated
    assert not (tmp_path/'m'/'checkpoints').exists()
