"""govsite.assets.css_bundle: the site's own stylesheets joined in order into one content-hashed file."""
from __future__ import annotations

from govsite.assets import css_bundle
from sitekit import REPO


def test_bundle_keeps_every_rule_in_the_listed_order(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/a.css").write_text(".a{color:red}\n", encoding="utf-8")
    (tmp_path / "assets/b.css").write_text(".a{color:blue}\n", encoding="utf-8")
    name, content = css_bundle(tmp_path, ["assets/a.css", "assets/b.css"])
    text = content.decode()
    assert text.index(".a{color:red}") < text.index(".a{color:blue}")  # later files still win the cascade
    assert name.startswith("assets/site.") and name.endswith(".min.css") and len(name.split(".")[1]) == 8
    (tmp_path / "assets/b.css").write_text(".a{color:green}\n", encoding="utf-8")
    assert css_bundle(tmp_path, ["assets/a.css", "assets/b.css"])[0] != name  # new content, new name


def test_remote_or_relative_references_are_left_alone(tmp_path):
    (tmp_path / "a.css").write_text(".a{}", encoding="utf-8")
    (tmp_path / "b.css").write_text(".b{background:url(x.png)}", encoding="utf-8")
    assert css_bundle(tmp_path, ["a.css", "https://example.org/x.css"]) is None
    assert css_bundle(tmp_path, ["a.css", "b.css"]) is None
    assert css_bundle(tmp_path, ["a.css", "missing.css"]) is None


def test_the_sites_own_css_is_bundled():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    bundle = css_bundle(REPO / "content", config["extra_css"])
    assert bundle is not None
    for entry in config["extra_css"]:
        assert (REPO / "content" / entry).read_text(encoding="utf-8").strip() in bundle[1].decode()
