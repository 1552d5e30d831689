"""Where projects, their versions and conversations are kept (SQLAlchemy 2 + Alembic).

SQLite in the user's data folder by default, PostgreSQL by URL. The web server and the
advisor's conversations both keep their state here and nowhere else, so a server
process holds no state of its own.
"""

from archwright.store.database import data_folder, default_url, migrate, normalize_url
from archwright.store.errors import Conflict, Invalid, NotFound, StoreError
from archwright.store.records import Job, JobState, Message, Project, Role, Session, Version
from archwright.store.repository import Store, Unavailable

__all__ = [
    "Conflict",
    "Invalid",
    "Job",
    "JobState",
    "Message",
    "NotFound",
    "Project",
    "Role",
    "Session",
    "Store",
    "StoreError",
    "Unavailable",
    "Version",
    "data_folder",
    "default_url",
    "migrate",
    "normalize_url",
]
