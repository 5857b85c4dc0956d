"Backbones and model directories: offline weights, a clear error without a hub, configs that do not fit"
import json, os, subprocess, sys
import pytest
from ml_art.models import load_style_model, ModelDirError

def _run(code, **env):
    return subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env={**os.environ, **env}, timeout=300)

def test_offline_backbone_without_network(tmp_path):
    "efficientnet_lite0 gets ImageNet weights with the hub switched off and an empty cache"
    r = _run("from ml_art.data import sample_dir\nfrom ml_art.dataloaders import style_dataloaders\nfrom ml_art.models import style_learner\n"
             "dls = style_dataloaders(sample_dir(), size=32, bs=8, num_workers=0)\nlearn = style_learner(dls)\n"
             "print(float(learn.model.body.conv_stem.weight.abs().sum()))",
             HF_HUB_OFFLINE='1', ML_ART_CACHE=str(tmp_path/'cache'))
    assert r.returncode == 0, r.stderr[-2000:]
    assert float(r.stdout.strip().splitlines()[-1]) > 1.0
    assert (tmp_path/'cache'/'efficientnet_lite0.imagenet.safetensors').exists()

def test_hub_backbone_offline_names_the_offline_choice():
    r = _run("from ml_art.data import sample_dir\nfrom ml_art.dataloaders import style_dataloaders\nfrom ml_art.models import style_learner\n"
             "dls = style_dataloaders(sample_dir(), size=32, bs=8, num_workers=0)\nstyle_learner(dls, 'resnet18')", HF_HUB_OFFLINE='1')
    assert r.returncode != 0
    assert "resnet18" in r.stderr and "arch='efficientnet_lite0'" in r.stderr

def test_unknown_arch_is_a_clear_error():
    r = _run("from ml_art.models import timm_kwargs\ntimm_kwargs('convnext_tinyy')")
    assert r.returncode != 0 and "Unknown timm architecture 'convnext_tinyy'" in r.stderr

def test_mismatched_config_is_a_clear_error(tiny_model, tmp_path):
    import shutil
    d = tmp_path/'m'; shutil.copytree(tiny_model, d)
    cfg = json.loads((d/'config.json').read_text())
    (d/'config.json').write_text(json.dumps({**cfg, 'arch': 'efficientnet_b0'}))
    with pytest.raises(ModelDirError, match="weights do not fit a 'efficientnet_b0' network"): load_style_model(d)
    (d/'config.json').write_text('{not json')
    with pytest.raises(ModelDirError, match='config.json: not valid JSON'): load_style_model(d)
    (d/'config.json').write_text(json.dumps(cfg)); (d/'model.safetensors').write_bytes(b'garbage')
    with pytest.raises(ModelDirError, match='model.safetensors: not a readable safetensors file'): load_style_model(d)

def test_default_gpu_backbone_falls_back_offline(sample, tmp_path, monkeypatch):
    "With no backbone named and the hub out of reach, training says so and uses the offline efficientnet_lite0"
    import warnings
    import ml_art.train as train
    monkeypatch.setattr(train, 'default_arch', lambda cuda=None: train.GPU_ARCH)  # as on a GPU
    monkeypatch.setenv('HF_HUB_OFFLINE', '1')  # the hub unreachable, without waiting for a network timeout
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        train.train_style_model(sample, tmp_path/'m', epochs=1, size=64, bs=16, num_workers=0, progress=False)
    assert any('Could not get pretrained weights' in str(w.message) and 'efficientnet_lite0 instead' in str(w.message) for w in caught)
    assert json.loads((tmp_path/'m'/'config.json').read_text())['arch'] == 'efficientnet_lite0'
