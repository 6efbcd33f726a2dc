"""Arguments a command cannot use are refused in one line naming the option or argument, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tests.cli.test_files import one_error_line, run
from wargame.cli import main
from wargame.session.signing import keys_dir


def test_an_empty_path_is_refused_naming_the_option(tmp_path: Path) -> None:
    """Reader 10: `verify SAVE --key ""` said 'error: .: Is a directory' (the empty path read as this folder)."""
    save = tmp_path / "g.db"  # the empty path is refused before anything is opened
    for args, said in ((["verify", save, "--key", ""], "--key is empty: give the path of a public key file"),
                       (["seal", save, "--key", ""], "--key is empty: give the path of a private key file"),
                       (["verify", ""], "SAVE is empty: give the path of a save file"),
                       (["report", ""], "SAVE is empty: give the path of a save file")):
        code, _, err = run(*args)
        assert one_error_line(code, err).startswith(f"error: {said}"), (args, err)


def test_an_empty_file_path_is_refused_in_every_command_that_writes_or_reads_a_file(tmp_path: Path) -> None:
    """r10b left `--save ""`, `-o ""`, `--html ""` and `--map ""` read as the current folder ('.: a folder; …')."""
    save = tmp_path / "g.db"
    sheet = tmp_path / "m.csv"
    sheet.write_text("No.,Title\n", encoding="utf-8")
    for args, said in ((["autoplay", "iraq-2020", "--save", ""], "--save is empty: give the path of the save file to write"),
                       (["play", "iraq-2020", "--save", ""], "--save is empty: give the path of the new save file"),
                       (["balance", "iraq-2020", "--html", ""], "--html is empty: give the path of the HTML file to write"),
                       (["report", save, "-o", ""], "--output is empty: give the path of the file to write"),
                       (["compare", save, save, "-o", ""], "--output is empty: give the path of the file to write"),
                       (["msel", "export", "iraq-2020", "-o", ""], "--output is empty: give the path of the sheet to write"),
                       (["msel", "import", "", "-s", "iraq-2020", "-o", tmp_path / "out"], "FILE is empty"),
                       (["msel", "import", sheet, "-s", "iraq-2020", "--map", "", "-o", tmp_path / "out"],
                        "--map is empty: give the path of a mapping file (YAML)")):
        code, _, err = run(*args)
        assert one_error_line(code, err).startswith(f"error: {said}"), (args, err)
    assert not (tmp_path / "out").exists()


def test_keys_new_a_second_time_names_the_key_that_is_there() -> None:
    """Reader 10: the second `keys new` said 'error: None: a key already exists'."""
    runner = CliRunner()
    assert runner.invoke(main, ["keys", "new"]).exit_code == 0
    private = keys_dir() / "seal.key"
    before = private.read_bytes()
    again = runner.invoke(main, ["keys", "new"])
    assert one_error_line(again.exit_code, again.stderr) == (
        f"error: {private}: a key already exists; keep it (saves sealed with it are checked with its .pub)")
    assert private.read_bytes() == before
    private.unlink()  # the public key alone is there: it is the one named
    again = runner.invoke(main, ["keys", "new"])
    assert one_error_line(again.exit_code, again.stderr).startswith(f"error: {keys_dir() / 'seal.pub'}: a key already exists")


def test_two_policies_for_one_role_are_refused_naming_the_role(harbour_content: Path) -> None:
    """Reader 10: `autoplay --policy tehran=historical --policy tehran=random` ran with the last one, silently."""
    code, out, err = run("autoplay", "harbour", "--content", harbour_content, "--games", "1",
                         "--policy", "navy=historical", "--policy", "navy=random")
    assert one_error_line(code, err) == (
        "error: --policy navy=historical and --policy navy=random: two policies for navy; give one")
    assert out == ""
    code, _, _ = run("autoplay", "harbour", "--content", harbour_content, "--games", "1",
                     "--policy", "navy=random", "--policy", "navy=random")  # the same one twice is no conflict
    assert code == 0
