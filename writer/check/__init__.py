"""`writer check`: a linter for 工作综述 drafts.

Library API (the CLI in writer/commands/check.py is a thin layer over it)::

    from writer.check.rules import load_rules
    from writer.check.engine import configure_rules, Checker
    from writer.check.context import BankContext, CheckContext
    ruleset = load_rules(extra=[...])                      # shipped + user rules and word lists
    rules = configure_rules(ruleset, config, only, disable, max_sentence)
    checker = Checker(rules, BankContext(bank_dir), accept=config.accept)
    findings = checker.check_text(text, path, markdown)    # list[Finding]

or simply ``writer.check.engine.check_text(text)`` with the shipped rules and no bank.

This package's ``__init__`` imports nothing: ``writer.check.budget`` (render's
one view of what the reviewer counts) must not pay for the whole engine.
"""
