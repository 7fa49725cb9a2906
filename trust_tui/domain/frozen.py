"""`frozen`: what `@dataclass(frozen=True, slots=True)` makes, without importing `dataclasses`.

`trust-tui log` is timed against `python -c "import tinydb, pendulum"` (benchmarks/README.md),
and importing `dataclasses` (with `inspect`, `ast`, `dis`, `tokenize`) and building the domain's
dataclasses with it cost about 10 ms of its ~60 ms (`python -X importtime`). This builds the same
class: slots, an `__init__` with the same signature and defaults (`default_factory` too),
`__repr__`, `__eq__`, `__hash__` over the fields in order, `__match_args__`, pickling, and
assignment refused with `dataclasses.FrozenInstanceError`. `dataclasses.fields`, `replace`,
`asdict` and `is_dataclass` work on it: the `dataclasses` module builds its field records on
first use (`__dataclass_fields__`), in the app, never on the `log` path.

A field's default may be `Factory(callable)` for what `field(default_factory=…)` gives.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, TypeVar

__all__ = ["Factory", "frozen"]

T = TypeVar("T")

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "<factory>"})()


class Factory:
    """A default built anew for each instance (`dataclasses.field(default_factory=…)`)."""

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        self.make = make


class _DataclassRecords:
    """`__dataclass_fields__` / `__dataclass_params__`, made by `dataclasses` when first read."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def __get__(self, instance: object, owner: type) -> Any:
        shadow = owner.__dict__.get("_frozen_shadow")
        if shadow is None:
            shadow = _shadow(owner)
            type.__setattr__(owner, "_frozen_shadow", shadow)
        return getattr(shadow, self.attribute)


def _shadow(cls: type) -> type:
    """A real dataclass with the same fields, whose records `dataclasses` functions read."""
    import dataclasses

    namespace: dict[str, Any] = {
        "__annotations__": dict(cls.__dict__["_frozen_annotations"]),
        "__module__": cls.__module__,
        "__qualname__": cls.__qualname__,
    }
    for name, default in cls.__dict__["_frozen_defaults"].items():
        if isinstance(default, Factory):
            namespace[name] = dataclasses.field(default_factory=default.make)
        else:
            namespace[name] = default
    return dataclasses.dataclass(frozen=True)(type(cls.__name__, (), namespace))


def frozen(cls: type[T]) -> type[T]:
    """Decorate a class whose annotated attributes are its fields (see the module's doc)."""
    annotations: dict[str, Any] = dict(cls.__dict__.get("__annotations__", {}))
    names = tuple(annotations)
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in defaults and key not in ("__dict__", "__weakref__")
    }
    namespace["__slots__"] = names
    namespace["__match_args__"] = names
    namespace["_frozen_annotations"] = annotations
    namespace["_frozen_defaults"] = defaults
    namespace["__dataclass_fields__"] = _DataclassRecords("__dataclass_fields__")
    namespace["__dataclass_params__"] = _DataclassRecords("__dataclass_params__")
    new = type(cls)(cls.__name__, cls.__bases__, namespace)
    values = attrgetter(*names) if len(names) > 1 else (lambda self: (getattr(self, names[0]),))

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(values(self) == values(other))
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(values(self))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self: Any, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self: Any, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self: Any) -> list[object]:
        return [getattr(self, name) for name in names]

    def __setstate__(self: Any, state: list[object]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    methods = {
        "__init__": _init(new, names, defaults),
        "__eq__": __eq__,
        "__hash__": __hash__,
        "__repr__": __repr__,
        "__setattr__": __setattr__,
        "__delattr__": __delattr__,
        "__getstate__": __getstate__,
        "__setstate__": __setstate__,
    }
    for key, method in methods.items():
        if key in cls.__dict__:
            continue  # the class's own, as dataclass keeps it (none of ours define these)
        method.__qualname__ = f"{new.__qualname__}.{key}"
        type.__setattr__(new, key, method)
    if new.__doc__ is None:
        new.__doc__ = f"{new.__name__}({', '.join(names)})"
    return new


def _init(cls: type, names: tuple[str, ...], defaults: dict[str, Any]) -> Any:
    """An `__init__` that sets each slot through its own descriptor, bound once (50,000
    LogEntry objects per load: faster than a frozen dataclass's `object.__setattr__`)."""
    scope: dict[str, Any] = {"_MISSING": _MISSING}
    params, body = [], []
    for name in names:
        scope[f"_set_{name}"] = getattr(cls, name).__set__
        default = defaults.get(name, _MISSING)
        if isinstance(default, Factory):
            scope[f"_make_{name}"] = default.make
            params.append(f"{name}=_MISSING")
            body.append(f"    _set_{name}(self, _make_{name}() if {name} is _MISSING else {name})")
        elif default is not _MISSING:
            scope[f"_default_{name}"] = default
            params.append(f"{name}=_default_{name}")
            body.append(f"    _set_{name}(self, {name})")
        else:
            params.append(name)
            body.append(f"    _set_{name}(self, {name})")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n"
    exec(source, scope)  # noqa: S102 - our own field names, checked identifiers
    init = scope["__init__"]
    init.__annotations__ = {
        **{n: a for n, a in cls.__dict__["_frozen_annotations"].items()},
        "return": "None",
    }
    return init
