"""The files that run the site elsewhere: CI for GitLab and Gitea, the systemd timer and its cron twin, and the
places where deploy/ and the Makefile must agree. No network: the CI schemas are vendored in .ci/schemas/."""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from govsite.mode import RELEASE_ID
from sitekit import REPO

GITLAB = REPO / ".gitlab-ci.yml"
GITEA = sorted((REPO / ".gitea/workflows").glob("*.yml"))


class _Yaml12Loader(yaml.SafeLoader):
    """YAML as CI servers read it (1.2): `on:` is a key, not the boolean True; only true/false are booleans."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)  # a SafeLoader


def validator(name: str) -> jsonschema.Draft7Validator:
    schema = yaml.safe_load((REPO / ".ci/schemas" / name).read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def errors(name: str, document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(document)]


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))


def test_gitlab_ci_is_valid_against_gitlabs_schema():
    assert errors("gitlab-ci.json", load(GITLAB)) == []


def test_gitea_workflows_are_valid_against_the_workflow_schema():
    assert GITEA, "a Gitea Actions workflow in .gitea/workflows/"
    for path in GITEA:
        assert errors("github-workflow.json", load(path)) == [], path.name


def test_the_schemas_catch_a_mistake():
    """The validation is real: a misspelt key and a wrong type are reported by each schema."""
    gitlab = copy.deepcopy(load(GITLAB))
    gitlab["build"]["scirpt"] = gitlab["build"].pop("script")
    assert errors("gitlab-ci.json", gitlab)
    gitea = copy.deepcopy(load(GITEA[0]))
    gitea["jobs"]["build"]["steps"] = "make build"
    assert errors("github-workflow.json", gitea)


def gitlab_jobs() -> dict[str, dict]:
    document = load(GITLAB)
    jobs = {name: job for name, job in document.items()
            if isinstance(job, dict) and "script" in job or name.startswith(".")}
    for job in jobs.values():  # `extends` of the hidden template
        for parent in [job.get("extends")] if isinstance(job.get("extends"), str) else job.get("extends", []):
            for key, value in document[parent].items():
                job.setdefault(key, value)
    return {name: job for name, job in jobs.items() if not name.startswith(".")}


def test_ci_runs_makefile_targets_only_merge_requests_check_build_preview_main_publishes():
    targets = makefile_targets()
    seen = {"gitlab": {}, "gitea": {}}
    for name, job in gitlab_jobs().items():
        commands = job["script"]
        assert all(re.fullmatch(r"make ([a-z-]+)", c) and c.split()[1] in targets for c in commands), (name, commands)
        when = " ".join(rule["if"] for rule in job["rules"])
        kind = "main" if "CI_DEFAULT_BRANCH" in when else "merge" if "merge_request_event" in when else when
        seen["gitlab"].setdefault(kind, set()).update(c.split()[1] for c in commands)
    for path in GITEA:
        for name, job in load(path)["jobs"].items():
            runs = [step["run"] for step in job["steps"] if "run" in step]
            uses = [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]
            assert set(uses) <= {"actions/checkout", "actions/upload-artifact"}, (name, uses)
            assert all(re.fullmatch(r"make ([a-z-]+)", r) and r.split()[1] in targets for r in runs), (name, runs)
            kind = "main" if "refs/heads/main" in job["if"] else "merge" if "pull_request" in job["if"] else job["if"]
            seen["gitea"].setdefault(kind, set()).update(r.split()[1] for r in runs)
    for forge, kinds in seen.items():
        assert kinds == {"merge": {"check", "build", "preview"}, "main": {"publish"}}, forge


def test_the_preview_is_kept_as_an_artifact_from_where_make_preview_writes_it():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    folder = re.search(r"^preview:.*?\n\trm -rf (\S+) && mv \S+ (\S+)$", makefile, re.M | re.S).group(2)
    assert gitlab_jobs()["preview"]["artifacts"]["paths"] == [folder + "/"]
    upload = next(s for s in load(GITEA[0])["jobs"]["preview"]["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == folder + "/"
    assert f"{folder}/" in (REPO / ".gitignore").read_text(encoding="utf-8").split()  # never committed by mistake


def test_a_publish_runs_alone_and_sees_the_whole_history():
    job = gitlab_jobs()["publish"]
    assert job["resource_group"] and job["interruptible"] is False and job["variables"]["GIT_DEPTH"] == "0"
    gitea = load(GITEA[0])["jobs"]["publish"]
    assert gitea["concurrency"]["cancel-in-progress"] is False
    checkout = next(s for s in gitea["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


# ------------------------------------------------------------------------------------------ timer and cron

UNITS = [REPO / "deploy/govsite-publish.service", REPO / "deploy/govsite-publish.timer"]


def unit(path: Path) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            values.setdefault(key.strip(), []).append(value.strip())
    return values


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_analyze_verifies_the_units_and_rejects_a_broken_one(tmp_path):
    result = subprocess.run(["systemd-analyze", "verify", *map(str, UNITS)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    for old, new in (("OnCalendar=*-*-* *:00:10 Asia/Shanghai", "OnCalendar=每小时"), ("Type=oneshot", "Type=sometimes")):
        for path in UNITS:
            (tmp_path / path.name).write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        broken = subprocess.run(["systemd-analyze", "verify", *(str(tmp_path / p.name) for p in UNITS)],
                                capture_output=True, text=True)
        assert new.split("=")[1] in broken.stderr, broken.stderr  # named as the setting it cannot parse


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_the_timer_fires_every_hour_of_beijing_time_and_just_after_midnight():
    calendar = unit(REPO / "deploy/govsite-publish.timer")["OnCalendar"]
    result = subprocess.run(["systemd-analyze", "calendar", "--iterations=25", *calendar], capture_output=True,
                            text=True, env={"TZ": "Asia/Shanghai", "PATH": "/usr/bin:/bin"})
    times = re.findall(r"(?:Next elapse|Iter\. #\d+): \w+ (\S+) (\S+) CST", result.stdout)
    assert len(times) == 25, result.stdout
    assert {t for _, t in times} == {f"{h:02d}:00:10" for h in range(24)}  # every hour, midnight included
    days = [d for d, t in times]
    assert len(set(days)) == 2 and days == sorted(days)


def test_service_timer_and_cron_run_the_same_publish_in_the_same_checkout():
    service, timer = unit(UNITS[0]), unit(UNITS[1])
    assert service["Type"] == ["oneshot"] and timer["Unit"] == [UNITS[0].name] and timer["Persistent"] == ["true"]
    assert service["ExecStart"] == ["/usr/bin/make --no-print-directory publish"]
    cron = [line for line in (REPO / "deploy/govsite-publish.cron").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#") and "=" not in line.split()[0]]
    assert len(cron) == 1
    minute, hour, day, month, weekday, user, command = cron[0].split(None, 6)
    assert (minute, hour, day, month, weekday) == ("0", "*", "*", "*", "*")  # every hour, on the hour
    assert user == service["User"][0]
    assert f"cd {service['WorkingDirectory'][0]} &&" in command and "make --no-print-directory publish" in command
    assert "git pull --ff-only" in command and any("git pull --ff-only" in v for v in service["ExecStartPre"])


# ------------------------------------------------------------------------------- deploy/ and the Makefile

def test_nginx_the_units_and_the_makefile_name_the_same_web_root():
    webroot = re.search(r"^GOVSITE_WEBROOT \?= (\S+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    site = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
    column = (REPO / "deploy/nginx-column.conf").read_text(encoding="utf-8")
    assert f"root {webroot}/current;" in site and f"root {webroot}/$govsite_release;" in site
    assert f"alias {webroot}/current/;" in column and f"alias {webroot}/$govsite_release/searchindex/;" in column
    assert unit(UNITS[0])["ReadWritePaths"] == [webroot]
    assert unit(UNITS[0])["WorkingDirectory"][0].startswith(webroot + "/")


def test_nginx_accepts_exactly_the_release_names_that_publish_makes():
    maps = (REPO / "deploy/govsite-maps.conf").read_text(encoding="utf-8")
    pattern = re.search(r'"~\^\(\?<govsite_release_id>(.*?)\)\$"', maps).group(1)
    assert "^" + pattern + "$" == RELEASE_ID.pattern
