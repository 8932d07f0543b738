"""`writer check`: a linter for 工作综述 drafts.

Library API (the CLI in writer/commands/check.py is a thin layer over it)::

    from writer.check import load_rules, configure_rules, Checker, BankContext, CheckContext
    ruleset = load_rules(extra=[...])                      # shipped + user rules and word lists
    rules = configure_rules(ruleset, config, only, disable, max_sentence)
    checker = Checker(rules, BankContext(bank_dir), accept=config.accept)
    findings = checker.check_text(text, path, markdown)    # list[Finding]

or simply ``check_text(text)`` with the shipped rules and no bank.
"""

from __future__ import annotations

from writer.check.config import CheckConfig, find_config, load_config
from writer.check.context import BankContext, CheckContext
from writer.check.engine import Checker, UnknownRuleError, configure_rules, select_rules, worst_level
from writer.check.finding import LEVELS, Finding, level_rank
from writer.check.fixes import apply_fixes, fix_text
from writer.check.inputs import read_draft
from writer.check.rules import FIXABLE, RULE_IDS, Rule, RuleSet, load_rules
from writer.check.schema import CheckDataError

__all__ = [
    "BankContext", "CheckConfig", "CheckContext", "CheckDataError", "Checker", "FIXABLE", "Finding",
    "LEVELS", "RULE_IDS", "Rule", "RuleSet", "UnknownRuleError", "apply_fixes", "check_text",
    "configure_rules", "find_config", "fix_text", "level_rank", "load_config", "load_rules",
    "read_draft", "select_rules", "worst_level",
]


def check_text(text: str, path: str = "-", markdown: bool = False, context: CheckContext | None = None,
               only: list[str] = (), disable: list[str] = ()) -> list[Finding]:
    """Check ``text`` with the shipped rules; bank rules see ``context`` (empty by default)."""
    rules = select_rules(load_rules(), only, disable)
    return Checker(rules, context or CheckContext()).check_text(text, path, markdown)
