"The web demo as a user meets it: `ml_art_app` started from the command line, driven in headless Chromium."
import os, shutil, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest
from conftest import bin_path

def chromium_path():
    for name in (os.environ.get('ML_ART_CHROMIUM'), 'chromium', 'chromium-browser', 'google-chrome'):
        if name and shutil.which(name): return shutil.which(name)

def free_port():
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

@pytest.fixture
def app_url(tiny_model, tmp_path):
    port = free_port()
    log = open(tmp_path/'app.log', 'w')
    proc = subprocess.Popen([bin_path('ml_art_app'), str(tiny_model), '--port', str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}/'
    try:
        for _ in range(240):
            assert proc.poll() is None, (tmp_path/'app.log').read_text()[-3000:]
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200: break
            except OSError: time.sleep(0.5)
        else: pytest.fail('ml_art_app did not answer within 2 minutes:\n' + (tmp_path/'app.log').read_text()[-3000:])
        yield url
    finally:
        proc.terminate(); proc.wait(30); log.close()

def listening_addresses(port:int) -> list[str]:
    "Local addresses of the TCP sockets listening on `port`, from /proc/net/tcp (IPv4, hex as the kernel writes them)"
    res = []
    for f in ('/proc/net/tcp', '/proc/net/tcp6'):
        if not Path(f).exists(): continue
        for line in Path(f).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.rsplit(':', 1)
            if state == '0A' and int(p, 16) == port: res.append(addr)
    return res

def test_app_listens_on_loopback_only(app_url):
    if not Path('/proc/net/tcp').exists(): pytest.skip('needs Linux /proc/net/tcp')
    port = int(app_url.rsplit(':', 1)[1].strip('/'))
    addrs = listening_addresses(port)
    assert addrs and all(a == '0100007F' for a in addrs), addrs  # 127.0.0.1 only, not 0.0.0.0 (00000000)

def test_upload_shows_predicted_style(app_url, tiny_model, sample, tmp_path):
    chromium = chromium_path()
    if chromium is None:
        if os.environ.get('ML_ART_REQUIRE_BROWSER'): pytest.fail('no Chromium found (apt-get install chromium, or set ML_ART_CHROMIUM)')
        pytest.skip('no Chromium found')
    from playwright.sync_api import sync_playwright
    from ml_art.infer import predict_style
    painting = sorted((sample/'Japanese_Art'/'Japanese_Art').glob('*.jpg'))[1]
    expected = predict_style(painting, model=tiny_model, top_k=5)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=['--no-sandbox'])
        try:
            page = browser.new_page(viewport={'width': 1280, 'height': 900})
            page.goto(app_url, wait_until='networkidle', timeout=120_000)
            page.set_input_files('#painting input[type=file]', str(painting))
            shown = page.wait_for_selector('#styles [data-testid="label-output-value"]', timeout=120_000)
            assert shown.inner_text().strip() == expected.style
            # every listed style with its percentage, in the order predict_style gives
            listed = [e.inner_text() for e in page.query_selector_all('#styles dt')]
            assert listed == [s for s, _ in expected.top_k]
            page.wait_for_selector('#overlay img', timeout=60_000)  # the Grad-CAM overlay arrived
            out = Path(os.environ.get('ML_ART_SCREENSHOTS', tmp_path)); out.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out/'app.png'), full_page=True)
        finally: browser.close()
