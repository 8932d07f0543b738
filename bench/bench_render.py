"""Speed of `writer render` on an 8-section facts file, measured side by side.

Compares, in one interleaved run, the wall time of:
  * `writer render facts8.yaml` (Markdown to stdout, warm caches, a new
    --seed each run: drafted afresh, not served from render's memo),
  * `writer render facts8.yaml -o draft.docx`,
  * `writer render` of the same file with a number changed before each run (new content: no
    remembered YAML tree, the facts are parsed, as after a writer's edit),
  * `writer suggest 人才` (cold start of a command the issue uses as the yardstick),
  * `python -c "import typer, rich.console, rich.table"` (the imports any command pays),
and prints medians and the ratio render / suggest (target: at most 2). With
``--before DIR`` (a checkout of writer before a change, e.g. a ``git worktree add
/tmp/before-render <commit>``), also `writer render` of examples/人社工作.yaml and of the
8-section file by both checkouts side by side, and their ratios (target: at most 1.2,
issue 15: drafts that fit their facts may cost a little, not more).
Also checks that a warm render does not import jieba. Every command runs with
bytecode written, as an installed package does.

    .venv/bin/python bench/bench_render.py [--runs N] [--bank DIR] [--before DIR] [--drafting-only]

``--drafting-only`` (with ``--before``) compares build_draft alone in each checkout, in
interleaved processes: the drafts' own cost, without startup, caches or the render memo.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def facts_8_sections() -> dict:
    base = yaml.safe_load((ROOT / "examples" / "人社工作.yaml").read_text(encoding="utf-8"))
    extra = [
        {"theme": "技能人才", "facts": ["新增技能人才1200人", "建成技能大师工作室3个"]},
        {"theme": "工资收入", "facts": ["企业工资指导线基准线为6%", "发布人力资源市场工资价位12个"]},
        {"theme": "信息化建设", "facts": ["社保卡持卡人数达到31.2万人", "电子社保卡签发21.5万张"]},
    ]
    base["sections"] = base["sections"] + extra
    assert len(base["sections"]) == 8
    return base


# An installed package runs from compiled bytecode; PYTHONDONTWRITEBYTECODE (set in
# some shells and CI) would make every run recompile whichever modules happen to lack
# a .pyc, which favours the command whose modules someone else compiled earlier.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one run: the CPU time (user + system of the child) is less
    disturbed by the other processes of a shared machine than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env or ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# Drafting alone, in one process per checkout: build_draft over the six fixture files of
# tests/fixtures/drafts and the example, seeds 1 and 2, after one warm-up draft. Startup, caches
# and the render memo stay out of it, so edits other people make to the checkout meanwhile
# (which rebuild caches and invalidate the memo) do not weigh on one side only.
_DRAFTS = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from writer.bank.store import load_bank
from writer.render.facts import load_facts
from writer.render.draft import build_draft
root = Path(sys.argv[1])
files = [Path(sys.argv[2]) / "examples" / "人社工作.yaml",
         *sorted((Path(sys.argv[2]) / "tests" / "fixtures" / "drafts").glob("*.yaml"))]
bank = load_bank(root / "phrasebank")
facts = [load_facts(f) for f in files]
build_draft(facts[0], bank, seed=1)
start = time.process_time()
for f in facts:
    for seed in (1, 2):
        build_draft(f, bank, seed=seed)
print((time.process_time() - start) / (2 * len(facts)))
"""


def drafting_cpu(checkout: Path) -> float:
    """CPU seconds per draft of ``checkout``'s build_draft on this checkout's fixture files."""
    out = subprocess.run([PYTHON, "-c", _DRAFTS, str(checkout), str(ROOT)], capture_output=True,
                         text=True, check=True, env=ENV)
    return float(out.stdout.strip())


def compare_drafting(before: Path, runs: int) -> None:
    now_cpu, before_cpu = [], []
    for _ in range(runs):   # interleaved
        now_cpu.append(drafting_cpu(ROOT))
        before_cpu.append(drafting_cpu(before))
    print(f"drafting only (build_draft, 7 files x 2 seeds, CPU per draft): now median "
          f"{statistics.median(now_cpu) * 1000:.1f} ms min {min(now_cpu) * 1000:.1f} ms; before median "
          f"{statistics.median(before_cpu) * 1000:.1f} ms min {min(before_cpu) * 1000:.1f} ms; ratio median "
          f"{statistics.median(now_cpu) / statistics.median(before_cpu):.2f}, min "
          f"{min(now_cpu) / min(before_cpu):.2f}  (target <= 1.2)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--bank", default=None)
    parser.add_argument("--before", default=None, help="a checkout of writer to compare render with")
    parser.add_argument("--drafting-only", action="store_true",
                        help="with --before: compare build_draft alone (no startup, caches or memo)")
    args = parser.parse_args()
    if args.drafting_only and args.before:
        compare_drafting(Path(args.before).resolve(), args.runs)
        return

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        facts = tmp / "facts8.yaml"
        facts.write_text(yaml.safe_dump(facts_8_sections(), allow_unicode=True, sort_keys=False),
                         encoding="utf-8")
        bank = ["--bank", args.bank] if args.bank else []
        writer = [PYTHON, "-m", "writer"]
        render_md = writer + ["render", str(facts)] + bank
        docx = tmp / "draft.docx"
        render_docx = writer + ["render", str(facts), "-o", str(docx), "--force"] + bank
        has_suggest = subprocess.run(writer + ["suggest", "--help"], capture_output=True).returncode == 0
        # Facts edited between runs (a number changed, so the content is new each time): nothing of
        # them is remembered, their YAML is parsed, as when a writer edits the file and renders.
        changed = tmp / "facts8-changed.yaml"
        commands = {"render (md)": render_md, "render (docx)": render_docx,
                    "render changed facts": writer + ["render", str(changed)] + bank,
                    "import typer+rich": [PYTHON, "-c", "import typer, rich.console, rich.table"]}
        if has_suggest:
            commands["suggest 人才"] = writer + ["suggest", "人才"] + bank
        envs = {name: ENV for name in commands}
        if args.before:
            example = [str(ROOT / "examples" / "人社工作.yaml")]
            commands["render example (now)"] = writer + ["render", *example] + bank
            commands["render example (before)"] = writer + ["render", *example] + bank
            envs["render example (now)"] = ENV
            envs["render example (before)"] = dict(ENV, PYTHONPATH=str(Path(args.before).resolve()))
            commands["render (md, before)"] = writer + ["render", str(facts)] + bank
            envs["render (md, before)"] = envs["render example (before)"]

        source = facts.read_text(encoding="utf-8")
        changed.write_text(source, encoding="utf-8")
        # Warm the caches (bank pickles, the Markov model and its sentence pool, the review
        # lists) and write every command's bytecode.
        for name, cmd in commands.items():
            subprocess.run(cmd, cwd=ROOT, capture_output=True, env=envs[name])
        subprocess.run(render_md, cwd=ROOT, capture_output=True, check=True, env=ENV)
        probe = subprocess.run(
            [PYTHON, "-c",
             "import sys; from writer.render.draft import render_file; "
             f"render_file({str(facts)!r}, bank={args.bank!r}); print('jieba' in sys.modules)"],
            cwd=ROOT, capture_output=True, text=True, check=True)

        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(args.runs):
            for name, cmd in commands.items():  # interleaved: the machine is noisy
                # A new seed each run: render remembers a repeated request (writer/render/memo.py),
                # and this bench measures drafting (bench_startup.py has the remembered rows).
                fresh = ["--seed", str(1000 + run)] if name.startswith("render") else []
                if name == "render changed facts":
                    changed.write_text(source.replace("1260", str(5000 + run), 1), encoding="utf-8")
                wall, used = timed(cmd + fresh, ROOT, envs[name])
                times[name].append(wall)
                cpu[name].append(used)

    med = {name: statistics.median(t) for name, t in times.items()}
    med_cpu = {name: statistics.median(t) for name, t in cpu.items()}
    print(f"runs: {args.runs} each, interleaved; bank: {args.bank or 'shipped'}; cpus: {os.cpu_count()}; "
          "bytecode written (as installed)")
    for name, value in med.items():
        print(f"  {name:24s} median {value * 1000:7.1f} ms   min {min(times[name]) * 1000:7.1f} ms   "
              f"CPU median {med_cpu[name] * 1000:7.1f} ms   min {min(cpu[name]) * 1000:7.1f} ms")
    print(f"jieba imported by a warm render: {probe.stdout.strip()}")
    yardstick = "suggest 人才" if has_suggest else "import typer+rich"
    if not has_suggest:
        print("writer suggest is not available: comparing with the bare imports instead")
    ratio = med["render (md)"] / med[yardstick]
    print(f"ratio render (md) / {yardstick}: {ratio:.2f}  (target <= 2.0)")
    print(f"ratio render (docx) / {yardstick}: {med['render (docx)'] / med[yardstick]:.2f}")
    print(f"ratio render changed facts / {yardstick}: {med['render changed facts'] / med[yardstick]:.2f}"
          f"  (CPU {med_cpu['render changed facts'] / med_cpu[yardstick]:.2f})")
    print(f"CPU ratio render (md) / {yardstick}: {med_cpu['render (md)'] / med_cpu[yardstick]:.2f}  (issue 13: <= 1.5)")
    print(f"ratio render (md) / import typer+rich: {med['render (md)'] / med['import typer+rich']:.2f}")
    if args.before:
        ratio = med["render example (now)"] / med["render example (before)"]
        print(f"ratio render example now / before ({args.before}): {ratio:.2f}  (target <= 1.2)")
        ratio = med["render (md)"] / med["render (md, before)"]
        print(f"ratio render 8 sections now / before: {ratio:.2f}  (target <= 1.2)")
        for name in ("render example", "render 8 sections"):
            now, before = (("render example (now)", "render example (before)") if name == "render example"
                           else ("render (md)", "render (md, before)"))
            print(f"CPU ratio {name} now / before: median {med_cpu[now] / med_cpu[before]:.2f}, "
                  f"min {min(cpu[now]) / min(cpu[before]):.2f}  (target <= 1.2)")


if __name__ == "__main__":
    main()
