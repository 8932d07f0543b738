"""`.writer.yaml`: the checker's configuration, found in the current folder or a parent.

The checker reads the ``check:`` section (or, when the file has none, the
top-level keys below; other top-level keys belong to other commands)::

    check:
      disable: [cliche]                  # rules to turn off
      only: []                           # when set, only these rules
      fail-on: warning                   # info | warning | error
      max-sentence: 120                  # long-sentence limit
      thresholds:                        # rule id → value of its main threshold,
        copy: 30                         #   or a mapping of threshold → value
        slogan-density: {sentence: 5, paragraph: 10}
      extra: [my-rules/, my-words.yaml]  # rule and word-list files (paths relative to this file)
      accept: [凝心聚力]                  # phrases never reported
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from writer.check.finding import Level
from writer.check.schema import decode_as, filled_list, load_file, positive, record
from writer.slotted import ValueRecord

CONFIG_NAME = ".writer.yaml"


@record(repr=False, eq=False)   # a schema only: decoded into, never compared or shown
class CheckSection:
    """The schema of the ``check:`` section (or of the top level when there is none)."""

    disable: list[str] | None = None
    only: list[str] | None = None
    fail_on: Level | None = field(default=None, metadata={"key": "fail-on"})
    max_sentence: int | None = field(default=None, metadata={"key": "max-sentence"})
    # rule id → the value of its main threshold, or threshold name → value
    thresholds: dict[str, int | float | dict[str, int | float]] | None = None
    extra: list[str] | None = None
    accept: list[str] | None = None


SECTION_KEYS = ("disable", "only", "fail-on", "max-sentence", "thresholds", "extra", "accept")


class CheckConfig(ValueRecord):
    """Validated settings from a .writer.yaml (all empty when there is none). A slotted record
    (writer.slotted), not a dataclass: every check makes one, most often the empty one."""

    __slots__ = _fields = ("path", "disable", "only", "fail_on", "max_sentence", "thresholds", "extra", "accept")

    def __init__(self, path: Path | None = None, disable: list[str] | None = None, only: list[str] | None = None,
                 fail_on: str | None = None, max_sentence: int | None = None,
                 thresholds: dict[str, dict[str, float]] | None = None, extra: list[Path] | None = None,
                 accept: list[str] | None = None):
        self.path, self.fail_on, self.max_sentence = path, fail_on, max_sentence
        self.disable = [] if disable is None else disable
        self.only = [] if only is None else only
        self.thresholds = {} if thresholds is None else thresholds
        self.extra = [] if extra is None else extra
        self.accept = [] if accept is None else accept


def find_config(start: Path | None = None) -> Path | None:
    """The nearest .writer.yaml in ``start`` (default: the current folder) or a parent."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def _section(data, path: Path) -> CheckSection | None:
    """The decoded check settings of a parsed .writer.yaml, None when it has none."""
    if data is None:
        return None
    if isinstance(data, dict) and "check" in data:
        return None if data["check"] is None else decode_as(data["check"], CheckSection, path, ["check"])
    if isinstance(data, dict):
        # Without a check: section, the top-level keys of other commands are not ours to judge.
        data = {k: v for k, v in data.items() if k in SECTION_KEYS}
    return decode_as(data, CheckSection, path)


def parse_config(data, path: Path) -> CheckConfig:
    """Validate the parsed YAML of a .writer.yaml."""
    config = CheckConfig(path=path)
    section = _section(data, path)
    if section is None:
        return config
    keys = ["check"] if isinstance(data, dict) and "check" in data else []
    for name in ("disable", "only", "accept"):
        if getattr(section, name) is not None:
            setattr(config, name, filled_list(getattr(section, name), path, [*keys, name]))
    config.fail_on = section.fail_on
    if section.max_sentence is not None:
        config.max_sentence = positive(section.max_sentence, path, [*keys, "max-sentence"])
    for rule_id, value in (section.thresholds or {}).items():
        config.thresholds[rule_id] = value if isinstance(value, dict) else {"": value}
    if section.extra is not None:
        config.extra = [path.parent / p for p in filled_list(section.extra, path, [*keys, "extra"])]
    return config


def load_config(path: Path | None) -> CheckConfig:
    """The configuration in ``path``, or the empty configuration when ``path`` is None."""
    if path is None:
        return CheckConfig()
    return parse_config(load_file(Path(path)), Path(path))
