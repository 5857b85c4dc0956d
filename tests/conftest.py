import os, shutil, sys
from pathlib import Path
import pytest

os.environ.setdefault('MPLBACKEND', 'Agg')
ROOT = Path(__file__).resolve().parent.parent

def bin_path(name):
    "A console script installed beside this Python"
    p = Path(sys.executable).parent/name
    return str(p) if p.exists() else shutil.which(name)

@pytest.fixture(scope='session')
def sample():
    from ml_art.data import sample_dir
    return sample_dir()

@pytest.fixture(scope='session')
def tiny_model(tmp_path_factory, sample):
    "A model trained for seconds on the bundled sample, through the installed command"
    import subprocess
    out = tmp_path_factory.mktemp('model')/'m'
    r = subprocess.run([bin_path('ml_art_train'), str(sample), '--out', str(out), '--epochs', '1', '--size', '64',
                        '--bs', '16', '--workers', '0'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return out
