"""One rule for files: no command overwrites an existing file unless asked (--force), never one of its own
inputs whatever name, symlink or hard link points at it, and only ever a regular file; writes are atomic."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from wargame.cli import main


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Issue 10, case 1, first step: `wargame autoplay iraq-2020 --games 1 --seed 4 --save g.db`."""
    folder = tmp_path_factory.mktemp("files")
    code, out, _ = run("autoplay", "iraq-2020", "--games", "1", "--seed", "4", "--save", folder / "g.db")
    assert code == 0 and out.startswith("saved: ")
    return folder / "g.db"


def twin(save: Path, folder: Path) -> Path:
    """A copy of ``save`` under another name: compare takes two different saves."""
    copy = folder / f"twin-{save.name}"
    if not copy.exists():
        copy.write_bytes(save.read_bytes())
    return copy


def one_error_line(code: int, err: str) -> str:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def test_case_1_report_onto_its_own_save_is_refused(save: Path) -> None:
    """Case 1: `wargame report g.db -o g.db` printed `written: g.db`, exit 0, and the save became Markdown."""
    before = digest(save)
    for spelling in (save, save.parent / "." / save.name, Path(os.path.relpath(save))):
        code, _, err = run("report", save, "-o", spelling)
        assert "an input of this command" in one_error_line(code, err)
        code, _, err = run("report", save, "-o", spelling, "--force")
        assert "an input of this command" in one_error_line(code, err)
    assert digest(save) == before
    code, out, _ = run("verify", save)
    assert code == 0 and out.startswith("ok: ")


def test_symlinks_hard_links_and_sqlite_sidecars_of_an_input_are_refused(save: Path, tmp_path: Path) -> None:
    before = digest(save)
    link = tmp_path / "link.db"
    link.symlink_to(save)
    hard = tmp_path / "hard.db"
    os.link(save, hard)
    for target in (link, hard, save.with_name(save.name + "-wal")):
        for command in (["report", save], ["compare", save, twin(save, tmp_path)]):
            code, _, err = run(*command, "-o", target, "--force")
            assert "an input of this command" in one_error_line(code, err)
    assert digest(save) == before and not save.with_name(save.name + "-wal").exists()


def test_an_existing_file_is_replaced_only_with_force(save: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text("keep me\n", encoding="utf-8")
    for command in (["report", save], ["compare", save, twin(save, tmp_path)]):
        code, _, err = run(*command, "-o", other)
        assert "already exists" in one_error_line(code, err) and "--force" in err
        assert other.read_text(encoding="utf-8") == "keep me\n"
    code, _, err = run("report", save, "-o", other, "--force")
    assert code == 0 and err == f"written: {other}\n"
    assert other.read_text(encoding="utf-8").startswith("# After-action report")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # the temporary file was renamed


def test_another_save_is_not_clobbered(save: Path, tmp_path: Path) -> None:
    """-o onto another save replaced it too: now refused without --force."""
    code, _, _ = run("fork", save, "--turn", "1", "-o", tmp_path / "b.db")
    assert code == 0
    before = digest(tmp_path / "b.db")
    code, _, err = run("report", save, "-o", tmp_path / "b.db")
    assert "already exists" in one_error_line(code, err)
    assert digest(tmp_path / "b.db") == before


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_never_replaced_even_with_force(save: Path, device: str, tmp_path: Path) -> None:
    """-o /dev/null (as root) replaced the device with a regular file."""
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    for command in (["report", save], ["compare", save, twin(save, tmp_path)]):
        code, _, err = run(*command, "-o", device, "--force")
        assert "not a regular file" in one_error_line(code, err)
    assert not Path(device).is_file()


def test_dash_means_standard_output(save: Path) -> None:
    code, out, _ = run("report", save, "-o", "-", "-f", "json")
    assert code == 0 and out.startswith("{")


def test_save_writers_never_overwrite(save: Path, tmp_path: Path) -> None:
    """autoplay --save, fork -o, export and play --save create new files only (the store links a finished temp
    file in), never over the save they read, whatever the spelling, nor under the name of a save's SQLite side file."""
    before = digest(save)
    hard = tmp_path / "hard.db"
    os.link(save, hard)
    wal = save.with_name(save.name + "-wal")
    for args, said in ((["autoplay", "iraq-2020", "--games", "1", "--save", save], "exists"),
                       (["fork", save, "--turn", "1", "-o", save], "an input of this command"),
                       (["fork", save, "--turn", "1", "-o", hard], "an input of this command"),
                       (["fork", save, "--turn", "1", "-o", wal], "where SQLite keeps part of"),
                       (["fork", save, "--turn", "1", "-o", "/dev/null"], "not a regular file"),
                       (["export", save, wal], "where SQLite keeps part of"),
                       (["export", save, hard], "an input of this command"),
                       (["export", save, tmp_path / "other.db-shm"], "may not end in -wal, -shm or -journal"),
                       (["play", "iraq-2020", "--save", save], "exists")):
        code, _, err = run(*args)
        assert code == 2 and said in err.strip().splitlines()[-1], (args, err)
    assert digest(save) == before
    assert not wal.exists()


def test_msel_export_never_writes_over_its_scenario_or_without_force(harbour_content: Path, tmp_path: Path) -> None:
    world = harbour_content / "scenarios" / "harbour.yaml"
    before = digest(world)
    alias = tmp_path / "world.csv"
    alias.symlink_to(world)
    code, _, err = run("msel", "export", "harbour", "--content", harbour_content, "-o", alias, "--force")
    assert "an input of this command" in one_error_line(code, err)
    assert digest(world) == before
    sheet = tmp_path / "msel.csv"
    sheet.write_text("keep\n", encoding="utf-8")
    code, _, err = run("msel", "export", "harbour", "--content", harbour_content, "-o", sheet)
    assert "already exists" in one_error_line(code, err) and sheet.read_text(encoding="utf-8") == "keep\n"
    code, _, _ = run("msel", "export", "harbour", "--content", harbour_content, "-o", sheet, "--force")
    assert code == 0 and sheet.read_text(encoding="utf-8") != "keep\n"


def test_packs_and_inject_folders_are_replaced_only_with_force(harbour_content: Path, tmp_path: Path) -> None:
    """`pack -o DIR` and `msel import -o DIR` replaced what was there without being asked."""
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "navy.html").write_text("keep\n", encoding="utf-8")
    code, _, err = run("pack", "harbour", "--content", harbour_content, "-o", packs, "--no-pdf")
    assert "add --force to replace the packs" in one_error_line(code, err)
    assert (packs / "navy.html").read_text(encoding="utf-8") == "keep\n"
    code, _, err = run("pack", "harbour", "--content", harbour_content, "-o", packs, "--no-pdf", "--force")
    assert code == 0, err
    assert (packs / "navy.html").read_text(encoding="utf-8") != "keep\n"

    sheet = tmp_path / "msel.csv"
    assert run("msel", "export", "harbour", "--content", harbour_content, "-o", sheet)[0] == 0
    target = tmp_path / "content"
    kept = target / "injects" / "harbour" / "mine.yaml"
    kept.parent.mkdir(parents=True)
    kept.write_text("injects: []\n", encoding="utf-8")
    code, _, err = run("msel", "import", sheet, "--scenario", "harbour", "--content", harbour_content, "-o", target)
    assert "add --force to replace the folder" in one_error_line(code, err)
    assert kept.exists()


def test_the_balance_page_is_replaced_only_with_force(harbour_content: Path, tmp_path: Path) -> None:
    page = tmp_path / "balance.html"
    page.write_text("keep\n", encoding="utf-8")
    args = ("balance", "harbour", "--content", harbour_content, "--games", "2", "--per-strategy", "2", "--html", page)
    code, _, err = run(*args)
    assert "add --force" in one_error_line(code, err)
    code, _, err = run(*args, "--force")
    assert code == 0, err
    assert page.read_text(encoding="utf-8") != "keep\n"


def test_export_replaces_an_existing_file_only_with_force_and_never_a_save_in_use(save: Path, tmp_path: Path) -> None:
    """Reader 10: export said 'add --force to replace it' and had no --force. Without it an existing file is
    kept; with it the finished copy takes its place in one rename; a file with a SQLite side file beside it
    (a save open in a session, or not closed cleanly) is never replaced, since the new copy would be read
    with the old save's -wal."""
    copy = tmp_path / "copy.db"
    copy.write_text("an older copy\n", encoding="utf-8")
    code, _, err = run("export", save, copy)
    assert "already exists; choose another name, or add --force to replace it" in one_error_line(code, err)
    assert copy.read_text(encoding="utf-8") == "an older copy\n"
    code, out, _ = run("export", save, copy, "--force")
    assert code == 0 and out.startswith(f"exported: {copy} (")
    assert run("verify", copy)[1].splitlines()[-1] == run("verify", save)[1].splitlines()[-1]  # the same state digest
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    before = digest(copy)
    wal = copy.with_name(copy.name + "-wal")
    wal.write_bytes(b"")
    code, _, err = run("export", save, copy, "--force")
    assert "copy.db-wal is beside it: the save may be open in a session" in one_error_line(code, err)
    assert digest(copy) == before


def test_a_command_without_force_never_offers_it(save: Path, tmp_path: Path) -> None:
    """fork -o onto an existing file is refused; the line does not tell the user to add a --force fork has not."""
    taken = tmp_path / "taken.db"
    taken.write_text("keep me\n", encoding="utf-8")
    code, _, err = run("fork", save, "--turn", "1", "-o", taken)
    line = one_error_line(code, err)
    assert line == f"error: {taken}: already exists; choose another name" and "--force" not in line
    assert taken.read_text(encoding="utf-8") == "keep me\n"
