"""What kind of build this is: the public site, a preview of a merge request, or a release of `make publish`.

The MkDocs adapter reads the environment once (`from_environ`) and hands the mode to the engine (Site.mode) and
to the templates (config.extra). Nothing else reads these variables.

GOVSITE_PREVIEW=1    `make preview` (CI, merge requests): a "预览" banner on every page, pages kept out of search
                     engines, and drafts shown (Site.mode.show_drafts). 1/true/yes/on turn it on, unset, empty,
                     0/false/no/off leave it off (any case, spaces around ignored); anything else stops the build,
                     so that no value meant as "off" ever shows drafts on the public site.
GOVSITE_RELEASE=<id> `make publish` (govsite/release.py): the release folder's name. Each page asks for the search
                     index files of its own release (overrides/partials/govsite-search.html; docs/publishing.md).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# YYYYMMDD-HHMMSS (Beijing time) and the commit's abbreviated hash; deploy/govsite-maps.conf accepts the same.
# Use fullmatch: "$" alone would accept a name ending in a newline.
RELEASE_ID = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{7,40}$")


# What GOVSITE_PREVIEW may say, lower-cased and stripped; the public build is the default and anything unknown
# is an error rather than a guess.
PREVIEW_ON = ("1", "true", "yes", "on")
PREVIEW_OFF = ("", "0", "false", "no", "off")


class ModeError(ValueError):
    """A bad GOVSITE_* variable: the message is Chinese, for the build's output."""


@dataclass(frozen=True)
class BuildMode:
    serve: bool = False  # `make serve`: an editor's own machine
    preview: bool = False  # `make preview`: a merge request's preview, kept as a CI artifact
    release: str = ""  # `make publish`: the release being built

    @property
    def show_drafts(self) -> bool:
        """Drafts (and documents scheduled for later) are shown, each with its banner, only where the public never
        looks: `make serve` and previews. The public build leaves them out of every output."""
        return self.serve or self.preview


def from_environ(environ: Mapping[str, str], serve: bool = False) -> BuildMode:
    written = environ.get("GOVSITE_PREVIEW", "")
    word = written.strip().lower()
    if word not in PREVIEW_ON + PREVIEW_OFF:
        raise ModeError(f"环境变量 GOVSITE_PREVIEW 只能是 1（预览，显示草稿）或 0（正式构建）"
                        f"（也可写 true/false、yes/no、on/off），现为“{written}”")
    preview = word in PREVIEW_ON
    release = environ.get("GOVSITE_RELEASE", "")
    if release and not RELEASE_ID.fullmatch(release):
        raise ModeError(f"环境变量 GOVSITE_RELEASE 应为“年月日-时分秒-提交号”形式的发布版本名，现为“{release}”")
    if release and preview:
        raise ModeError(f"预览构建（GOVSITE_PREVIEW={written}）不能作为正式发布版本（GOVSITE_RELEASE）")
    return BuildMode(serve=serve, preview=preview, release=release)
