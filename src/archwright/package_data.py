"""Data files shipped inside the package, read as text or parsed YAML: the one way every
engine reads its own data (settings, prices, prompts, templates' data).

`importlib.resources.files` answers with the module's own folder when the package is
installed as files, as pip and the wheel install it, but first imports its readers,
`zipfile` and `tempfile`, and `yaml.safe_load` scans in Python: together 0.014 G
instructions, 1.4% of an `audit` of 50 components, which read one settings file that
way (issue 16). So the folder beside the module is read directly, and
`importlib.resources` is asked only when the package is not on disk as files (a zipped
install).

YAML goes through libyaml's parser where PyYAML was built with it (`CSafeLoader`): the
same safe constructor and resolver build the values as `yaml.safe_load` does, without
the pure-Python scanner. These files are the project's own, never a user's: a user's
file goes through `archwright.archfile`, with its size and nesting limits.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def folder(package: str) -> Traversable:
    """The folder of `package` (a dotted name): a `Path` when it is on disk, else what
    `importlib.resources` finds."""
    where = getattr(importlib.import_module(package), "__file__", None)
    if where is not None:
        here = Path(where).parent
        if here.is_dir():
            return here
    from importlib import resources

    return resources.files(package)


def text(package: str, *parts: str) -> str:
    """The UTF-8 text of the file at `parts` under `package`'s folder."""
    return folder(package).joinpath(*parts).read_text(encoding="utf-8")


def parsed_yaml(package: str, *parts: str) -> Any:
    """The YAML file at `parts` under `package`'s folder, parsed (fresh objects)."""
    return yaml.load(text(package, *parts), Loader=LOADER)
