"""The MNIST downloader against a local HTTP server on 127.0.0.1 serving small IDX files."""
import hashlib
import http.server
import socket
import threading

import numpy as np
import pytest

from nn_core.download import RemoteFile, download_mnist, load_mnist
from nn_core.errors import DataFileError, DownloadError
from nn_core.idx import make_idx, parse_idx
from nn_core.sources import load_data


class _Server:
    """Serves `files` (name -> bytes) and counts the requests for each name."""

    def __init__(self, files: dict[str, bytes]):
        self.files, self.requests = files, []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                name = self.path.rsplit("/", 1)[-1]
                owner.requests.append(name)
                body = owner.files.get(name)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/mnist/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def tiny_mnist():
    """Four small IDX files (30 training and 10 test digits) and their RemoteFile records."""
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (30, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte.gz": np.arange(30, dtype=np.uint8) % 10,
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (10, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte.gz": np.arange(10, dtype=np.uint8),
    }
    blobs = {name: make_idx(array) for name, array in arrays.items()}
    remotes = [RemoteFile(name, hashlib.sha256(blob).hexdigest(), len(blob)) for name, blob in blobs.items()]
    return arrays, blobs, remotes


@pytest.fixture
def server(tiny_mnist):
    srv = _Server(tiny_mnist[1])
    yield srv
    srv.close()


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_download_checks_caches_and_loads(tmp_path, tiny_mnist, server):
    arrays, _, remotes = tiny_mnist
    seen = []
    cache = download_mnist(tmp_path / "cache", mirrors=[server.url], files=remotes,
                           progress=lambda name, done, total: seen.append((name, done, total)))
    assert sorted(p.name for p in cache.iterdir()) == sorted(arrays)  # no .part files left
    assert {name for name, _, _ in seen} == set(arrays)
    last_report = {name: (done, total) for name, done, total in seen}
    assert all(done == total == remote.size for remote in remotes for done, total in [last_report[remote.name]])
    train, test = load_mnist(cache, files=remotes)
    np.testing.assert_array_equal(train.images, arrays["train-images-idx3-ubyte.gz"])
    np.testing.assert_array_equal(test.labels, arrays["t10k-labels-idx1-ubyte.gz"])
    requests = len(server.requests)
    download_mnist(tmp_path / "cache", mirrors=[server.url], files=remotes)
    assert len(server.requests) == requests  # cached and verified: nothing downloaded again


def test_falls_back_to_the_next_mirror(tmp_path, tiny_mnist, server):
    _, _, remotes = tiny_mnist
    empty = _Server({})  # answers 404 for everything
    try:
        download_mnist(tmp_path, mirrors=[_closed_port_url(), empty.url, server.url], files=remotes)
    finally:
        empty.close()
    assert len(list(tmp_path.glob("*.gz"))) == 4
    assert len(empty.requests) == 4  # each file was tried there first


def test_a_wrong_checksum_saves_nothing(tmp_path, tiny_mnist, server):
    _, _, remotes = tiny_mnist
    wrong = [RemoteFile(r.name, "0" * 64, r.size) for r in remotes]
    with pytest.raises(DownloadError, match="SHA-256"):
        download_mnist(tmp_path, mirrors=[server.url], files=wrong)
    assert list(tmp_path.iterdir()) == []


def test_a_corrupted_cached_file_is_downloaded_again(tmp_path, tiny_mnist, server):
    _, blobs, remotes = tiny_mnist
    download_mnist(tmp_path, mirrors=[server.url], files=remotes)
    (tmp_path / remotes[0].name).write_bytes(b"garbage")
    download_mnist(tmp_path, mirrors=[server.url], files=remotes)
    assert (tmp_path / remotes[0].name).read_bytes() == blobs[remotes[0].name]


def test_offline_gives_one_clear_sentence(tmp_path, tiny_mnist, embedded):
    _, _, remotes = tiny_mnist
    with pytest.raises(DownloadError) as caught:
        download_mnist(tmp_path, mirrors=[_closed_port_url()], files=remotes, timeout=2)
    message = str(caught.value)
    assert "offline" in message and "embedded" in message and "\n" not in message
    assert len(load_data("embedded")[0]) == 4000  # the embedded digits keep working


def test_not_downloaded_yet(tmp_path):
    with pytest.raises(DataFileError, match="not downloaded yet"):
        load_mnist(tmp_path)


def test_idx_round_trip_and_bad_idx():
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    np.testing.assert_array_equal(parse_idx(make_idx(array)), array)
    np.testing.assert_array_equal(parse_idx(make_idx(array, compress=False)), array)
    with pytest.raises(DataFileError, match="not an IDX"):
        parse_idx(b"\x01\x02\x03\x04")
    with pytest.raises(DataFileError, match="should hold"):
        parse_idx(make_idx(array, compress=False)[:-3])
    with pytest.raises(DataFileError, match="gzip"):
        parse_idx(b"\x1f\x8b" + b"broken")
