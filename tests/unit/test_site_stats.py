"""Site.is_file and Site.is_dir: the file system asked once per load for each path, with pathlib's answers, on
generated trees of files, folders and symbolic links (to a file, a folder, nothing, themselves)."""
from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.model import Site, file_status

kinds = st.sampled_from(["file", "folder", "link to file", "link to folder", "dangling link", "loop", "missing"])


@settings(max_examples=40, deadline=None)
@given(st.lists(kinds, min_size=1, max_size=7))
def test_a_loads_answers_are_pathlibs(tmp_path_factory, made):
    root = tmp_path_factory.mktemp("stats")
    (root / "target-file").write_text("x", encoding="utf-8")
    (root / "target-folder").mkdir()
    paths = []
    for n, kind in enumerate(made):
        path = root / f"p{n}"
        if kind == "file":
            path.write_text("x", encoding="utf-8")
        elif kind == "folder":
            path.mkdir()
        elif kind == "link to file":
            path.symlink_to(root / "target-file")
        elif kind == "link to folder":
            path.symlink_to(root / "target-folder")
        elif kind == "dangling link":
            path.symlink_to(root / "nowhere")
        elif kind == "loop":
            path.symlink_to(path)
        paths.append(path)
    site = Site(root=root)
    for _round in range(2):  # asked, then answered from what the load found
        for path in paths:
            assert site.is_file(path) == path.is_file(), path
            assert site.is_dir(path) == path.is_dir(), path
    for path in paths:  # what read_text takes as a file's status, from the same look
        key = str(path)
        assert key in site.lstats
        assert (file_status(path) is None) == (site.lstats[key] is None or os.path.islink(path))


# names a folder of YAML files may hold: hidden ones, other cases, folders named like files, names that sort
# differently as text and as numbers, non-ASCII, near misses of the suffix
names = st.lists(st.tuples(st.sampled_from(["", ".", "中文", "A", "a", "10", "9", "a b", "é", "e\u0301", "_", "-"]),
                           st.sampled_from(["x", "", "yml", "1"]),
                           st.sampled_from([".yml", ".YML", ".yaml", ".yml.bak", ".yml~", "yml", ".ym"]),
                           st.sampled_from(["file", "folder", "link"])), max_size=12)


@settings(max_examples=60, deadline=None)
@given(names)
def test_a_folders_yaml_files_are_the_globs_in_its_order(tmp_path_factory, made):
    """Site.yaml_files, the loaders' listing of a folder of YAML files, gives what sorted(folder.glob("*.yml"))
    gives: the same paths in the same order, whatever the names."""
    folder = tmp_path_factory.mktemp("yaml")
    for head, middle, suffix, kind in made:
        path = folder / f"{head}{middle}{suffix}"
        if path.exists() or path.is_symlink() or not path.name.strip("."):
            continue
        if kind == "file":
            path.write_text("标题: x\n", encoding="utf-8")
        elif kind == "folder":
            path.mkdir()
        else:
            path.symlink_to(folder / "nowhere.yml")
    site = Site(root=folder)
    assert site.yaml_files(folder) == sorted(folder.glob("*.yml"))
    assert site.yaml_files(folder / "missing") == sorted((folder / "missing").glob("*.yml")) == []
