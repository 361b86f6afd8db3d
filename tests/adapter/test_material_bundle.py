"""Material's bundle is pointed at the site's own copies of the scripts it would fetch from unpkg.com."""
from __future__ import annotations

from pathlib import Path

import material
from mkdocs_adapter.material import BUNDLE as MATERIAL_BUNDLE
from mkdocs_adapter.material import OFFSITE_SCRIPTS as MATERIAL_OFFSITE_SCRIPTS
from mkdocs_adapter.material import localise_bundle as localise_material_bundle

from sitekit import REPO

JS = Path(material.__file__).parent / "templates/assets/javascripts"


def test_the_pinned_bundle_has_no_cdn_url_left_and_the_copies_exist():
    (bundle,) = [p for p in JS.glob("bundle.*.min.js") if MATERIAL_BUNDLE.match(f"assets/javascripts/{p.name}")]
    original = bundle.read_text(encoding="utf-8")
    for url in MATERIAL_OFFSITE_SCRIPTS:
        assert f'"{url}"' in original  # if Material changes its URLs, this list must follow
    localised = localise_material_bundle(original)
    assert "unpkg.com" not in localised and "sourceMappingURL" not in localised
    for local in MATERIAL_OFFSITE_SCRIPTS.values():
        assert f'__md_scope.href+"{local}"' in localised
        assert (REPO / "content" / local).is_file()
    assert localise_material_bundle(localised) == localised
