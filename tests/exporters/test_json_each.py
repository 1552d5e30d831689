"""Documents written together (`dump_json_each`, the scaffold's service contracts) and
columns of records of a few shapes (the Datadog monitors' `options`) give exactly the
text `json.dumps(data, indent=2)` gives each one alone (issue 17)."""

from __future__ import annotations

import json
from typing import Any

from archwright.exporters import _json_block
from archwright.exporters._yaml import dump_json, dump_json_each


def _options(i: int) -> dict[str, Any]:
    if i % 3 == 1:
        return {"thresholds": {"critical": 0.5}}
    return {"thresholds": {"critical": 0.05 * i}, "notify_no_data": i % 2 == 0}


def test_a_column_of_a_few_shapes_is_written_shape_by_shape_and_put_back_in_order() -> None:
    monitors = [
        {"name": f"m-{i}", "options": _options(i), "tags": ["a", f"s:{i}"]} for i in range(90)
    ]
    assert _json_block.dumps(monitors, False) == json.dumps(monitors, indent=2)
    mostly_distinct = [{f"k{i}": i, "x": [i]} for i in range(20)] + [{"x": [1]}] * 3
    assert _json_block.dumps(mostly_distinct, True) == json.dumps(mostly_distinct, indent=2)


def test_documents_written_together_are_each_what_dump_json_writes_alone() -> None:
    docs: list[Any] = [
        {"openapi": "3.1.0", "paths": {f"/p{i}": {"get": {"summary": "é" * (i % 3)}}}}
        for i in range(30)
    ]
    docs += [[1, 2.5, None], "text", {}, []]
    for ensure_ascii in (True, False):
        assert dump_json_each(docs, ensure_ascii) == [dump_json(d, ensure_ascii) for d in docs]
        assert dump_json_each(docs, ensure_ascii)[0] == (
            json.dumps(docs[0], indent=2, ensure_ascii=ensure_ascii) + "\n"
        )
    assert dump_json_each([]) == []


def test_a_document_the_writer_does_not_write_sends_each_to_json_dumps() -> None:
    docs: list[Any] = [{"a": 1}, {1: "an int key"}, {"t": (1, 2)}]
    assert dump_json_each(docs) == [json.dumps(d, indent=2) + "\n" for d in docs]
