"""Cold starts of the writer commands against their floors, measured side by side in one run.

1. ``writer suggest 人才`` against a minimal typer app written to a temporary
   file with the same commands and options (generated from writer's own
   command signatures) whose commands do nothing and which imports nothing but
   typer: typer is the floor, and writer should add little to it (target ≤ 1.2).
2. ``writer render examples/人社工作.yaml``, ``writer outline --org 某县人社局
   --topic 人社``, ``writer check`` on a small draft (and suggest again) against
   the same commands of the pre-refactor checkout (``--before``, default
   /tmp/before, run as ``PYTHONPATH=<before> python -m writer …``).

3. ``writer render`` and ``writer outline`` against ``writer suggest 人才`` (issue 13:
   at most 1.5×), this checkout's and that of the session's starting commit (``--base``), and
   the render of a 1 MB fact, now and before, in seconds per MB (issue 11: under one).

``writer suggest``, ``writer outline`` and ``writer render`` remember their answers (writer/io/memo.py),
so the repeated request is what a writer who asks again pays; rows with a new seed
on every run (``--seed`` = the run's number) show the price of a request
computed afresh (for render: drafted again from the YAML up), and those are
the rows to compare with the pre-refactor checkout, which remembers nothing.
The larger facts file is examples/人社工作.yaml with three more sections (eight). The median and minimum wall time and the median CPU time
(user + system of the process) are printed: other work on this shared
machine only ever adds wall time and hardly touches a process's own CPU
time, so the target is judged on the minimum wall time and on the CPU time.

Runs are interleaved so machine noise hits all alike; each command runs once
untimed first to warm the compiled caches and the OS file cache. Bytecode is
written and reused as an installed writer would (PYTHONDONTWRITEBYTECODE is
unset). Every command runs from an empty temporary folder, so ``python -m
writer`` imports the checkout named by PYTHONPATH and no .writer.yaml applies.

With ``--instructions`` the suggest rows, outline afresh (now and before) and render and outline afresh
against suggest (this checkout's and the base's) are also counted in
instructions (valgrind's callgrind, one run each after the timed ones: steadier than any time on a
shared machine), and their ratios printed.

    python bench/bench_startup.py [--runs 15] [--before /tmp/before] [--base /tmp/base9] [--instructions]
"""

from __future__ import annotations

import argparse
import inspect
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
# How the `writer` console script starts (no runpy, unlike ``python -m writer``, which would
# charge writer ~8 ms of importlib.util that neither the script nor the floor app pays).
LAUNCH = "import sys; from writer.__main__ import main; sys.argv[0] = 'writer'; sys.exit(main())"
DRAFT = "全年城镇新增就业1260人，城镇登记失业率控制在3.2%以内。\n我们高度重视，积极推进，各项工作取得明显成效。\n"
TARGET = 1.2
# "suggest new topic": a topic asked for the first time on each run (the lexicon's topics, over a copy of
# the shipped bank made for this run, so none is in its memo; the warm-up run takes the last).
TOPICS = ["党建", "教育", "法治", "医保", "生态环境", "就业", "社保", "人社", "统战", "政协", "城市建设", "乡村振兴",
          "工业", "安全生产", "消防", "公安", "卫生健康", "文化旅游", "营商环境", "科技创新", "民生", "纪检监察", "组织",
          "宣传", "应急管理", "人才"]
RENDER_TARGET = 1.5       # issue 13: render and outline against suggest
BIG_FACT = "，持续推进就业服务" * 40_000   # about 1 MB in UTF-8, as tests/test_robustness.py's row
EXTRA_SECTIONS = [
    {"theme": "技能人才", "facts": ["新增技能人才1200人", "建成技能大师工作室3个"]},
    {"theme": "工资收入", "facts": ["企业工资指导线基准线为6%", "发布人力资源市场工资价位12个"]},
    {"theme": "信息化建设", "facts": ["社保卡持卡人数达到31.2万人", "电子社保卡签发21.5万张"]},
]


def env_for(checkout: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "WRITER_BANK")}
    env["PYTHONPATH"] = str(checkout)
    return env


def run(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float, int]:
    """Wall time, CPU time (user + system of the child) and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def _parameter_source(name: str, parameter: inspect.Parameter) -> str:
    """One parameter of a floor command: writer's annotation, default and flags, without help."""
    info = parameter.default
    kind = "Argument" if type(info).__name__ == "ArgumentInfo" else "Option"
    default = "..." if info.default is ... else repr(info.default)
    decls = "".join(f", {decl!r}" for decl in (info.param_decls or ()))
    extra = "".join(f", {key}={getattr(info, key)!r}" for key in ("min", "max") if getattr(info, key, None) is not None)
    annotation = parameter.annotation   # a string under ``from __future__ import annotations``
    written = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    return f"    {name}: {written} = typer.{kind}({default}{decls}{extra}),\n"


def floor_app_source() -> str:
    """A typer app with writer's commands and options, each command doing nothing."""
    from writer.cli import BANK_COMMANDS, COMMANDS, command_function

    lines = ["import pathlib\nimport typing\nfrom typing import List, Optional\nfrom pathlib import Path\n\nimport typer\n\n",
             "app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)\n",
             "bank = typer.Typer(add_completion=False, rich_markup_mode=None)\n",
             "app.add_typer(bank, name='bank')\n\n"]
    for target, specs in (("app", COMMANDS), ("bank", BANK_COMMANDS)):
        for spec in specs:
            fn = command_function(spec)[0]
            params = inspect.signature(fn).parameters.items()
            lines.append(f"@{target}.command({spec.name!r})\ndef {fn.__name__}(\n")
            lines.extend(_parameter_source(name, p) for name, p in params)
            lines.append(") -> None:\n    pass\n\n\n")
    assert {spec.name for spec in COMMANDS} == {"mine", "suggest", "outline", "render", "check", "trend"}
    lines.append("app()\n")
    return "".join(lines)


def write_facts(cwd: Path) -> tuple[Path, Path]:
    """The larger facts file (eight sections) and the one with a 1 MB fact, beside the runs."""
    import yaml

    example = ROOT / "examples" / "人社工作.yaml"
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data["sections"] = data["sections"] + EXTRA_SECTIONS
    large = cwd / "facts8.yaml"
    large.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data["sections"][0]["facts"][0] += BIG_FACT
    big = cwd / "fact1mb.yaml"
    big.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 9), encoding="utf-8")
    return large, big


def measure(cases: dict, runs: int, cwd: Path) -> dict[str, list[float]]:
    """Median-ready timings of each case; a case whose command fails is reported and dropped."""
    failed = []
    for name, (cmd, env) in cases.items():
        if run([part.replace("{run}", "999").replace("{topic}", TOPICS[-1]) for part in cmd], cwd, env)[2] not in (0, 1):
            failed.append(name)
    for name in failed:
        print(f"（{name} 运行失败，跳过：{' '.join(cases[name][0])}）")
        del cases[name]
    times: dict[str, list[float]] = {name: [] for name in cases}
    for i in range(runs):
        for name, (cmd, env) in cases.items():
            argv = [part.replace("{run}", str(1000 + i)).replace("{topic}", TOPICS[i % len(TOPICS)]) for part in cmd]
            times[name].append(run(argv, cwd, env)[:2])
    return times


def summary(times: dict[str, list[tuple[float, float]]]) -> dict[str, tuple[float, float, float]]:
    """name → (median wall, minimum wall, median CPU) in seconds."""
    return {name: (statistics.median(w for w, _ in ts), min(w for w, _ in ts), statistics.median(c for _, c in ts))
            for name, ts in times.items()}


def report(times: dict, pairs: list[tuple[str, str, str]]) -> None:
    stats = summary(times)
    print(f"{'':38}" + "".join(f"{head:>9}{'对照':>7}{'ratio':>7}" for head in ("中位 ms", "最小 ms", "CPU ms")))
    for label, new, old in pairs:
        if new not in stats or old not in stats:
            print(f"{label:38}（缺少结果）")
            continue
        print(f"{label:38}" + "".join(f"{a * 1000:9.0f}{b * 1000:7.0f}{a / b:7.2f}"
                                       for a, b in zip(stats[new], stats[old])))


def _cases(cwd: Path, before: Path) -> tuple[dict, dict]:
    """The interleaved cases (now and, where it exists, before) and the 1 MB fact's cases."""
    floor = cwd / "floor_app.py"
    floor.write_text(floor_app_source(), encoding="utf-8")
    draft = cwd / "草稿.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    large, big = write_facts(cwd)
    facts = str(ROOT / "examples" / "人社工作.yaml")
    fresh = ["--seed", "{run}"]
    commands = {"suggest": ["suggest", "人才"], "render": ["render", facts], "render new": ["render", facts, *fresh],
                "render 8": ["render", str(large)], "render 8 new": ["render", str(large), *fresh],
                "outline": ["outline", "--org", "某县人社局", "--topic", "人社"],
                "outline new": ["outline", "--org", "某县人社局", "--topic", "人社", *fresh], "check": ["check", str(draft)]}
    now, old = env_for(ROOT), env_for(before)
    base = Path(BASE[0])
    import shutil

    fresh_bank = cwd / "bank"   # the shipped bank and its compiled caches, no memo: every topic is new to it
    shutil.copytree(ROOT / "phrasebank", fresh_bank, ignore=shutil.ignore_patterns("reference", "corpus", "*memo*"))
    cases = {"floor": ([PY, str(floor), *commands["suggest"]], now),
             "suggest new": ([PY, "-c", LAUNCH, "suggest", "人才", *fresh], now),
             "suggest topic": ([PY, "-c", LAUNCH, "suggest", "{topic}", "--bank", str(fresh_bank)], now)}
    if base.is_dir():   # the session's starting commit: render and outline are also held to its suggest
        cases["suggest (base)"] = ([PY, "-c", LAUNCH, *commands["suggest"]], env_for(base))
    for name, argv in commands.items():
        cases[name] = ([PY, "-c", LAUNCH, *argv], now)
        if before.is_dir():
            cases[f"{name} (before)"] = ([PY, "-c", LAUNCH, *argv], old)
    big_cases = {"1 MB": ([PY, "-c", LAUNCH, "render", str(big), *fresh], now)}
    if before.is_dir():
        big_cases["1 MB (before)"] = ([PY, "-c", LAUNCH, "render", str(big), *fresh], old)
    return cases, big_cases


# The rows counted with --instructions: (label, case, its floor).
INSTRUCTION_ROWS = [("suggest 人才 / floor", "suggest", "floor"),
                    ("suggest --seed 新值（现算）/ floor", "suggest new", "floor"),
                    ("suggest 新主题（现算）/ floor", "suggest topic", "floor"),
                    ("outline 现算 / 重构前", "outline new", "outline new (before)"),
                    ("render 现算 / suggest", "render new", "suggest"),
                    ("outline 现算 / suggest", "outline new", "suggest"),
                    ("render 现算 / 起点的 suggest", "render new", "suggest (base)"),
                    ("outline 现算 / 起点的 suggest", "outline new", "suggest (base)")]
# The session's starting checkout (--base): its suggest is the other reference of render and outline.
BASE = ["/tmp/base9"]


def instructions(cmd: list[str], env: dict, cwd: Path) -> int | None:
    """Instructions one run of ``cmd`` executes (callgrind), or None without valgrind."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def count_instructions(cases: dict, cwd: Path, runs: int) -> dict[str, int]:
    """One callgrind run of each case of INSTRUCTION_ROWS, with a seed and a topic no timed run used."""
    names = {name for _, *pair in INSTRUCTION_ROWS for name in pair}
    counts = {}
    for name in sorted(names):
        if name in cases:
            cmd, env = cases[name]
            argv = [part.replace("{run}", str(5000 + runs)).replace("{topic}", TOPICS[runs % (len(TOPICS) - 1)])
                    for part in cmd]
            counts[name] = instructions(argv, env, cwd)
    return counts


def report_instructions(counts: dict[str, int]) -> None:
    print("\n5. 指令数（callgrind，每项一次，百万条）")
    for label, new, old in INSTRUCTION_ROWS:
        a, b = counts.get(new), counts.get(old)
        if a and b:
            print(f"  {label:36}{a / 1e6:9.1f}{b / 1e6:9.1f}{a / b:7.2f}")
        else:
            print(f"  {label:36}（缺少结果）")


def _verdict(stats: dict, new: str, old: str, target: float, label: str) -> None:
    if new in stats and old in stats:
        for what, i in (("最小墙钟时间", 1), ("CPU 时间中位数", 2)):
            ratio = stats[new][i] / stats[old][i]
            print(f"目标：{label} <= {target}（按{what}：{ratio:.2f}）—", "达到" if ratio <= target else "未达到")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--big-runs", type=int, default=3, help="runs of the 1 MB fact (each about a second of CPU)")
    ap.add_argument("--before", default="/tmp/before", help="pre-refactor checkout (a git worktree)")
    ap.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    ap.add_argument("--base", default=BASE[0], help="the session's starting checkout (its suggest: a reference)")
    args = ap.parse_args()
    BASE[0] = args.base
    before = Path(args.before)

    with tempfile.TemporaryDirectory() as tmp:
        cases, big_cases = _cases(Path(tmp), before)
        times = measure(cases, args.runs, Path(tmp))
        big_times = measure(big_cases, args.big_runs, Path(tmp))
        counts = count_instructions(cases, Path(tmp), args.runs) if args.instructions else {}
    stats = summary(times)

    print("1. writer suggest 人才 vs 同样命令与选项的最小 typer 应用（typer 为底线）")
    report(times, [("suggest 人才 / floor", "suggest", "floor"),
                   ("suggest 人才 --seed 新值（现算）/ floor", "suggest new", "floor"),
                   ("suggest 每次新主题（现算）/ floor", "suggest topic", "floor")])
    _verdict(stats, "suggest", "floor", TARGET, "suggest / floor")
    _verdict(stats, "suggest new", "floor", TARGET, "suggest 现算 / floor")
    _verdict(stats, "suggest topic", "floor", TARGET, "suggest 新主题 / floor")
    print(f"\n2. 现在 vs 重构前（{before}；重构前不记结果，比“现算”各行）" if before.is_dir()
          else f"\n2. 未找到 {before}，跳过与重构前的比较")
    labels = {"suggest": "suggest 人才", "render": "render 人社工作.yaml（记住的）",
              "render new": "render 人社工作.yaml --seed 新值（现算）", "render 8": "render 八节事实（记住的）",
              "render 8 new": "render 八节事实 --seed 新值（现算）",
              "outline": "outline --org 某县人社局 --topic 人社（记住的）",
              "outline new": "outline --org 某县人社局 --topic 人社 --seed 新值（现算）", "check": "check 草稿.txt（2 行）"}
    report(times, [(labels[name], name, f"{name} (before)") for name in labels if before.is_dir()])
    print("\n3. render、outline vs suggest 人才（同一次运行）")
    report(times, [("render 人社工作.yaml / suggest", "render", "suggest"),
                   ("render 现算 / suggest", "render new", "suggest"),
                   ("outline / suggest", "outline", "suggest"),
                   ("outline 现算 / suggest", "outline new", "suggest"),
                   ("render 现算 / 起点的 suggest", "render new", "suggest (base)"),
                   ("outline 现算 / 起点的 suggest", "outline new", "suggest (base)")])
    for name, label in (("render", "render / suggest"), ("render new", "render 现算 / suggest"),
                        ("outline", "outline / suggest"), ("outline new", "outline 现算 / suggest")):
        _verdict(stats, name, "suggest", RENDER_TARGET, label)
    big = summary(big_times)
    megabytes = len(BIG_FACT.encode("utf-8")) / 2 ** 20
    print(f"\n4. render 含 {megabytes:.2f} MB 事实的文件（每次新种子，{args.big_runs} 次）：秒/MB")
    for name, (median, low, cpu) in big.items():
        print(f"  {name:16s} 中位 {median / megabytes:5.2f}  最小 {low / megabytes:5.2f}  CPU {cpu / megabytes:5.2f}"
              f"  （目标 < 1）")
    if args.instructions:
        report_instructions(counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
