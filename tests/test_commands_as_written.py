"""The README's commands work as written, and the build says when site_url is a placeholder."""
import json
import os
import subprocess

from conftest import ROOT


def test_site_url_placeholder_is_named_with_file_and_line(tmp_path):
    from build_tools.commands import site_url_warning
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text("site_name: 法规文本库\n\nsite_url: https://fagui.example.org/\n", encoding="utf-8")
    msg = site_url_warning(cfg)
    assert msg.startswith("警告 mkdocs.yml:3 site_url_placeholder") and "https://fagui.example.org/" in msg
    cfg.write_text("site_name: x\n", encoding="utf-8")
    assert "（未设置）" in site_url_warning(cfg)
    cfg.write_text("site_name: x\nsite_url: 'https://fagui.gzrd.gov.cn/'\n", encoding="utf-8")
    assert site_url_warning(cfg) is None
    # the project's own configuration still has the placeholder, and says where
    assert site_url_warning(ROOT / "mkdocs.yml").startswith("警告 mkdocs.yml:6 ")


def test_run_script_works_from_another_directory_without_the_venv_on_path(tmp_path):
    """`bash scripts/run.sh export FILE` from elsewhere, with a PATH that has no project python."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = "/usr/bin:/bin"
    seed = ROOT / "seeds" / "000_0674861ecbe1753d.txt"
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "run.sh"), "export", os.path.relpath(seed, tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout)["title"] == "贵阳市算力产业促进条例"


def test_readme_shows_no_bare_python_command():
    """Every build_tools command in the README is spelled so that it runs from a fresh clone."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        stripped = line.strip()
        if stripped.startswith("python -m build_tools") or stripped.startswith("python3 -m build_tools"):
            raise AssertionError(line)
