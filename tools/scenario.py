"""Scenario runs (情景运行): rerun a notebook with other parameters and write a handout.

``python tools/scenario.py NOTEBOOK PARAMS.yaml [--out DIR] [--no-html]``
(``make scenario NB=… PARAMS=…``) reads the parameters from the YAML file
(a mapping ``name: value``), checks them against the notebook's cell tagged
``parameters``, runs the notebook with papermill in a fresh kernel and writes

    build/scenarios/<notebook>-<params>/<notebook>.ipynb   the executed notebook
    build/scenarios/<notebook>-<params>/<notebook>.html    the handout

The handout is a stand-alone HTML page (``tools/slides.py``'s
:func:`export_html`): charts inside the page, formulas as MathML, what-if panels
as their static snapshot, nothing loaded from the network.  A banner at the top
lists the scenario's parameters.

Checks before anything runs (so a typo fails at once, with a clear message in
English and Chinese, not as a traceback deep inside a cell):

* every name must be one of the parameters cell's variables;
* every value must have the type of the default: a whole number where the
  default is an ``int`` (``300``, not ``300.5``), any number where it is a
  ``float``, ``true``/``false`` where it is a ``bool``, text where it is a
  ``str``, a list or mapping where the default is one.  A default of ``None``
  accepts anything.

Example parameter files live in ``notebooks/scenarios/`` (e.g.
``notebooks/scenarios/00_start_here_high_cost.yaml``).
"""
from __future__ import annotations

import argparse
import ast
import difflib
import html
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "scenarios"


class ScenarioError(ValueError):
    """A scenario that cannot run: bad file, unknown parameter name or wrong type."""


@dataclass
class ScenarioRun:
    notebook: Path          # the executed notebook
    html: Path | None       # the handout (None with html=False)
    params: dict
    seconds: float


_TYPES = {bool: ("true or false", "true 或 false"),
          int: ("a whole number", "整数"),
          float: ("a number", "数字"),
          str: ("text", "文本"),
          list: ("a list", "列表"),
          dict: ("a mapping", "映射（键值对）")}


def notebook_parameters(notebook) -> dict:
    """The parameters cell's variables: ``{name: {"default": value, "source": text,
    "help": comment}}``; ``value`` is ``None`` when the default is not a literal."""
    import papermill as pm

    path = Path(notebook)
    if not path.is_file():
        raise ScenarioError(f"notebook not found: {path} (找不到笔记本 {path})")
    try:
        found = pm.inspect_notebook(str(path))
    except ValueError as exc:  # e.g. no kernelspec in the notebook's metadata
        raise ScenarioError(f"cannot read the parameters of {path.name}: {exc} "
                            f"(无法读取笔记本 {path.name} 的参数)") from None
    if not found:
        raise ScenarioError(f"{path.name} has no cell tagged 'parameters' "
                            f"(笔记本 {path.name} 没有标记为 parameters 的单元格)")
    params = {}
    found = dict(found)
    # papermill skips some plain assignments (e.g. ``x = None  # comment``): read the
    # cell's simple assignments with ``ast`` too.
    import nbformat

    for cell in nbformat.read(path, as_version=4).cells:
        if "parameters" in cell.metadata.get("tags", []):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                break
            for node in tree.body:
                if (isinstance(node, ast.Assign) and len(node.targets) == 1
                        and isinstance(node.targets[0], ast.Name)
                        and node.targets[0].id not in found):
                    found[node.targets[0].id] = {"default": ast.get_source_segment(
                        cell.source, node.value), "help": ""}
            break
    for name, info in found.items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            default = None
        params[name] = {"default": default, "source": info["default"],
                        "help": info.get("help", "")}
    return params


def load_params(path) -> dict:
    """Read a YAML mapping of parameter names to values."""
    import yaml

    path = Path(path)
    if not path.is_file():
        raise ScenarioError(f"parameter file not found: {path} (找不到参数文件 {path})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path.name} is not valid YAML: {exc} "
                            f"(参数文件 {path.name} 不是有效的 YAML)") from None
    if data is None:
        data = {}
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        raise ScenarioError(f"{path.name} must be a mapping 'name: value', one per line; "
                            f"got {type(data).__name__} "
                            f"(参数文件 {path.name} 应为每行一个 “名称: 值” 的映射)")
    return data


def _valid_list(params: dict) -> str:
    return "\n".join(f"  {name} = {p['source']}" + (f"   # {p['help']}" if p["help"] else "")
                     for name, p in params.items())


def _type_ok(value, default) -> tuple[bool, object]:
    """Whether ``value`` fits the type of ``default``; the value to pass on."""
    if default is None:
        return True, value
    if isinstance(default, bool):
        return isinstance(value, bool), value
    if isinstance(default, int):
        if isinstance(value, bool):
            return False, value
        if isinstance(value, int):
            return True, value
        if isinstance(value, float) and value.is_integer():
            return True, int(value)
        return False, value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False, value
        return True, float(value)
    for kind in (str, list, dict, tuple):
        if isinstance(default, kind):
            return isinstance(value, kind), value
    return True, value


def check_params(notebook, params: dict) -> dict:
    """Check ``params`` against the notebook's parameters cell; return them ready to pass.

    Raises :class:`ScenarioError` naming every unknown name and every value of
    the wrong type, with the list of valid names and their defaults.
    """
    notebook = Path(notebook)
    valid = notebook_parameters(notebook)
    problems = []
    unknown = [name for name in params if name not in valid]
    for name in unknown:
        close = difflib.get_close_matches(name, list(valid), n=1)
        hint = f"; did you mean '{close[0]}'? (是否想写 '{close[0]}'？)" if close else ""
        problems.append(f"- unknown parameter '{name}' (未知参数 '{name}'){hint}")
    checked = {}
    for name, value in params.items():
        if name in unknown:
            continue
        default = valid[name]["default"]
        ok, value = _type_ok(value, default)
        if not ok:
            en, zh = _TYPES.get(type(default), (type(default).__name__, type(default).__name__))
            problems.append(f"- {name} must be {en} like its default {valid[name]['source']}; "
                            f"got {value!r} ({type(value).__name__}) "
                            f"(参数 {name} 应为{zh}，与默认值 {valid[name]['source']} 相同类型；"
                            f"实际为 {value!r})")
        checked[name] = value
    if problems:
        raise ScenarioError(
            f"cannot run {notebook.name} with these parameters "
            f"(无法用这些参数运行 {notebook.name}):\n" + "\n".join(problems)
            + f"\nvalid parameters of {notebook.name} (可用参数及默认值):\n" + _valid_list(valid))
    return checked


def _kernels():
    """``tools/_kernels.py`` (kernels on IPC sockets), loaded by path."""
    import importlib.util

    name = "crmlab_tools_kernels"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parent / "_kernels.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _slides():
    """``tools/slides.py`` (the offline HTML export), loaded by path."""
    import importlib.util

    if "crmlab_slides_tool" not in sys.modules:
        spec = importlib.util.spec_from_file_location("crmlab_slides_tool",
                                                      Path(__file__).resolve().parent / "slides.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return sys.modules["crmlab_slides_tool"]


def scenario_dir(notebook, name: str) -> Path:
    return OUT / f"{Path(notebook).stem}-{name}"


def _banner(nb, params: dict, label: str):
    import nbformat

    rows = "".join(f"<code>{html.escape(k)} = {html.escape(repr(v))}</code><br>"
                   for k, v in params.items()) or "（默认参数 default parameters）"
    cell = nbformat.v4.new_markdown_cell(
        f"<div class='crmlab-scenario-banner'><b>情景讲义 Scenario handout: "
        f"{html.escape(label)}</b><br>{rows}</div>")
    nb.cells.insert(0, cell)
    return nb


def run_scenario(notebook, params, *, name: str | None = None, out_dir=None,
                 html_out: bool = True, timeout: int = 300) -> ScenarioRun:
    """Check ``params`` (a mapping or a YAML file), run ``notebook`` with them and
    write the executed notebook and (``html_out``) the handout.

    ``name`` labels the output folder (default: the YAML file's stem, or
    ``custom`` for a mapping); ``out_dir`` overrides the folder altogether.
    """
    import nbformat
    import papermill as pm

    notebook = Path(notebook).resolve()
    if isinstance(params, (str, Path)):
        name = name or Path(params).stem
        params = load_params(params)
    name = name or "custom"
    params = check_params(notebook, dict(params))
    out = Path(out_dir) if out_dir else scenario_dir(notebook, name)
    out.mkdir(parents=True, exist_ok=True)
    executed = out / notebook.name
    start = time.perf_counter()
    pm.execute_notebook(str(notebook), str(executed), parameters=params,
                        cwd=str(notebook.parent), kernel_name="python3",
                        progress_bar=False, log_output=False, execution_timeout=timeout,
                        **_kernels().client_options())
    page = None
    if html_out:
        export_html = _slides().export_html
        nb = _banner(nbformat.read(executed, as_version=4), params, name)
        page = out / (notebook.stem + ".html")
        page.write_text(export_html(nb, title=f"{notebook.stem} · {name}"), encoding="utf-8")
    return ScenarioRun(executed, page, params, time.perf_counter() - start)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Rerun a notebook with the parameters in a YAML file and write a handout "
                    "(用 YAML 文件中的参数重新运行笔记本并生成讲义).")
    parser.add_argument("notebook", help="e.g. notebooks/00_start_here.ipynb")
    parser.add_argument("params", help="e.g. notebooks/scenarios/00_start_here_high_cost.yaml")
    parser.add_argument("--out", help="output folder (default build/scenarios/<notebook>-<params>/)")
    parser.add_argument("--no-html", action="store_true", help="skip the HTML handout")
    args = parser.parse_args(argv)
    try:
        run = run_scenario(args.notebook, args.params, out_dir=args.out,
                           html_out=not args.no_html)
    except ScenarioError as exc:
        print(f"error (错误): {exc}", file=sys.stderr)
        return 2
    except Exception as exc:
        import papermill as pm

        if isinstance(exc, pm.PapermillExecutionError):
            print(f"error (错误): the notebook failed in cell {exc.exec_count} with "
                  f"{exc.ename}: {exc.evalue}\n(笔记本在第 {exc.exec_count} 个单元格出错；"
                  f"运行到出错处的笔记本已写入输出文件夹，可打开查看)\n"
                  f"see (见) {scenario_dir(args.notebook, Path(args.params).stem) if not args.out else args.out}",
                  file=sys.stderr)
            return 1
        raise
    for path in (run.notebook, run.html):
        if path is not None:
            print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
    print(f"{run.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
