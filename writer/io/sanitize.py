"""Text that is safe where it goes: a terminal line, or the XML inside a .docx.

What a user gives writer (file names, facts, topics, lines of a draft) can hold
characters that must not reach those places as they are:

- A terminal obeys control characters (ESC sequences can recolour, move the
  cursor or retitle the window), a newline splits a one-line message in two,
  bidirectional overrides make a file name read backwards, and a lone
  surrogate (an argument or file name that was not valid UTF-8) cannot be
  encoded at all. ``for_terminal`` shows each of them escaped (``\\x1b``,
  ``\\n``, ``\\u202e``, ``\\udcff``), so the message stays one readable line and
  says what was there.
- XML 1.0 forbids most control characters and lone surrogates outright: Word
  refuses the file, and python-docx raises. ``for_xml`` removes the control
  characters and puts U+FFFD in place of a surrogate or a non-character.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline included: a message is one line), DEL,
# bidirectional embeddings, overrides and isolates, and lone surrogates.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What XML 1.0 allows: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_XML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_REPLACED = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with control characters, bidi controls and lone surrogates shown escaped."""
    return _TERMINAL_UNSAFE.sub(_escaped, text)


def for_xml(text: str) -> str:
    """``text`` with what XML 1.0 forbids removed (controls) or replaced by U+FFFD (surrogates)."""
    return _XML_REPLACED.sub("\ufffd", _XML_CONTROL.sub("", text))
