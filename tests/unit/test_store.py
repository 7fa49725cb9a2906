"""The store (docs/design.md §6): format, modes, refusal of bad files, backups, migration, doctor."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from trust_tui.domain.models import SCHEMA_VERSION, Action, LogEntry, Settings, StepProgress
from trust_tui.storage import atomic, journal
from trust_tui.storage.filelock import FileLock, lock_path_for
from trust_tui.storage.store import (
    CorruptDataError,
    EntryNotFoundError,
    JournalStorage,
    LockTimeoutError,
    NewerSchemaError,
    Store,
    StoreError,
    StorePermissionError,
)

TZ = dt.timezone(dt.timedelta(hours=-5))
NOW = dt.datetime(2026, 3, 8, 10, 0, tzinfo=TZ)
DEFAULTS = (
    Action("weekly-check-in", "Weekly check-in", "week", 1, "3.1", rated=True, order=0),
    Action("ask-needs", "Ask what they need", "week", 1, "3.2", order=1),
    Action("stay-in-touch", "Call or message", "day", 1, "3.3", order=2),
)


def make_store(path: Path, now: Callable[[], dt.datetime] = lambda: NOW, **kw: object) -> Store:
    return Store(path, default_actions=DEFAULTS, now=now, **kw)  # type: ignore[arg-type]


def entry(n: int, day: str = "2026-03-01", action: str = "stay-in-touch", **kw: object) -> LogEntry:
    fields: dict[str, object] = {
        "uid": f"uid{n:04d}",
        "action": action,
        "date": dt.date.fromisoformat(day),
        "logged_at": f"{day}T20:{n % 60:02d}:00-05:00",
        "note": f"note {n}",
    }
    fields.update(kw)
    return LogEntry(**fields)  # type: ignore[arg-type]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def state(path: Path) -> tuple[bytes, int, int, bytes | None]:
    """Bytes, mtime and inode, and the journal's bytes: what 'never modified' must keep
    identical."""
    st = os.stat(path)
    journal_file = journal.journal_path_for(path)
    kept = journal_file.read_bytes() if journal_file.exists() else None
    return path.read_bytes(), st.st_mtime_ns, st.st_ino, kept


def on_disk(path: Path) -> dict:  # type: ignore[type-arg]
    """The file with its journal replayed: what the next reader gets."""
    raw = journal.read_state(path)
    assert raw is not None
    return raw


def strays(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if atomic.TEMP_MARK in name]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "trust.json"


# --- creation, format and modes ------------------------------------------------------------


def test_first_open_creates_private_file_seeded_with_defaults(db: Path) -> None:
    snapshot = make_store(db).open()
    assert snapshot.actions == DEFAULTS
    assert snapshot.settings == Settings()
    assert snapshot.logs == () and snapshot.steps == {}
    assert snapshot.schema_version == SCHEMA_VERSION
    assert snapshot.created_at == "2026-03-08T10:00:00-05:00"
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    assert mode(lock_path_for(db)) == 0o600
    raw = orjson.loads(db.read_bytes())
    assert set(raw) == {"meta", "actions", "logs", "steps"}
    assert raw["meta"]["1"]["settings"] == {"week_start": "monday", "day_starts_at": "00:00"}


def test_modes_hold_even_with_a_permissive_umask(db: Path) -> None:
    old = os.umask(0)
    try:
        store = make_store(db)
        store.open()
        store.add_log(entry(1))
    finally:
        os.umask(old)
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    assert mode(store.backup_dir) == 0o700
    assert {mode(p) for p in store.backup_dir.iterdir()} == {0o600}


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    make_store(tmp_path / "t.json").open()
    assert mode(tmp_path) == 0o755  # not ours to change; doctor mentions it


def test_tinydb_reads_the_file_as_its_own(db: Path) -> None:
    store = make_store(db)
    store.open()
    store.add_log(entry(1))
    with TinyDB(db, storage=JournalStorage) as fast:  # the journal replayed
        assert fast.table("logs").all() == [entry(1).to_doc()]
        assert [a["id"] for a in fast.table("actions").all()] == [a.id for a in DEFAULTS]
    assert store.compact()
    with TinyDB(db, access_mode="r") as plain:  # TinyDB's own JSONStorage, once compacted
        assert plain.table("logs").all() == [entry(1).to_doc()]


# --- reading and writing -------------------------------------------------------------------


def test_logs_come_back_oldest_first(db: Path) -> None:
    store = make_store(db)
    store.open()
    later = entry(1, "2026-03-05")
    early_late_evening = entry(2, "2026-03-01", logged_at="2026-03-01T23:00:00-05:00")
    early_morning = entry(3, "2026-03-01", logged_at="2026-03-01T08:00:00-05:00")
    store.add_log(later)
    store.add_logs([early_late_evening, early_morning])
    expected = (early_morning, early_late_evening, later)
    assert store.load().logs == expected
    assert make_store(db).load().logs == expected


def test_every_change_is_one_read_and_one_append(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(db)
    store.open()
    calls: list[str] = []
    real_read, real_append = JournalStorage.read_bytes, JournalStorage.append_journal

    def read(self: JournalStorage) -> bytes | None:
        calls.append("read")
        return real_read(self)

    def append(self: JournalStorage, data: bytes, end: int, header: bytes) -> int:
        calls.append("write")
        return real_append(self, data, end, header)

    def rewrite(self: JournalStorage, data: bytes) -> None:
        raise AssertionError("a small change appends to the journal; it never rewrites the file")

    monkeypatch.setattr(JournalStorage, "read_bytes", read)
    monkeypatch.setattr(JournalStorage, "append_journal", append)
    monkeypatch.setattr(JournalStorage, "write_bytes", rewrite)
    changes: list[Callable[[], object]] = [
        lambda: store.add_log(entry(1)),
        lambda: store.add_logs([entry(2), entry(3)]),
        lambda: store.update_log(entry(2, note="changed")),
        lambda: store.delete_log("uid0003"),
        lambda: store.upsert_action(Action("walk", "Walk together", "week", 2)),
        lambda: store.set_settings(Settings("sunday", dt.time(4, 0))),
        lambda: store.save_step(StepProgress("1.1", dt.date(2026, 3, 1), {"a": "b"})),
    ]
    for change in changes:
        calls.clear()
        change()
        assert calls == ["read", "write"]


def test_changes_round_trip(db: Path) -> None:
    store = make_store(db)
    store.open()
    store.add_logs([entry(1), entry(2, "2026-03-02", "weekly-check-in", rating=7)])
    store.update_log(entry(1, note="longer note\nwith a second line"))
    removed = store.delete_log("uid0002")
    assert removed == entry(2, "2026-03-02", "weekly-check-in", rating=7)
    walk = Action("walk", "Walk together", "week", 2, None, "outside", order=9)
    store.upsert_action(walk)
    store.upsert_action(replace(DEFAULTS[1], archived=True))
    store.set_settings(Settings("sunday", dt.time(4, 30)))
    store.save_step(StepProgress("1.1", None, {"q1": "first"}))
    store.save_step(StepProgress("1.1", dt.date(2026, 3, 2), {"q1": "second"}))
    for snapshot in (store.load(), make_store(db).load()):
        assert snapshot.logs == (entry(1, note="longer note\nwith a second line"),)
        assert snapshot.action("walk") == walk
        assert snapshot.action("ask-needs").archived  # type: ignore[union-attr]
        assert len(snapshot.actions) == 4
        assert snapshot.settings == Settings("sunday", dt.time(4, 30))
        assert snapshot.steps == {"1.1": StepProgress("1.1", dt.date(2026, 3, 2), {"q1": "second"})}
    raw = on_disk(db)
    assert list(raw["logs"]) == ["1"]  # updated in place, deleted doc gone
    assert len(raw["steps"]) == 1 and len(raw["meta"]) == 1


def test_missing_entries_are_reported_and_nothing_is_written(db: Path) -> None:
    store = make_store(db)
    store.open()
    before = state(db)
    with pytest.raises(EntryNotFoundError, match="uid9999"):
        store.update_log(entry(9999))
    with pytest.raises(EntryNotFoundError):
        store.delete_log("uid9999")
    assert state(db) == before


def test_a_second_instance_sees_and_keeps_the_first_ones_writes(db: Path) -> None:
    first, second = make_store(db), make_store(db)
    first.open()
    assert second.load().logs == ()
    first.add_log(entry(1))
    assert second.load().logs == (entry(1),)  # fresh read, no stale cache
    second.add_log(entry(2))
    first.add_log(entry(3))  # first's cache is stale: it must re-read, not overwrite
    ids = list(on_disk(db)["logs"])
    assert ids == ["1", "2", "3"]
    assert first.load().logs == second.load().logs == (entry(1), entry(2), entry(3))


def test_the_cached_snapshot_always_equals_a_fresh_read(db: Path) -> None:
    store = make_store(db)
    store.open()
    steps: list[Callable[[], object]] = [
        lambda: store.add_log(entry(5, "2026-03-04")),
        lambda: store.add_logs([entry(n, f"2026-02-{n:02d}") for n in range(1, 5)]),
        lambda: store.update_log(entry(2, "2026-03-06")),
        lambda: store.delete_log("uid0003"),
        lambda: store.upsert_action(Action("walk", "Walk", "day", 1, order=-1)),
        lambda: store.set_settings(Settings("friday")),
        lambda: store.save_step(StepProgress("2.1")),
    ]
    for change in steps:
        change()
        assert store.load() == make_store(db).load()


def test_signature_changes_with_every_write(db: Path) -> None:
    store = make_store(db)
    store.open()
    store.add_log(entry(1, note="aaaa"))
    seen = {store.signature()}
    for note in ("bbbb", "cccc", "dddd", "eeee"):  # same size, written within one clock tick
        store.update_log(entry(1, note=note))
        seen.add(store.signature())
    assert len(seen) == 5


def test_writes_through_a_symlink_keep_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real" / "trust.json"
    store = make_store(real)
    store.open()
    link = tmp_path / "link.json"
    link.symlink_to(real)
    make_store(link).add_log(entry(1))
    assert link.is_symlink()
    assert store.load().logs == (entry(1),)


def test_load_reports_a_missing_file_and_folder(db: Path) -> None:
    with pytest.raises(StoreError, match="folder .* does not exist"):
        make_store(db).load()
    store = make_store(db)
    store.open()
    db.unlink()
    with pytest.raises(StoreError, match="does not exist"):
        store.load()


def test_a_blank_file_without_backups_is_a_new_file(db: Path) -> None:
    db.parent.mkdir()
    db.write_bytes(b"")
    assert make_store(db).load().actions == DEFAULTS
    assert db.read_bytes() == b""  # load never writes
    assert make_store(db).open().actions == DEFAULTS
    assert orjson.loads(db.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_unreadable_documents_are_skipped_but_kept(db: Path) -> None:
    store = make_store(db)
    store.open()
    store.add_log(entry(1))
    raw = on_disk(db)
    raw["logs"]["7"] = {**entry(2).to_doc(), "date": "2026-02-30"}
    raw["actions"]["9"] = {"id": "broken"}
    db.write_bytes(orjson.dumps(raw))
    snapshot = make_store(db).load()
    assert snapshot.logs == (entry(1),)
    assert [a.id for a in snapshot.actions] == [a.id for a in DEFAULTS]
    store.add_log(entry(3))
    kept = on_disk(db)
    assert kept["logs"]["7"]["date"] == "2026-02-30"
    assert list(kept["logs"]) == ["1", "7", "8"]  # TinyDB's id rule: max + 1


# --- files that must be refused, untouched -------------------------------------------------

GOOD = orjson.dumps(
    {
        "meta": {"1": {"schema_version": 1, "created_at": "", "settings": {}}},
        "actions": {},
        "logs": {"1": entry(1).to_doc()},
        "steps": {},
    }
)
CORRUPT = {
    "truncated": GOOD[: len(GOOD) // 2],
    "trailing garbage": GOOD + b"}garbage",
    "not JSON": b"this is not json\n",
    "binary": b"\x00\xff\xfe\x89PNG",
    "invalid UTF-8": GOOD.replace(b"note 1", b"note \xff"),
    "a JSON list": b"[1, 2, 3]",
    "a JSON string": b'"meta"',
    "null": b"null",
    "a table of the wrong type": GOOD.replace(b'"steps":{}', b'"steps":[]'),
    "a document of the wrong type": GOOD.replace(b'"steps":{}', b'"steps":{"1":"x"}'),
    "a non-numeric id": GOOD.replace(b'"steps":{}', b'"steps":{"one":{}}'),
    "an empty id": GOOD.replace(b'"logs":{"1":', b'"logs":{"":{},"1":'),
    "data without meta": GOOD.replace(b'"meta":{"1":', b'"other":{"1":'),
    "two meta documents": GOOD.replace(b'"meta":{"1":', b'"meta":{"2":{},"1":'),
    "a text schema_version": GOOD.replace(b'"schema_version":1', b'"schema_version":"1"'),
    "a negative schema_version": GOOD.replace(b'"schema_version":1', b'"schema_version":-1'),
}
BLANK = {"empty": b"", "whitespace": b"  \n", "an empty object": b"{}"}


def plant(db: Path, data: bytes, *, backup: bool) -> Path | None:
    db.parent.mkdir(mode=0o700, exist_ok=True)
    good = None
    if backup:
        (db.parent / "backups").mkdir(mode=0o700)
        good = db.parent / "backups" / "trust-2026-03-01.json"
        good.write_bytes(GOOD)
        newer_but_broken = db.parent / "backups" / "trust-2026-03-02.json"
        newer_but_broken.write_bytes(b"{broken")
    db.write_bytes(data)
    os.utime(db, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return good


def every_operation(store: Store) -> list[Callable[[], object]]:
    return [
        store.open,
        store.load,
        lambda: store.add_log(entry(2)),
        lambda: store.add_logs([entry(3)]),
        lambda: store.update_log(entry(1)),
        lambda: store.delete_log("uid0001"),
        lambda: store.upsert_action(DEFAULTS[0]),
        lambda: store.set_settings(Settings()),
        lambda: store.save_step(StepProgress("1.1")),
    ]


@pytest.mark.parametrize("backup", [True, False], ids=["with-backup", "no-backup"])
@pytest.mark.parametrize("variant", sorted(CORRUPT))
def test_corrupt_files_are_refused_untouched(db: Path, variant: str, backup: bool) -> None:
    good = plant(db, CORRUPT[variant], backup=backup)
    before = state(db)
    backups_before = sorted(os.listdir(db.parent / "backups")) if backup else None
    store = make_store(db)
    for operation in every_operation(store):
        with pytest.raises(CorruptDataError) as caught:
            operation()
        message = str(caught.value)
        assert str(db) in message and f"trust-tui --db {db} doctor" in message
        assert (str(good) in message) if good else ("no good backup" in message)
        assert caught.value.path == db
    assert state(db) == before
    assert strays(db.parent) == []
    if backup:
        assert sorted(os.listdir(db.parent / "backups")) == backups_before
    else:
        assert not (db.parent / "backups").exists()
    [advice] = store.doctor()
    assert "damaged" in advice
    if good:
        assert f"cp {good} {db}" in advice and f"mv {db} {db}.broken" in advice
    assert state(db) == before


@pytest.mark.parametrize("variant", sorted(BLANK))
def test_a_blank_file_is_corrupt_when_a_backup_exists(db: Path, variant: str) -> None:
    good = plant(db, BLANK[variant], backup=True)
    before = state(db)
    for operation in every_operation(make_store(db)):
        with pytest.raises(CorruptDataError, match=str(good)):
            operation()
    assert state(db) == before


def test_a_newer_schema_is_refused_untouched(db: Path) -> None:
    newer = f'"schema_version":{SCHEMA_VERSION + 1}'.encode()
    plant(db, GOOD.replace(b'"schema_version":1', newer), backup=False)
    before = state(db)
    store = make_store(db)
    for operation in every_operation(store):
        with pytest.raises(
            NewerSchemaError, match=rf"newer trust-tui \(schema {SCHEMA_VERSION + 1}"
        ):
            operation()
    assert state(db) == before
    assert not (db.parent / "backups").exists()
    [problem] = store.doctor()
    assert "upgrade trust-tui" in problem


def test_permission_denied_is_its_own_error(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(db)
    store.open()

    def refuse(self: JournalStorage, *args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(db))

    monkeypatch.setattr(JournalStorage, "read_bytes", refuse)
    with pytest.raises(StorePermissionError, match=f"may not read {db}"):
        store.load()
    monkeypatch.undo()
    monkeypatch.setattr(JournalStorage, "write_bytes", refuse)
    monkeypatch.setattr(JournalStorage, "append_journal", refuse)
    before = state(db)
    with pytest.raises(StorePermissionError, match=f"may not write in {db.parent}"):
        store.add_log(entry(1))
    assert state(db) == before


def test_real_permission_denied(tmp_path: Path) -> None:
    # Permission bits do not stop root (CI runs as root), so use a folder the kernel refuses
    # to anyone when not root, and sysfs, which refuses new files even to root, when root.
    if os.geteuid() == 0:
        folder = Path("/sys")
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
    with pytest.raises(StorePermissionError, match="Permission denied"):
        make_store(folder / "trust-tui-test.json").open()
    assert not (folder / "trust-tui-test.json").exists()


def test_a_failed_write_leaves_the_file_and_no_temp(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(db)
    store.open()
    before = state(db)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(StoreError, match="No space left on device"):
        store.add_log(entry(1))
    monkeypatch.undo()
    assert state(db) == before
    assert strays(db.parent) == []
    store.add_log(entry(2))  # the cache was dropped: the next change starts from the file
    assert store.load().logs == (entry(2),)


# --- the lock ------------------------------------------------------------------------------


def test_a_held_lock_times_out_with_a_clear_message(db: Path) -> None:
    store = make_store(db, lock_timeout=0.2)
    store.open()
    before = state(db)
    with FileLock(lock_path_for(db), shared=False, timeout=1):
        with pytest.raises(LockTimeoutError, match=f"{db} has been locked"):
            store.add_log(entry(1))
        with pytest.raises(LockTimeoutError):
            store.load()
    with FileLock(lock_path_for(db), shared=True, timeout=1):
        assert store.load().logs == ()  # readers share
        with pytest.raises(LockTimeoutError):
            store.add_log(entry(1))
    assert state(db) == before


# --- schema migration ----------------------------------------------------------------------

V0 = orjson.dumps(
    {
        "meta": {"1": {"schema_version": 0, "created_at": "2025-01-01T09:00:00+01:00"}},
        "actions": {
            str(i): {k: v for k, v in a.to_doc().items() if k != "rated"}
            for i, a in enumerate(DEFAULTS, start=1)
        },
        "logs": {"1": entry(1).to_doc()},
    }
)


def test_an_older_schema_is_migrated_after_a_backup(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(db, V0, backup=False)
    backup = db.parent / "backups" / "trust-2026-03-08-schema0.json"
    import trust_tui.storage.store as store_module

    real_migrate = store_module.migrate

    def migrate_checking_backup(raw: dict) -> list[int]:  # type: ignore[type-arg]
        assert backup.read_bytes() == V0, "the backup must exist before the migration runs"
        assert db.read_bytes() == V0
        return real_migrate(raw)

    monkeypatch.setattr(store_module, "migrate", migrate_checking_backup)
    snapshot = make_store(db).open()
    assert snapshot.schema_version == SCHEMA_VERSION
    assert snapshot.actions == DEFAULTS  # rated filled in: only the check-in
    assert snapshot.logs == (entry(1),)
    raw = orjson.loads(db.read_bytes())
    assert raw["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert [d["rated"] for d in raw["actions"].values()] == [True, False, False]
    assert mode(backup) == 0o600


def test_load_shows_an_older_file_migrated_without_writing(db: Path) -> None:
    plant(db, V0, backup=False)
    before = state(db)
    store = make_store(db)
    assert store.load().actions == DEFAULTS
    assert state(db) == before
    store.add_log(entry(2))  # the first change migrates (backup first)
    assert (db.parent / "backups" / "trust-2026-03-08-schema0.json").read_bytes() == V0
    assert orjson.loads(db.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


# --- backups -------------------------------------------------------------------------------


def test_one_backup_a_day_and_the_newest_seven_kept(db: Path) -> None:
    day = [dt.datetime(2026, 3, 1, 9, 0, tzinfo=TZ)]
    store = make_store(db, now=lambda: day[0])
    for n in range(10):
        day[0] = dt.datetime(2026, 3, 1 + n, 9, 0, tzinfo=TZ)
        store.open()
        store.add_log(entry(n, f"2026-03-{1 + n:02d}"))
        store.open()  # a second start that day: no second backup
        assert store.newest_backup() == store.backup_dir / f"trust-2026-03-{1 + n:02d}.json"
    names = sorted(os.listdir(store.backup_dir))
    assert names == [f"trust-2026-03-{d:02d}.json" for d in range(4, 11)]
    # Each day's backup is the file as it was when that day's first start found it.
    day10 = orjson.loads((store.backup_dir / "trust-2026-03-10.json").read_bytes())
    assert len(day10["logs"]) == 9
    assert {mode(p) for p in store.backup_dir.iterdir()} == {0o600}
    assert mode(store.backup_dir) == 0o700


def test_newest_backup_skips_broken_ones(db: Path) -> None:
    good = plant(db, GOOD, backup=True)
    assert make_store(db).newest_backup() == good


# --- stray temporary files -----------------------------------------------------------------


def test_open_removes_temp_files_of_dead_writers_only(db: Path) -> None:
    make_store(db).open()
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(child.stdout)
    dead = db.parent / f".{db.name}{atomic.TEMP_MARK}{dead_pid}-0badc0de"
    alive = db.parent / f".{db.name}{atomic.TEMP_MARK}{os.getppid()}-00c0ffee"
    unrelated = db.parent / ".other.json.tmp-1-x"
    for path in (dead, alive, unrelated):
        path.write_bytes(b"{half")
    make_store(db).open()
    assert not dead.exists()
    assert alive.exists() and unrelated.exists()


# --- doctor --------------------------------------------------------------------------------


def test_doctor_is_quiet_about_a_healthy_file(db: Path) -> None:
    store = make_store(db)
    store.open()
    store.add_log(entry(1))
    assert store.doctor() == []


def test_doctor_on_a_missing_file(db: Path) -> None:
    [problem] = make_store(db).doctor()
    assert "does not exist yet" in problem
    assert not db.parent.exists()


def test_doctor_names_loose_permissions(db: Path) -> None:
    store = make_store(db)
    store.open()
    os.chmod(db, 0o644)
    os.chmod(db.parent, 0o775)
    problems = store.doctor()
    assert any(f"chmod 600 '{db}'" in p for p in problems)
    assert any(f"chmod 700 '{db.parent}'" in p for p in problems)


def test_doctor_accepts_a_folder_others_may_only_list(db: Path) -> None:
    store = make_store(db)
    store.open()
    os.chmod(db.parent, 0o755)
    assert store.doctor() == []


def test_doctor_finds_content_problems_without_writing(db: Path) -> None:
    store = make_store(db)
    store.open()
    store.add_logs([entry(1), entry(2), entry(3, action="gone-action")])
    raw = orjson.loads(db.read_bytes())
    logs = raw["logs"]
    logs["10"] = entry(1).to_doc()  # duplicate uid
    logs["11"] = {**entry(4).to_doc(), "date": "2026-13-01"}
    logs["12"] = {**entry(5).to_doc(), "date": "1969-12-31"}
    logs["13"] = {**entry(6).to_doc(), "date": "2027-01-01"}  # after today (2026-03-08)
    logs["14"] = {**entry(7).to_doc(), "note": 42}
    raw["meta"]["1"]["settings"]["week_start"] = "funday"
    db.write_bytes(orjson.dumps(raw))
    before = state(db)
    text = "\n".join(store.doctor())
    assert "'gone-action' (1)" in text
    assert "uid0001" in text and "more than once" in text
    assert "3 log entries" in text and "set aside" in text  # one validation: see documents.py
    assert "'2026-13-01'" in text and "'1969-12-31'" in text
    assert "uid0006 (2027-01-01)" in text and "dated in the future" in text
    assert "14 (note is not text)" in text
    assert "funday" in text
    assert state(db) == before


def test_open_without_logs_still_checks_the_whole_file(db: Path) -> None:
    store = make_store(db)
    store.open()
    store.add_logs([entry(1), entry(2)])
    light = make_store(db)
    snapshot = light.open(logs=False)
    assert snapshot.logs == () and snapshot.actions == DEFAULTS
    light.add_log(entry(3))
    assert light.load() == make_store(db).load()
    assert [log.uid for log in light.load().logs] == ["uid0001", "uid0002", "uid0003"]
    plant_over = db.read_bytes()[:-5]
    db.write_bytes(plant_over)
    with pytest.raises(CorruptDataError):
        make_store(db).open(logs=False)


def test_many_same_key_entries_keep_file_order_in_the_cached_snapshot(db: Path) -> None:
    store = make_store(db)
    store.open()
    same = [entry(n, logged_at="2026-03-01T20:00:00-05:00") for n in range(20)]
    store.add_logs(same[:3])
    store.add_log(same[3])
    store.add_logs(same[4:])  # more than 16: the sorting branch
    store.add_logs(same[:0])
    assert store.load() == make_store(db).load()
    assert [log.uid for log in store.load().logs] == [e.uid for e in same]


def test_log_dates_reads_one_action_as_the_file_is_now(db: Path) -> None:
    store = make_store(db)
    store.open(logs=False)
    store.add_logs([entry(1, "2026-03-01"), entry(2, "2026-03-02", action="appreciation-note")])
    make_store(db).add_log(entry(3, "2026-03-03"))  # another process's write
    assert sorted(store.log_dates("stay-in-touch")) == [dt.date(2026, 3, 1), dt.date(2026, 3, 3)]
    assert store.log_dates("nobody") == []
