"""`gigsim class collect DIR`: the results of three small headless games (shipped policies),
merged into a tidy table, a leaderboard and a debrief page; another pack's results,
duplicates, edited and corrupted files left out with one warning line each."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from gigsim.classroom.collect import collect, differences, ranked, settings_of, top_third
from gigsim.classroom.debrief import _setting_text
from gigsim.cli import main
from gigsim.experiments.executors import LocalExecutor
from gigsim.experiments.luck import run_luck
from gigsim.experiments.strategy import read_strategy
from gigsim.handin import build, write_report
from gigsim.lessons.pack_file import pack_yaml
from gigsim.lessons.progress import LessonProgress
from tests.classroom.helpers import PLAYERS, by_hand, class_folder, hand_in, small_pack


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of the class's results and the pack's file."""
    root = tmp_path_factory.mktemp("class")
    pack = small_pack()
    (root / "week.yaml").write_text(pack_yaml(pack), encoding="utf-8")
    class_folder(root / "results", pack)
    return root / "results", root / "week.yaml"


def _collect(
    capsys: pytest.CaptureFixture[str], *args: str, lang: str = "en"
) -> tuple[int, str, str]:
    """``class collect`` (without the luck check unless ``--luck-seeds`` is given: the
    policies' games have none)."""
    luck = [] if "--luck-seeds" in args else ["--luck-seeds", "0"]
    code = main(["--lang", lang, "class", "collect", *args, *luck])
    out, err = capsys.readouterr()
    return code, out, err


def test_collect_writes_the_table_and_the_page_and_prints_the_leaderboard(
    handed_in: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, pack = handed_in
    out = tmp_path / "debrief"
    code, printed, err = _collect(capsys, str(results), "--pack", str(pack), "--out", str(out))
    assert code == 0 and err == ""
    assert sorted(p.name for p in out.iterdir()) == ["class-debrief.html", "class-results.csv"]
    lines = printed.splitlines()
    assert lines[0].startswith("Class Side gigs 101 (pack ") and "3 students, 5 results" in lines[0]
    assert all(cell_len(line) <= 80 for line in lines if not line.startswith("wrote "))
    first = lines.index("Lesson 1: The cold start and the first review (1 month, pass mark 65)")
    board = [re.split(r"\s{2,}", line.strip()) for line in lines[first + 2 : first + 5]]
    assert [row[:3] for row in board] == [["1", "Aiko", "95"], ["2", "Ben", "20"],
                                          ["2", "Chie", "20"]]  # fmt: skip
    assert "Lesson 2: Price and fees (1 month, pass mark 70)" in lines
    assert "The class: each student's scores added up over the lessons" in lines
    assert f"wrote {out / 'class-results.csv'}" in lines


def test_the_leaderboard_ranks_by_score_then_net_income(handed_in: tuple[Path, Path]) -> None:
    results, _pack = handed_in
    c = collect(results, small_pack())
    for lesson in c.lessons:
        entries = c.of(lesson)
        keys = [(e.result.scorecard.score, e.result.net_income) for e in entries]
        assert keys == sorted(keys, reverse=True)
        for a, b in itertools.pairwise(entries):  # equal in both: equal rank
            same = (a.result.scorecard.score, a.result.net_income) == (
                b.result.scorecard.score, b.result.net_income
            )  # fmt: skip
            assert (b.rank == a.rank) if same else (b.rank > a.rank)
    lesson2 = [(e.rank, e.result.student) for e in c.of(c.lessons[1])]
    assert lesson2 == [(1, "Aiko"), (2, "Ben")]  # 50 both: Aiko's net income is higher
    assert [r.student for r, _rank in ranked(c.results[:0])] == []


def test_the_tidy_table_has_a_row_a_student_and_lesson(
    handed_in: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, pack = handed_in
    assert _collect(capsys, str(results), "--pack", str(pack), "--out", str(tmp_path))[0] == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "class-results.csv").read_text("utf-8"))))
    assert [(r["student"], r["lesson"]) for r in rows] == [
        ("Aiko", "1"), ("Ben", "1"), ("Chie", "1"), ("Aiko", "2"), ("Ben", "2"),
    ]  # fmt: skip
    c = collect(results, small_pack())
    for row in rows:
        r = next(x for x in c.results if (x.student, str(x.lesson.number)) == (row["student"],
                                                                              row["lesson"]))  # fmt: skip
        assert int(row["score"]) == r.scorecard.score and row["seed"] == "1"
        assert row["pack_digest"] == r.digest and row["finished"] == "true"
        assert int(row["net_income"]) == r.net_income
        assert row["passed"] == ("true" if r.scorecard.passed else "false")
        for line in r.scorecard.lines:
            m = line.target.measure
            assert row[f"{m}_met"] == ("true" if line.passed else "false")
            assert (row[m] == "") == (line.value is None)
        s = settings_of(r)
        assert float(row["proposals_sent"]) == s["proposals_sent"]
        assert row["luck_percentile"] == ""  # not computed
    lesson2 = [r for r in rows if r["lesson"] == "2"]
    assert all(r["reviews"] == "" and r["reviews_met"] == "" for r in lesson2)  # not scored


def test_the_debrief_page(
    handed_in: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, pack = handed_in
    assert _collect(capsys, str(results), "--pack", str(pack), "--out", str(tmp_path))[0] == 0
    page = (tmp_path / "class-debrief.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<html lang='en'>" in page
    assert "<script" not in page and "http://" not in page.replace(
        "http://www.w3.org/2000/svg", ""
    )  # self-contained: no script, nothing fetched
    assert "<h1>Class debrief: Side gigs 101</h1>" in page
    assert "Play each lesson once." in page  # the teacher's note
    for heading in ("Lesson 1: The cold start and the first review", "Lesson 2: Price and fees"):
        assert f"<h2>{heading}</h2>" in page
    assert page.count("<svg") == 4  # scores and net incomes, for each lesson
    assert "pass mark 65" in page and "pass mark 70" in page
    for student in PLAYERS:
        assert f"<td class='name'>{student}</td>" in page
    assert page.count("What the best third did differently") == 2
    assert "The top 1 student" in page and "The other 2 students" in page
    assert "Too few results to compare: at least 3 are needed." in page  # lesson 2 has two
    assert "1 of 3 passed." in page


def test_what_the_best_third_did_differently(handed_in: tuple[Path, Path]) -> None:
    results, _pack = handed_in
    c = collect(results, small_pack())
    entries = c.of(c.lessons[0])
    top, rest = top_third(entries)
    assert [e.result.student for e in top] == ["Aiko"] and len(rest) == 2
    by_setting = {d.setting: d for d in differences(entries)}
    aiko = settings_of(top[0].result)
    assert by_setting["price"].top == aiko["price"]
    others = [settings_of(e.result)["proposals_sent"] for e in rest]
    assert by_setting["proposals_sent"].rest == pytest.approx(sum(others) / 2)  # type: ignore[arg-type]
    # cheap-start begins cheaper than the listing's own price
    assert by_setting["price"].top < by_setting["price"].rest  # type: ignore[operator]


def test_what_is_left_out_gets_one_warning_line_each(
    handed_in: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, pack_file = handed_in
    pack = small_pack()
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = results / "Aiko-lesson1-result.json"
    text = good.read_text("utf-8")
    (folder / "a-good-result.json").write_text(text, encoding="utf-8")
    (folder / "b-copy-result.json").write_text(text, encoding="utf-8")  # the same result again
    (folder / "c-truncated-result.json").write_text(text[: len(text) // 2], encoding="utf-8")
    (folder / "d-garbage-result.json").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    edited = json.loads(text)
    edited["months"][0]["net_income"] += 100_000
    (folder / "e-edited-result.json").write_text(json.dumps(edited), encoding="utf-8")
    edited_score = json.loads(text)
    edited_score["scorecard"]["score"] = 100
    (folder / "f-score-result.json").write_text(json.dumps(edited_score), encoding="utf-8")
    (folder / "g-save-result.json").write_text(json.dumps(edited["save"]), encoding="utf-8")
    hand_in(small_pack("Another class"), 1, "Dai", "active", folder, stem="h-other")
    hand_in(pack, 1, "Eri", "active", folder, seed=5, stem="i-seed")
    no_class = json.loads(text)
    no_class["class"] = None
    (folder / "j-no-class-result.json").write_text(json.dumps(no_class), encoding="utf-8")
    os.mkfifo(folder / "k-fifo-result.json")
    (folder / "l-link-result.json").symlink_to(good)
    (folder / "notes.txt").write_text("not a result: not read", encoding="utf-8")
    (folder / "autosave-You-lesson-1-seed1.json").write_text(json.dumps(edited["save"]), "utf-8")
    code, printed, err = _collect(capsys, str(folder), "--pack", str(pack_file), "--out",
                                  str(tmp_path / "o"))  # fmt: skip
    assert code == 0
    warned = err.splitlines()
    assert all(line.startswith("warning: skipped ") for line in warned), err
    why = {Path(line.split(": ")[1].removeprefix("skipped ")).name: line for line in warned}
    assert sorted(why) == [
        "b-copy-result.json", "c-truncated-result.json", "d-garbage-result.json",
        "e-edited-result.json", "f-score-result.json", "g-save-result.json",
        "h-other-result.json", "i-seed-result.json", "j-no-class-result.json",
        "k-fifo-result.json", "l-link-result.json",
    ]  # fmt: skip
    assert "a second result of Aiko for lesson 1" in why["b-copy-result.json"]
    assert (
        "corrupted" in why["c-truncated-result.json"]
        and "corrupted" in why["d-garbage-result.json"]
    )
    assert "its months differs from its game's replay" in why["e-edited-result.json"]
    assert "its scorecard differs from its game's replay" in why["f-score-result.json"]
    assert "not a gigsim result" in why["g-save-result.json"]
    assert "from another class pack ('Another class'" in why["h-other-result.json"]
    assert "played on seed 5; the pack's lesson 1 is seed 1" in why["i-seed-result.json"]
    assert "not from a class pack" in why["j-no-class-result.json"]
    assert "not a regular file" in why["k-fifo-result.json"]
    assert "not a regular file" in why["l-link-result.json"]
    assert "1 student, 1 result" in printed.splitlines()[0]


def test_without_a_pack_the_pack_most_results_name_is_kept(
    handed_in: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, _pack = handed_in
    folder = tmp_path / "two-packs"
    for p in results.rglob("*-result.json"):
        (folder / p.relative_to(results)).parent.mkdir(parents=True, exist_ok=True)
        (folder / p.relative_to(results)).write_bytes(p.read_bytes())
    hand_in(small_pack("Another class"), 1, "Dai", "active", folder, stem="other")
    code, printed, err = _collect(capsys, str(folder), "--out", str(tmp_path))
    assert code == 0 and "3 students, 5 results" in printed
    assert err.count("\n") == 1 and "from another class pack ('Another class'" in err


def test_an_empty_or_missing_folder_is_one_line_exit_2(
    handed_in: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _results, pack = handed_in
    empty = tmp_path / "empty"
    empty.mkdir()
    code, printed, err = _collect(capsys, str(empty), "--out", str(tmp_path / "o"))
    assert code == 2 and printed == "" and err.count("\n") == 1
    assert err.startswith(f"error: {empty}: no result here")
    code, _out, err = _collect(capsys, str(tmp_path / "nope"))
    assert code == 2 and err == f"error: {tmp_path / 'nope'}: no such folder\n"
    (empty / "x-result.json").write_text("{}", encoding="utf-8")
    code, printed, err = _collect(capsys, str(empty), "--pack", str(pack), "--out", str(empty))
    lines = err.splitlines()
    assert code == 2 and printed == "" and len(lines) == 2
    assert lines[0].startswith("warning: skipped ") and lines[1].startswith(f"error: {empty}: ")
    assert sorted(p.name for p in empty.iterdir()) == ["x-result.json"]  # nothing written
    code, _out, err = _collect(capsys, str(empty), "--pack", str(tmp_path / "no.yaml"))
    assert code == 2 and err.startswith(f"error: {tmp_path / 'no.yaml'}: no such file")


def test_a_bad_out_is_one_line_and_writes_nothing(
    handed_in: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, _pack = handed_in
    a_file = tmp_path / "file"
    a_file.write_text("keep", encoding="utf-8")
    code, printed, err = _collect(capsys, str(results), "--out", str(a_file))
    assert code == 2 and err == f"error: {a_file}: not a folder\n" and printed == ""
    out = tmp_path / "out"
    (out / "class-debrief.html").mkdir(parents=True)
    code, printed, err = _collect(capsys, str(results), "--out", str(out))
    assert code == 2 and err.startswith(f"error: {out / 'class-debrief.html'}: is a directory")
    assert sorted(p.name for p in out.iterdir()) == ["class-debrief.html"]


def test_the_leaderboard_in_japanese_fits_80_columns(
    handed_in: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results, pack = handed_in
    code, printed, _err = _collect(
        capsys, str(results), "--pack", str(pack), "--out", str(tmp_path), lang="ja"
    )
    assert code == 0
    lines = [x for x in printed.splitlines() if str(tmp_path) not in x]  # the files written
    assert all(cell_len(line) <= 80 for line in lines), [x for x in lines if cell_len(x) > 80]
    assert "レッスン 1: 最初の注文と最初の評価" in printed
    page = (tmp_path / "class-debrief.html").read_text("utf-8")
    assert "<html lang='ja'>" in page and "レッスン 2: 価格と手数料" in page


def test_each_students_luck_check_beside_their_score(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three games played by hand (the luck check replays a person's strategy) and one by a
    policy (it cannot: no percentile, one warning line); the percentile is what the luck
    check gives for that save on the same seeds."""
    pack = small_pack()
    folder = tmp_path / "results"
    paths = {s: hand_in(pack, 1, s, "hand", folder) for s in ("Aiko", "Ben", "Chie")}
    hand_in(pack, 1, "Dai", "active", folder)
    out = tmp_path / "out"
    argv = [str(folder), "--out", str(out), "--luck-seeds", "5", "--jobs", "1"]
    code, printed, err = _collect(capsys, *argv)
    assert code == 0
    assert err.splitlines() == [
        f"warning: no luck check for {folder / 'Dai-lesson1-result.json'}: a game played by "
        "the policy 'active': compare policies with gigsim batch"
    ]
    rows = list(csv.DictReader(io.StringIO((out / "class-results.csv").read_text("utf-8"))))
    luck = {r["student"]: r["luck_percentile"] for r in rows}
    assert luck["Dai"] == "" and all(luck[s] != "" for s in paths)
    for student, path in paths.items():
        data = json.loads(path.read_text("utf-8"))["save"]
        expected = run_luck(read_strategy(data, "save"), 5, LocalExecutor(1), None, ())
        assert float(luck[student]) == pytest.approx(expected.percentile)
        assert next(r for r in rows if r["student"] == student)["luck_seeds"] == "5"
    assert "Luck: where the student's net income falls" in printed
    board = [line for line in printed.splitlines() if line.strip().startswith(("1 ", "2 "))]
    assert all(line.rstrip()[-1].isdigit() or line.rstrip().endswith("–") for line in board)
    page = (out / "class-debrief.html").read_text("utf-8")
    assert "Net income against the luck check" in page and page.count("<svg") == 3
    assert "the luck check replays each student&#x27;s own strategy" in page


def test_the_luck_check_counts_the_missions_months_only(tmp_path: Path) -> None:
    """A student who played on past the time limit is compared on the mission's months."""
    from gigsim.classroom.luck import mission_save
    from gigsim.classroom.results import read_result

    pack = small_pack()
    x = pack.find(1)
    e = by_hand(pack, 1, "Aiko")
    e.advance_to(e.month_end(x.mission.months + 1))  # a month more than the mission
    progress = LessonProgress(1, classroom=pack.game(1, "Aiko"))
    (path,) = write_report(build(e, progress), tmp_path, "late", ["json"])
    r = read_result(path, pack)
    assert len(r.months) == 2 and r.lesson.mission.months == 1
    game = read_strategy(mission_save(r), "save")
    assert game.months == 1 and list(game.records) == list(r.months[:1])


def test_the_charts_hold_every_dot() -> None:
    """Every value is drawn inside the chart, the largest too, and a single value gets an axis
    of its own (not one tick repeated)."""
    from gigsim.classroom.charts import W, scatter, strip

    page = strip([(0.0, "a"), (0.0, "b"), (21_200.0, "c")], "Net", lambda v: f"{v:.0f}")
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', page)]
    assert len(xs) == 3 and all(0 < x < W for x in xs)
    assert ">25000<" in page  # the axis goes past the largest value, to a round number
    one = scatter([(23.0, 12_558.0, "a")], "Luck", lambda v: f"{v:.0f}")
    labels = re.findall(r'text-anchor="end">([^<]+)<', one)
    assert len(set(labels)) == len(labels) > 1


def test_a_count_reads_as_a_whole_number_and_a_mean_keeps_its_decimal() -> None:
    assert _setting_text("proposals_sent", 24.0, "JPY") == "24"
    assert _setting_text("cap", 3.0, "JPY") == "3"
    assert _setting_text("cap", 2.4516, "JPY") == "2.5"
    assert _setting_text("proposals_won", None, "JPY") == "–"
