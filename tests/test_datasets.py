import subprocess
import sys
import zipfile

import pandas as pd
import pytest

from crmlab import datasets
from crmlab.validation import InputError

NAMES = datasets.names()


def test_every_data_set_has_card_and_csv():
    assert {"textbook_figures", "cafe_customers"} <= set(NAMES)
    for name in NAMES:
        meta = datasets.card(name)
        assert meta["name"] == name
        assert isinstance(meta["simulated"], bool)
        assert meta["description"] and meta["licence"] and meta["used_by"]
        assert (datasets.data_dir() / meta["file"]).is_file()
        if meta["simulated"]:
            assert "模拟数据" in meta["description"] and meta["generator"] and meta["seed"] is not None


@pytest.mark.parametrize("name", NAMES)
def test_csv_matches_its_card(name):
    meta = datasets.card(name)
    data = (datasets.data_dir() / meta["file"]).read_bytes()
    assert datasets.sha256(data) == meta["sha256"]
    df = datasets.load(name)
    assert len(df) == meta["rows"]
    assert list(df.columns) == [c["name"] for c in meta["columns"]]
    for col in meta["columns"]:
        assert col["dtype"] in datasets._DTYPES and col.get("description")
        s = df[col["name"]]
        kind = col["dtype"]
        if kind == "int":
            assert pd.api.types.is_integer_dtype(s)
        elif kind == "float":
            assert pd.api.types.is_float_dtype(s)
        elif kind == "category":
            assert isinstance(s.dtype, pd.CategoricalDtype)
            assert not s.isna().any(), f"{col['name']}: value outside the card's categories"
        elif kind in ("date", "datetime"):
            assert pd.api.types.is_datetime64_any_dtype(s)
        elif kind == "string":
            assert pd.api.types.is_string_dtype(s)


@pytest.mark.parametrize("name", [n for n in NAMES if datasets.card(n)["generator"]])
def test_generator_reproduces_the_committed_bytes(name):
    meta = datasets.card(name)
    regenerated = datasets.csv_bytes(datasets.generate(name))
    assert datasets.sha256(regenerated) == meta["sha256"]


def test_unknown_name_is_a_clear_error():
    with pytest.raises(InputError, match="name must be one of"):
        datasets.load("no_such_data")


def test_named_loaders_match_load():
    pd.testing.assert_frame_equal(datasets.load_cafe_customers(), datasets.load("cafe_customers"))


def test_loading_works_from_an_installed_wheel(tmp_path, root):
    """Build the wheel, unpack it elsewhere and load every data set from it."""
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--quiet", "-w", str(out), str(root)], check=True)
    wheel = next(out.glob("crmlab-*.whl"))
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    names_in_wheel = zipfile.ZipFile(wheel).namelist()
    assert "crmlab/fonts/CRMLabNotoSansSC-Regular.ttf" in names_in_wheel
    assert "crmlab/fonts/OFL.txt" in names_in_wheel
    code = (
        "import crmlab, crmlab.datasets as d, crmlab.textbook as t; "
        "assert 'site' in crmlab.__file__, crmlab.__file__; "
        "assert d.data_dir().name == '_datasets', d.data_dir(); "
        "print(sorted(d.names())); "
        "print({n: len(d.load(n)) for n in d.names()}); "
        "print(bool(t.compare(920, 'ch1_clv_example')))"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == str(sorted(NAMES))
    assert lines[-1] == "True"
