"""``cronaca ingest``: summary, skipped files with reasons, exit status, sizes, stdin."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cronaca.cli import main
from cronaca.cli.ingest import ByteSize

ARTICLE = (
    " date 2022-02 https://notizie.example.it/2022/02/15/telefonata\n\n"
    "Telefonata tra i presidenti di Francia e Russia\n\n"
    "Il presidente francese ha avuto martedì una lunga telefonata con il capo del Cremlino, "
    "la terza in due settimane.\n"
    "Secondo l'Eliseo, i due leader hanno concordato di proseguire il dialogo a livello dei "
    "consiglieri diplomatici.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_good_folder_exits_0_with_a_summary(runner, tmp_path, db_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE.replace("martedì", "mercoledì"), encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--db", str(db_path), str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "read 2, stored 2, duplicates 0, already seen 0, skipped 0" in result.output
    assert db_path.exists()
    again = runner.invoke(main, ["ingest", "--db", str(db_path), str(tmp_path)])
    assert again.exit_code == 0
    assert "stored 0" in again.output and "already seen 2" in again.output


def test_skipped_files_are_named_with_their_reason_and_exit_1(runner, tmp_path, db_path):
    folder = tmp_path / "misto"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "vuoto.txt").write_bytes(b"")
    (folder / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "d.jsonl").write_text('{"title": "x", "text": "y"}\n{rotto\n', encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--db", str(db_path), str(folder)])
    assert result.exit_code == 1
    assert "skipped 4" in result.output
    assert f"{folder / 'd.jsonl'}#line=1: no article body: nothing is left but 2 lines of page " \
           "furniture" in result.output
    assert f"{folder / 'vuoto.txt'}: empty file" in result.output
    assert f"{folder / 'foto.png'}: not a text file: PNG image" in result.output
    assert f"{folder / 'd.jsonl'}#line=2: malformed JSON" in result.output


def test_standard_input(runner, db_path):
    lines = json.dumps({"title": "Telefonata", "text": ARTICLE.split("\n\n", 2)[2]})
    result = runner.invoke(main, ["ingest", "--db", str(db_path), "-"], input=lines + "\n")
    assert result.exit_code == 0, result.output
    assert "stored 1" in result.output


def test_max_bytes_skips_a_large_article(runner, tmp_path, db_path):
    (tmp_path / "grande.txt").write_text(ARTICLE * 50, encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--db", str(db_path), "--max-bytes", "2k",
                                  str(tmp_path)])
    assert result.exit_code == 1
    assert "grande.txt: too large" in result.output


def test_quiet_prints_only_what_was_skipped(runner, tmp_path, db_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    ok = runner.invoke(main, ["ingest", "--quiet", "--db", str(db_path), str(tmp_path)])
    assert (ok.exit_code, ok.output) == (0, "")
    missing = runner.invoke(main, ["ingest", "-q", "--db", str(db_path), str(tmp_path / "no")])
    assert missing.exit_code == 1
    assert "no such file or directory" in missing.output  # on stderr, mixed in by the runner


def test_jobs_runs_a_process_pool(runner, tmp_path, db_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(ARTICLE.replace("terza", f"numero {n}"),
                                           encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--jobs", "2", "--db", str(db_path), str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "stored 3" in result.output


def test_help_documents_the_exit_status(runner):
    result = runner.invoke(main, ["ingest", "--help"])
    assert result.exit_code == 0
    assert "1  something was skipped" in result.output
    assert "--max-bytes" in result.output and "--db" in result.output


def test_no_path_is_a_usage_error(runner):
    assert runner.invoke(main, ["ingest"]).exit_code == 2


@pytest.mark.parametrize("text, size", [("10MB", 10 * 1024**2), ("512k", 512 * 1024),
                                        ("2000000", 2_000_000), ("1.5G", int(1.5 * 1024**3)),
                                        ("64KiB", 64 * 1024)])
def test_sizes(text, size):
    assert ByteSize().convert(text, None, None) == size


def test_bad_size_is_a_usage_error(runner):
    result = runner.invoke(main, ["ingest", "--max-bytes", "tanto", "x"])
    assert result.exit_code == 2 and "not a size" in result.output


def test_an_internal_error_exits_3_not_1(runner, tmp_path, db_path, monkeypatch):
    import cronaca.cli.ingest as command

    def broken(*args, **kwargs):
        raise TypeError("a bug")

    monkeypatch.setattr(command, "ingest", broken)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(main, ["ingest", "--db", str(db_path), str(tmp_path / "a.txt")])
    assert result.exit_code == 3
    assert "internal error (TypeError: a bug)" in result.output
    assert "not a problem with your input" in result.output


def test_demo_and_ingest_use_the_same_words(runner, tmp_path):
    from cronaca.demo import CORPUS

    result = runner.invoke(main, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    assert "already seen 0" in result.output and "already stored" not in result.output
    again = runner.invoke(main, ["ingest", "-q", "--db", str(tmp_path / "demo.db"), str(CORPUS)])
    assert again.exit_code == 0
