"""The classroom set-up's nginx compresses every kind of text Streamlit serves uncompressed (deploy/README.md)."""
from __future__ import annotations

import mimetypes
import re
from pathlib import Path

import pytest
import streamlit

ROOT = Path(__file__).resolve().parents[2]
CONFIGS = [ROOT / "deploy" / "nginx.conf.template", ROOT / "deploy" / "nginx.compose.conf"]
STATIC = Path(streamlit.__file__).parent / "static"
# served beside the files: the host's settings and the components' manifests (JSON), the health check (text);
# and .js as Streamlit 1.67 labels it (Python's own table says text/javascript)
OTHER_TEXT = {"application/json", "text/plain", "application/javascript"}


def directives(config: Path) -> dict[str, str]:
    """The http block's gzip directives, name → value."""
    return dict(re.findall(r"^\s*(gzip\w*)\s+([^;]+);", config.read_text(), re.MULTILINE))


def served_text_types() -> set[str]:
    """The content types of Streamlit's own text files (its JavaScript, CSS, SVG), by their extensions."""
    kinds = {mimetypes.guess_type(f"x{path.suffix}")[0] for path in STATIC.rglob("*") if path.is_file()}
    return {kind for kind in kinds if kind and (kind.startswith("text/") or kind.endswith(("javascript", "json", "+xml")))}


@pytest.mark.parametrize("config", CONFIGS, ids=lambda path: path.name)
def test_nginx_compresses_streamlit_s_text(config):
    found = directives(config)
    assert found.get("gzip") == "on"
    assert found.get("gzip_vary") == "on"     # a cache in between keeps the two versions apart
    types = set(found.get("gzip_types", "").split())
    wanted = (served_text_types() | OTHER_TEXT) - {"text/html"}   # html is always compressed once gzip is on
    assert {"text/javascript", "text/css", "image/svg+xml"} <= wanted   # the files were found
    assert wanted <= types, f"not compressed: {sorted(wanted - types)}"


def test_the_compose_config_compresses_as_the_template_does():
    assert directives(CONFIGS[0]) == directives(CONFIGS[1])
