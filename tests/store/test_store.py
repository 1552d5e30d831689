"""The store keeps projects, versions and conversations; a stale save is refused."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import create_engine, inspect

from archwright.store import Conflict, Invalid, NotFound, Role, Store, normalize_url
from archwright.store.tables import Base

YAML = "schema_version: '1'\nname: shop\ncomponents: []\n"


def test_versions_chain_with_parents_and_etags(db_url: str) -> None:
    store = Store(db_url)
    project = store.create_project("Shop", YAML, "ana")
    assert project.head == 1
    first = store.head(project.id)
    assert first is not None and first.parent is None and first.author == "ana"
    second = store.save(project.id, YAML + "summary: x\n", "bo", first.etag)
    assert (second.number, second.parent) == (2, 1)
    assert second.etag != first.etag
    assert [v.number for v in store.versions(project.id)] == [1, 2]
    assert store.version(project.id, 1).text == YAML
    assert store.project(project.id).head == 2


def test_a_stale_save_is_refused_and_nothing_is_lost(db_url: str) -> None:
    store = Store(db_url)
    project = store.create_project("Shop", YAML, "ana")
    base = store.head(project.id)
    assert base is not None
    store.save(project.id, YAML + "summary: mine\n", "ana", base.etag)
    with pytest.raises(Conflict) as refused:
        store.save(project.id, YAML + "summary: theirs\n", "bo", base.etag)
    assert refused.value.current_etag == store.head(project.id).etag  # type: ignore[union-attr]
    assert [v.text.endswith("mine\n") for v in store.versions(project.id)] == [False, True]
    with pytest.raises(Conflict):
        store.save(project.id, YAML, "bo", None)


def test_racing_saves_keep_one_winner_per_head(db_url: str) -> None:
    """Eight threads save on the same head: one wins, seven are refused, none vanish."""
    store = Store(db_url)
    project = store.create_project("Race", YAML, "ana")
    head = store.head(project.id)
    assert head is not None
    outcomes: list[str] = []

    def save(i: int) -> None:
        try:
            store.save(project.id, f"{YAML}summary: writer {i}\n", f"w{i}", head.etag)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=save, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["saved"]
    assert [v.number for v in store.versions(project.id)] == [1, 2]


def test_projects_list_rename_and_delete(db_url: str) -> None:
    store = Store(db_url)
    a = store.create_project("A")
    b = store.create_project("<b>B</b>")
    assert [p.name for p in store.projects()] == ["A", "<b>B</b>"]
    assert store.head(a.id) is None
    assert store.rename_project(a.id, " Renamed ").name == "Renamed"
    session = store.create_session(b.id, "about B")
    store.append(session.id, Role.USER, "hi")
    store.delete_project(b.id)
    assert [p.id for p in store.projects()] == [a.id]
    with pytest.raises(NotFound):
        store.session(session.id)
    with pytest.raises(NotFound):
        store.project(b.id)
    with pytest.raises(Invalid):
        store.create_project("   ")
    with pytest.raises(Invalid):
        store.create_project("x" * 201)


def test_conversations_keep_order_payload_and_version_links(db_url: str) -> None:
    store = Store(db_url)
    project = store.create_project("Shop", YAML, "ana")
    version = store.head(project.id)
    assert version is not None
    chat = store.create_session(project.id, "capacity questions")
    store.append(chat.id, Role.USER, "what breaks first at 10x?")
    answer = store.append(
        chat.id, Role.ASSISTANT, "the database", {"figures": {"rps": 1200.5}}, version.id
    )
    assert answer.position == 2 and answer.version_id == version.id
    messages = store.messages(chat.id)
    assert [(m.role, m.text) for m in messages] == [
        (Role.USER, "what breaks first at 10x?"),
        (Role.ASSISTANT, "the database"),
    ]
    assert messages[1].payload == {"figures": {"rps": 1200.5}}
    assert [s.id for s in store.sessions(project.id)] == [chat.id]
    loose = store.create_session(None, "no project")
    assert [s.id for s in store.sessions(None)] == [loose.id]
    with pytest.raises(Invalid):
        store.append(chat.id, Role.USER, "x", {"bad": float("nan")})
    with pytest.raises(NotFound):
        store.append(chat.id, Role.USER, "x", None, "0" * 32)


def test_racing_appends_keep_a_dense_order(db_url: str) -> None:
    store = Store(db_url)
    chat = store.create_session(None, "busy")

    def talk(i: int) -> None:
        for j in range(5):
            store.append(chat.id, Role.USER, f"{i}-{j}")

    threads = [threading.Thread(target=talk, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    positions = [m.position for m in store.messages(chat.id)]
    assert positions == list(range(1, 21))


def test_upgrade_from_empty_database_matches_the_tables(db_url: str) -> None:
    """Alembic's migrations create exactly the tables and columns the code declares."""
    store = Store(db_url)
    engine = create_engine(normalize_url(db_url))
    found = inspect(engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"] for c in found.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    assert "alembic_version" in found.get_table_names()
    engine.dispose()
    Store(db_url)  # a second upgrade is a no-op
    store.close()


def test_unsupported_urls_are_refused_with_the_schemes_that_work() -> None:
    with pytest.raises(Invalid, match="unsupported database 'mysql'"):
        normalize_url("mysql://u@h/db")
    with pytest.raises(Invalid, match="not a database URL"):
        normalize_url("::nonsense::")
    assert normalize_url("postgresql://u@h/db").startswith("postgresql+psycopg://")


def test_replicas_starting_together_migrate_once(db_url: str) -> None:
    """Four stores opened at once on an empty database: no error, one schema."""
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(db_url).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    store = Store(db_url)
    assert store.projects() == []


def test_a_job_is_cancelled_by_flag_and_ends_once(db_url: str) -> None:
    """Any replica can set the flag; the job's end is written once and then kept."""
    from archwright.store import JobState

    store = Store(db_url)
    other = Store(db_url, upgrade=False)  # another replica on the same database
    job = store.start_job("des")
    assert job.state is JobState.RUNNING and not job.cancel_requested
    assert other.cancel_job(job.id).cancel_requested
    assert store.job(job.id).cancel_requested
    ended = store.finish_job(job.id, JobState.CANCELLED)
    assert ended.state is JobState.CANCELLED and ended.finished is not None
    assert store.finish_job(job.id, JobState.DONE).state is JobState.CANCELLED
    done = store.start_job("availability")
    store.finish_job(done.id, JobState.DONE)
    assert not other.cancel_job(done.id).cancel_requested
    with pytest.raises(NotFound):
        store.cancel_job("0" * 32)
    store.close()
    other.close()
