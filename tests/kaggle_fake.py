"""A local stand-in for Kaggle's API, for testing downloads without the network.

With KAGGLE_API_ENVIRONMENT=LOCALHOST the `kaggle` package (through `kagglesdk`) talks to http://localhost; `client_shim`
is the line a client process runs first to add this server's port. The server answers its DownloadDataset call like Kaggle does: HTTP Basic auth with the account's username and key, then a redirect
to storage, which serves the zip with Content-Length, ETag and byte ranges. It can cut transfers short to test resuming."""
import base64, json, socket, threading, time, zipfile
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def make_dataset_zip(src, dest):
    "A zip laid out like the Kaggle download (`<Style>/<Style>/<id>.jpg`) from the images under `src`"
    from ml_art.data import find_images
    with zipfile.ZipFile(dest, 'w', compression=zipfile.ZIP_STORED) as z:
        for p, s in find_images(src): z.write(p, f'{s}/{s}/{p.name}')
    return Path(dest)

class FakeKaggle:
    def __init__(self, zip_path, username='painter', key='0123456789abcdef', dataset='sivarazadi/wikiart-art-movementsstyles'):
        self.data = Path(zip_path).read_bytes()
        self.auth = 'Basic ' + base64.b64encode(f'{username}:{key}'.encode()).decode()
        self.dataset = dataset
        self.etag = '"fake-%d"' % len(self.data)
        self.requests = []  # (method, path, Range header) of every request
        self.cut_after = None  # send at most this many body bytes, then drop the connection
        self.cuts_left = 0  # how many transfers to cut
        self.stall_after = None  # send this many bytes, then hang (the client gets killed meanwhile)
        self.stalled = threading.Event()
        self.server = None

    def __enter__(self):
        fake = self
        class Handler(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'
            def log_message(self, *a): pass
            def _json(self, code, obj):
                body = json.dumps(obj).encode()
                self.send_response(code); self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
            def do_POST(self):
                fake.requests.append(('POST', self.path, None))
                body = json.loads(self.rfile.read(int(self.headers.get('Content-Length', 0))) or b'{}')
                if self.path != '/api/v1/datasets.DatasetApiService/DownloadDataset': return self._json(404, dict(code=404, message='no such method'))
                if self.headers.get('Authorization') != fake.auth: return self._json(401, dict(code=401, message='Unauthenticated'))
                if f"{body.get('ownerSlug')}/{body.get('datasetSlug')}" != fake.dataset: return self._json(404, dict(code=404, message='Not found'))
                self.send_response(302); self.send_header('Location', f'http://localhost:{fake.port}/storage/dataset.zip')
                self.send_header('Content-Length', '0'); self.end_headers()
            def do_GET(self):
                rng = self.headers.get('Range')
                fake.requests.append(('GET', self.path, rng))
                if self.path != '/storage/dataset.zip': return self._json(404, dict(code=404, message='Not found'))
                start = 0
                if rng and (self.headers.get('If-Range') in (None, fake.etag)): start = int(rng.split('=')[1].split('-')[0])
                body = fake.data[start:]
                self.send_response(206 if start else 200)
                self.send_header('Content-Type', 'application/zip'); self.send_header('Content-Length', str(len(body)))
                self.send_header('Accept-Ranges', 'bytes'); self.send_header('ETag', fake.etag)
                self.send_header('Last-Modified', formatdate(1700000000, usegmt=True))
                if start: self.send_header('Content-Range', f'bytes {start}-{len(fake.data) - 1}/{len(fake.data)}')
                self.end_headers()
                if fake.stall_after is not None:
                    self.wfile.write(body[:fake.stall_after]); self.wfile.flush(); fake.stalled.set()
                    fake.stall_after = None
                    time.sleep(60); return
                if fake.cuts_left and fake.cut_after is not None:
                    fake.cuts_left -= 1
                    self.wfile.write(body[:fake.cut_after]); self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR); return
                self.wfile.write(body)
        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.port = self.server.server_address[1]
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    @property
    def client_shim(self) -> str:
        "Python run first in a client process so that kagglesdk's LOCALHOST environment reaches this server"
        return f"import kagglesdk.kaggle_env as _e; _e._env_to_endpoint[_e.KaggleEnv.LOCAL] = 'http://localhost:{self.port}'\n"

    def __exit__(self, *exc):
        self.server.shutdown(); self.server.server_close()
