"download_wikiart and ml_art_download end to end, against a local fake of Kaggle's API (no network)"
import json, os, subprocess, sys, time
from pathlib import Path
import pytest
from conftest import bin_path
from kaggle_fake import FakeKaggle, make_dataset_zip

DOWNLOAD = "import sys\nfrom ml_art.download import download_wikiart\ndownload_wikiart(sys.argv[1])"

@pytest.fixture
def home(tmp_path):
    "An environment with no Kaggle credentials of the machine's, pointed at the fake"
    env = {k: v for k, v in os.environ.items() if not k.startswith('KAGGLE_')}
    env.update(HOME=str(tmp_path/'home'), KAGGLE_CONFIG_DIR=str(tmp_path/'home'/'.kaggle'), KAGGLE_API_ENVIRONMENT='LOCALHOST')
    (tmp_path/'home'/'.kaggle').mkdir(parents=True)
    return env

@pytest.fixture(scope='module')
def dataset_zip(tmp_path_factory, sample=None):
    from ml_art.data import sample_dir
    return make_dataset_zip(sample_dir(), tmp_path_factory.mktemp('kaggle')/'dataset.zip')

def _with_creds(env, how='json'):
    if how == 'json':
        f = Path(env['KAGGLE_CONFIG_DIR'])/'kaggle.json'
        f.write_text(json.dumps(dict(username='painter', key='0123456789abcdef'))); f.chmod(0o600)
        return env
    return {**env, 'KAGGLE_USERNAME': 'painter', 'KAGGLE_KEY': '0123456789abcdef'}

def _download(fake, env, dest, timeout=120):
    return subprocess.run([sys.executable, '-c', fake.client_shim + DOWNLOAD, str(dest)], env=env, capture_output=True, text=True, timeout=timeout)

def _command(fake, env, *args):
    "ml_art_download as its console script runs it, talking to `fake`"
    code = (fake.client_shim if fake else '') + "import sys\nfrom ml_art.cli import download_main\ndownload_main()"
    return subprocess.run([sys.executable, '-c', code, *args], env=env, capture_output=True, text=True, timeout=120)

def _counts(dest):
    from ml_art.download import style_counts
    return style_counts(dest)

def test_download_unzips_checks_and_is_idempotent(home, dataset_zip, tmp_path):
    with FakeKaggle(dataset_zip) as fake:
        r = _download(fake, _with_creds(home), tmp_path/'wikiart')
        assert r.returncode == 0, r.stderr[-3000:]
        assert set(_counts(tmp_path/'wikiart').values()) == {8}
        marker = json.loads((tmp_path/'wikiart'/'.ml_art_download.json').read_text())
        assert marker['total'] == 104 and len(marker['differences']) == 13  # the sample is not the full dataset
        assert 'Romanticism: 8 images, expected 6,813' in r.stderr  # the difference is reported
        assert not (tmp_path/'wikiart'/'wikiart-art-movementsstyles.zip').exists()
        n = len(fake.requests)
        r = _download(fake, _with_creds(home, 'env'), tmp_path/'wikiart')
        assert r.returncode == 0 and 'already downloaded' in r.stdout
        assert len(fake.requests) == n  # nothing fetched again

def test_missing_credentials_say_how_to_provide_them(home, tmp_path):
    r = subprocess.run([bin_path('ml_art_download'), str(tmp_path/'wikiart')], env=home, capture_output=True, text=True)
    assert not (tmp_path/'wikiart').exists()
    assert r.returncode != 0
    assert 'kaggle.json' in r.stderr and 'KAGGLE_USERNAME and KAGGLE_KEY' in r.stderr and 'Colab' in r.stderr
    assert 'Traceback' not in r.stderr

def test_refused_credentials_are_named(home, dataset_zip, tmp_path):
    env = {**home, 'KAGGLE_USERNAME': 'painter', 'KAGGLE_KEY': 'wrong'}
    with FakeKaggle(dataset_zip) as fake:
        r = _command(fake, env, str(tmp_path/'wikiart'))
    assert r.returncode != 0
    assert 'Kaggle refused the credentials from the KAGGLE_USERNAME and KAGGLE_KEY environment variables (HTTP 401)' in r.stderr
    assert not (tmp_path/'wikiart'/'.ml_art_download.json').exists()

def test_dropped_connection_resumes_in_the_same_run(home, dataset_zip, tmp_path):
    with FakeKaggle(dataset_zip) as fake:
        fake.cut_after, fake.cuts_left = dataset_zip.stat().st_size // 3, 1
        r = _download(fake, _with_creds(home), tmp_path/'wikiart')
        assert r.returncode == 0, r.stderr[-3000:]
        ranges = [rng for m, p, rng in fake.requests if m == 'GET' and rng]
        assert len(ranges) == 1  # resumed once from what it had written (whole 1 MiB blocks), not restarted
        assert 0 < int(ranges[0].split('=')[1].rstrip('-')) <= dataset_zip.stat().st_size // 3
    assert sum(_counts(tmp_path/'wikiart').values()) == 104

def test_killed_download_resumes_when_run_again(home, dataset_zip, tmp_path):
    env = _with_creds(home)
    half = dataset_zip.stat().st_size // 2
    with FakeKaggle(dataset_zip) as fake:
        fake.stall_after = half
        p = subprocess.Popen([sys.executable, '-c', fake.client_shim + DOWNLOAD, str(tmp_path/'wikiart')], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert fake.stalled.wait(60), 'the transfer never started'
        time.sleep(1.0)  # let the client write what it received
        p.kill(); p.wait()
        partial = tmp_path/'wikiart'/'wikiart-art-movementsstyles.zip'
        assert 0 < partial.stat().st_size < dataset_zip.stat().st_size
        assert not (tmp_path/'wikiart'/'.ml_art_download.json').exists()
        size_before = partial.stat().st_size
        r = _download(fake, env, tmp_path/'wikiart')
        assert r.returncode == 0, r.stderr[-3000:]
        resumed = [rng for m, _, rng in fake.requests if m == 'GET' and rng]
        assert resumed == [f'bytes={size_before}-']  # carried on from the partial file
    assert sum(_counts(tmp_path/'wikiart').values()) == 104
    assert json.loads((tmp_path/'wikiart'/'.ml_art_download.json').read_text())['total'] == 104
