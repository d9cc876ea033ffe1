"""The README's settings table is generated; the licence is declared the modern way;
installs are quiet unless they fail."""

import subprocess
import tomllib
from pathlib import Path

from babelwire.cli.settings_cmd import generated_block

ROOT = Path(__file__).resolve().parents[2]


def test_readme_settings_block_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert generated_block() in readme, "run `make readme` to regenerate the settings table"


def test_license_is_an_spdx_string_with_its_text():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "AGPL-3.0-or-later"  # a table is deprecated
    assert project["project"]["license-files"] == ["LICENSE"]
    requires = project["build-system"]["requires"]
    assert any(r.startswith("setuptools>=") and int(r.split(">=")[1].split(".")[0]) >= 77
               for r in requires)
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007")
    assert "13. Remote Network Interaction" in text and "END OF TERMS AND CONDITIONS" in text


def test_make_quiet_hides_output_unless_the_step_fails(tmp_path):
    extra = tmp_path / "extra.mk"
    extra.write_text('ok:\n\t@$(QUIET) sh -c "echo noisy-ok"\n'
                     'ko:\n\t@$(QUIET) sh -c "echo noisy-ko; exit 3"\n')
    log = tmp_path / "setup.log"
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), "-f", str(extra), f"LOG={log}"]
    ok = subprocess.run([*make, "ok"], capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0 and ok.stdout == "" and ok.stderr == ""
    assert "noisy-ok" in log.read_text()
    ko = subprocess.run([*make, "ko"], capture_output=True, text=True, cwd=tmp_path)
    assert ko.returncode != 0 and "noisy-ko" not in ko.stdout
    assert f"full log: {log}" in ko.stderr and "noisy-ko" in ko.stderr


def test_readme_lists_every_command_and_its_contents_links_resolve():
    import re

    from babelwire.cli.main import COMMAND_MODULES, build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse's registry
    assert len(commands) == len(COMMAND_MODULES)
    for name in commands:
        assert f"| `babelwire {name}" in readme, f"`babelwire {name}` missing from the commands table"
    for action in ("add", "list", "remove", "import", "export"):
        assert f"`babelwire sources {action}" in readme or f"`sources {action}" in readme
    anchors = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
               for h in re.findall(r"(?m)^#{2,3} (.+)$", readme)}
    for link in re.findall(r"\]\(#([^)]+)\)", readme):
        assert link in anchors, f"contents link #{link} has no heading"
    for doc in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / doc).is_file(), doc
