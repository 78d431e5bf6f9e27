"""Every string a client can send in a request body refuses text no encoder accepts.

JSON may spell a lone UTF-16 surrogate (``"\\ud800"``); Python decodes it into a ``str`` that
fails only later, when the database or a hash encodes it, as a 500. The walk below finds every
string-typed leaf of every request body model of every route, so a field added later without
one of the shared text types (``sync/wire/fields.py``) or an ASCII pattern fails here.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator

import pydantic
import pytest
from fastapi import APIRouter
from fastapi.routing import APIRoute
from pydantic import TypeAdapter

from sync.server.app import routers

LONE_SURROGATE = "\ud800"


def _routes(router: APIRouter) -> Iterator[APIRoute]:
    for route in router.routes:
        if isinstance(route, APIRoute):
            yield route
        elif hasattr(route, "original_router"):  # an included router (FastAPI ≥ 0.160)
            yield from _routes(route.original_router)


def _string_fields(model: type[pydantic.BaseModel], path: str,
                   seen: set[type]) -> Iterator[tuple[str, typing.Any]]:
    """(dotted path, annotation with its constraints) of every string leaf under ``model``."""
    if model in seen:
        return
    seen.add(model)
    for name, field in model.model_fields.items():
        where = f"{path}.{name}"
        yield from _leaves(typing.Annotated[field.annotation, *field.metadata]
                           if field.metadata else field.annotation, where, seen)


def _leaves(annotation: typing.Any, where: str,
            seen: set[type]) -> Iterator[tuple[str, typing.Any]]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        yield from _string_fields(annotation, annotation.__name__, seen)
    elif annotation is str:
        yield where, annotation
    elif origin is typing.Annotated:
        if _contains_str(args[0]):
            yield where, annotation
        else:
            yield from _leaves(args[0], where, seen)
    else:
        for arg in args:
            yield from _leaves(arg, where, seen)


def _contains_str(annotation: typing.Any) -> bool:
    if annotation is str:
        return True
    return any(_contains_str(arg) for arg in typing.get_args(annotation))


def _request_string_fields() -> list[tuple[str, typing.Any]]:
    found: dict[str, typing.Any] = {}
    seen: set[type] = set()
    for router in routers():
        for route in _routes(router):
            for param in route.dependant.body_params:
                model = param.field_info.annotation
                if isinstance(model, type) and issubclass(model, pydantic.BaseModel):
                    found.update(_string_fields(model, model.__name__, seen))
    return sorted(found.items())


FIELDS = _request_string_fields()


def test_the_walk_finds_the_fields_the_probe_broke() -> None:
    names = {name for name, _ in FIELDS}
    assert {"ActivationRequest.app_version", "CheckInRequest.app_version", "TenantCreate.name",
            "RootUpload.root", "UsageCount.name"} <= names


@pytest.mark.parametrize(("where", "annotation"), FIELDS, ids=[name for name, _ in FIELDS])
def test_every_request_string_refuses_a_lone_surrogate(where: str, annotation: typing.Any) -> None:
    adapter = TypeAdapter(annotation)
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_python(LONE_SURROGATE)
    with pytest.raises(pydantic.ValidationError):
        adapter.validate_python("abcdefgh" + LONE_SURROGATE + "ijkl")
