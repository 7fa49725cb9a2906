"""The journal beside the data file: replay, torn tails, stale journals, compaction, the index,
migration, TinyDB's own storage reading a compacted file, duplicate ids, backups by content."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from app_helpers import file_raw
from tinydb import TinyDB

from trust_tui.cli import main
from trust_tui.domain.models import SCHEMA_VERSION, Action, LogEntry
from trust_tui.storage import backups, index, journal
from trust_tui.storage.store import JournalStorage, Store

TZ = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 27, 20, 0, tzinfo=TZ)
DEFAULTS = (Action("stay-in-touch", "Call or message", "day", 1, "3.3"),)


def make_store(path: Path, now: Callable[[], dt.datetime] = lambda: NOW) -> Store:
    return Store(path, default_actions=DEFAULTS, now=now)


def entry(n: int, day: str = "2026-11-27") -> LogEntry:
    return LogEntry(
        f"uid{n:05d}",
        "stay-in-touch",
        dt.date.fromisoformat(day),
        f"{day}T08:00:00+01:00",
        f"note {n}",
    )


def uids(store: Store) -> list[str]:
    return [log.uid for log in store.load().logs]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "trust.json"


@pytest.fixture
def opened(db: Path) -> Store:
    store = make_store(db)
    store.open()
    return store


def journal_of(db: Path) -> Path:
    return journal.journal_path_for(db)


def test_a_change_is_one_journal_line_and_the_file_is_left_alone(db: Path, opened: Store) -> None:
    before = db.read_bytes()
    opened.add_log(entry(1))
    opened.update_log(LogEntry("uid00001", "stay-in-touch", dt.date(2026, 11, 27), "x", "edited"))
    assert db.read_bytes() == before
    lines = journal_of(db).read_bytes().splitlines()
    assert len(lines) == 3  # the header, the put, the replacement
    head = orjson.loads(lines[0])
    assert head["generation"] == orjson.loads(before)["meta"]["1"]["generation"]
    assert orjson.loads(lines[2])["put"]["note"] == "edited"
    opened.delete_log("uid00001")
    removal = orjson.loads(journal_of(db).read_bytes().splitlines()[-1])
    assert removal == {"t": "logs", "id": "1", "del": "uid00001"}  # names the uid, for merging
    assert uids(make_store(db)) == []


def test_journal_index_and_lock_are_private_and_beside_the_real_file(tmp_path: Path) -> None:
    real = tmp_path / "real" / "trust.json"
    real.parent.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    store = make_store(link)
    store.open()
    store.add_log(entry(1))
    for name in ("trust.json", "trust.json.journal", "trust.json.index", "trust.json.lock"):
        assert stat.S_IMODE(os.stat(real.parent / name).st_mode) == 0o600, name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real"]


@pytest.mark.parametrize(
    "tail", [b'{"t":"logs","id":"9","put":{"uid"', b'{"t":"logs"}\n', b"\x00\x00"]
)
def test_a_torn_tail_is_ignored_then_cut_before_the_next_append(
    db: Path, opened: Store, tail: bytes
) -> None:
    opened.add_log(entry(1))
    with open(journal_of(db), "ab") as file:
        file.write(tail)
    assert uids(make_store(db)) == ["uid00001"]
    opened.add_log(entry(2))
    parsed = journal.parse(journal_of(db).read_bytes())
    assert not parsed.torn and parsed.lines == 3
    assert uids(make_store(db)) == ["uid00001", "uid00002"]


def test_lines_after_a_torn_one_are_not_replayed(db: Path, opened: Store) -> None:
    opened.add_log(entry(1))
    good = journal_of(db).read_bytes()
    later = journal.encode([("logs", "5", None, entry(5).to_doc())])
    journal_of(db).write_bytes(good + b"{broken\n" + later)
    assert uids(make_store(db)) == ["uid00001"]


def test_a_journal_of_another_generation_is_ignored(db: Path, opened: Store) -> None:
    opened.add_log(entry(1))
    stale = journal_of(db).read_bytes()
    assert opened.compact()
    assert not journal_of(db).exists()
    journal_of(db).write_bytes(stale)  # as a compaction killed before removing it leaves it
    store = make_store(db)
    assert uids(store) == ["uid00001"]  # once, from the file
    store.add_log(entry(2))
    assert uids(make_store(db)) == ["uid00001", "uid00002"]
    assert (
        orjson.loads(journal_of(db).read_bytes().splitlines()[0])["generation"]
        != orjson.loads(stale.splitlines()[0])["generation"]
    )


def test_compaction_past_the_line_limit(
    db: Path, opened: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "COMPACT_AFTER", 5)
    for n in range(1, 5):
        opened.add_log(entry(n))
    assert journal.parse(journal_of(db).read_bytes()).lines == 5
    opened.add_log(entry(5))
    assert not journal_of(db).exists()
    assert len(orjson.loads(db.read_bytes())["logs"]) == 5
    assert uids(make_store(db)) == [f"uid{n:05d}" for n in range(1, 6)]


def test_the_first_open_of_a_day_compacts_before_the_backup(db: Path) -> None:
    make_store(db).open()
    make_store(db).add_log(entry(1))
    assert journal_of(db).exists()
    tomorrow = NOW + dt.timedelta(days=1)
    make_store(db, lambda: tomorrow).open()
    assert not journal_of(db).exists()
    backup = backups.daily_backup_path(db, tomorrow.date())
    assert [d["uid"] for d in orjson.loads(backup.read_bytes())["logs"].values()] == ["uid00001"]
    assert os.stat(backup).st_ino != os.stat(db).st_ino  # a copy, not a link to the file


def test_tinydb_default_storage_reads_every_log_after_compaction(db: Path, opened: Store) -> None:
    opened.add_logs([entry(n) for n in range(1, 40)])
    opened.delete_log("uid00003")
    assert opened.compact()
    with TinyDB(db, access_mode="r") as plain:
        logs = plain.table("logs").all()
    assert sorted(d["uid"] for d in logs) == [f"uid{n:05d}" for n in range(1, 40) if n != 3]


def test_tinydb_over_journal_storage_writes_journal_lines(db: Path, opened: Store) -> None:
    with TinyDB(db, storage=JournalStorage) as tiny:
        tiny.table("logs").insert(entry(7).to_doc())
    assert journal_of(db).exists()
    assert uids(make_store(db)) == ["uid00007"]


def test_a_schema_1_file_opens_unchanged_then_moves_to_the_journal_after_a_backup(db: Path) -> None:
    db.parent.mkdir()
    old = orjson.dumps(
        {
            "meta": {"1": {"schema_version": 1, "created_at": "", "settings": {}}},
            "actions": {"1": DEFAULTS[0].to_doc()},
            "logs": {"1": entry(1).to_doc()},
            "steps": {},
        }
    )
    db.write_bytes(old)
    store = make_store(db)
    assert uids(store) == ["uid00001"]
    assert db.read_bytes() == old  # reading writes nothing
    store.open()
    assert (db.parent / "backups" / "trust-2026-11-27-schema1.json").read_bytes() == old
    meta = orjson.loads(db.read_bytes())["meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION and isinstance(meta["generation"], str)
    store.add_log(entry(2))
    assert uids(make_store(db)) == ["uid00001", "uid00002"]


@pytest.mark.parametrize("layout", ["one log per line", "one line (TinyDB's own)"])
def test_duplicate_ids_are_kept_reported_and_written_apart(
    db: Path, opened: Store, layout: str
) -> None:
    opened.add_log(entry(1))
    assert opened.compact()
    text = db.read_bytes().decode()
    if layout != "one log per line":
        text = orjson.dumps(orjson.loads(text)).decode()
    doc = orjson.dumps(entry(2).to_doc()).decode()
    opening = '"logs":{\n"1":' if layout == "one log per line" else '"logs":{"1":'
    assert opening in text
    db.write_text(text.replace(opening, f'{opening}{doc},"1":', 1))
    store = make_store(db)
    assert sorted(uids(store)) == ["uid00001", "uid00002"]
    [problem] = [p for p in store.doctor() if "twice" in p]
    assert "document 1 of table 'logs' appears twice" in problem
    store.add_log(entry(3))  # the next change writes both apart, losing neither
    assert sorted(d["uid"] for d in orjson.loads(db.read_bytes())["logs"].values()) == [
        "uid00001",
        "uid00002",
        "uid00003",
    ]
    assert not [p for p in make_store(db).doctor() if "twice" in p]


def test_braces_in_notes_are_not_mistaken_for_duplicates(db: Path, opened: Store) -> None:
    opened.add_log(LogEntry("u", "stay-in-touch", dt.date(2026, 11, 27), "x", 'said {"1":{ ok'))
    opened.compact()
    store = make_store(db)
    assert [log.note for log in store.load().logs] == ['said {"1":{ ok']
    assert not [p for p in store.doctor() if "twice" in p]


# --- the index --------------------------------------------------------------------------------


def cli_log(db: Path, note: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUST_TUI_NOW", NOW.isoformat())
    db.parent.mkdir(mode=0o700, exist_ok=True)
    assert main(["--db", str(db), "log", "stay-in-touch", "--note", note]) == 0


def test_the_log_command_reads_only_the_index_and_appends(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cli_log(db, "first", monkeypatch)  # creates the file, backs up, builds the index
    main_bytes = db.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the full path was taken")

    monkeypatch.setattr(Store, "open", refuse)
    monkeypatch.setattr(Store, "add_logs", refuse)
    cli_log(db, "second", monkeypatch)
    assert db.read_bytes() == main_bytes
    assert [d["note"] for d in file_raw(db)["logs"].values()] == ["first", "second"]
    assert "streak 1 day" in capsys.readouterr().out
    monkeypatch.undo()
    # The index the command left is current: Store agrees with it.
    fresh = index.build(file_raw(db), journal.generation_of(file_raw(db)))
    size = index.journal_size(journal_of(db))
    kept = index.read(index.index_path_for(db), index.file_signature(db), size)
    assert kept is not None
    assert kept["days"] == fresh["days"] == {"stay-in-touch": {NOW.date().toordinal(): 2}}
    assert kept["next_id"] == fresh["next_id"] == 3


@pytest.mark.parametrize(
    "days",
    [
        {"stay-in-touch": [[739947, 739948], [1]]},  # arrays of different lengths
        {"stay-in-touch": [["739947"], [1]]},  # a day as text
        {"stay-in-touch": [[739947], [1.5]]},  # a count that is not whole
        {"stay-in-touch": {"739947": 1}},  # the layout of index version 4
    ],
)
def test_an_index_with_malformed_day_counts_is_not_used(
    db: Path, opened: Store, days: object
) -> None:
    opened.add_log(entry(1))
    path = index.index_path_for(db)
    signature, size = index.file_signature(db), index.journal_size(journal_of(db))
    assert index.read(path, signature, size) is not None
    path.write_bytes(orjson.dumps({**orjson.loads(path.read_bytes()), "days": days}))
    assert index.read(path, signature, size) is None  # rebuilt from the data, never trusted


@pytest.mark.parametrize("damage", ["missing", "unreadable", "stale"])
def test_a_lost_or_stale_index_is_rebuilt(
    db: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    cli_log(db, "first", monkeypatch)
    idx = index.index_path_for(db)
    if damage == "missing":
        idx.unlink()
    elif damage == "unreadable":
        idx.write_bytes(b'{"index": 2, "days": {')
    else:
        # Another writer changed the data without the index: it still names the old offset.
        kept = idx.read_bytes()
        make_store(db).add_log(entry(50))
        idx.write_bytes(kept)
    cli_log(db, "second", monkeypatch)
    raw = file_raw(db)
    notes = [d["note"] for d in raw["logs"].values()]
    assert notes[0] == "first" and notes[-1] == "second"
    assert len(raw["logs"]) == (3 if damage == "stale" else 2)
    assert len(set(raw["logs"])) == len(raw["logs"])


# --- backups chosen by content -----------------------------------------------------------------


def test_the_newest_good_backup_is_chosen_by_content_not_by_name(db: Path) -> None:
    make_store(db).open()
    clock = [NOW]
    store = make_store(db, lambda: clock[0])
    store.add_log(entry(1, "2026-11-20"))
    clock[0] = NOW + dt.timedelta(days=365)  # one run with the clock a year ahead
    make_store(db, lambda: clock[0]).open()
    ahead = backups.daily_backup_path(db, clock[0].date())
    assert ahead.exists()
    clock[0] = NOW
    for n in range(2, 12):  # ten more real days of logs and backups
        day = NOW + dt.timedelta(days=n)
        clock[0] = day
        s = make_store(db, lambda: clock[0])
        s.open()
        s.add_log(entry(n, day.date().isoformat()))
    clock[0] = NOW + dt.timedelta(days=12)
    make_store(db, lambda: clock[0]).open()
    chosen = make_store(db, lambda: clock[0]).newest_backup()
    assert chosen == backups.daily_backup_path(db, clock[0].date())
    # The future-dated backup never pushed out a real day: 7 kept, the newest real ones.
    real = [p for p in backups.list_backups(db) if p != ahead]
    assert len(backups.list_backups(db)) == 7 and ahead not in backups.list_backups(db)
    assert real[-1] == chosen
