import shutil
import subprocess
import sys
import zipfile

import pandas as pd
import pytest

from crmlab import datasets
from crmlab.validation import InputError, InputTypeError

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
        "print(bool(t.compare(920, 'ch1_clv_example', inputs=())))"
    )
    res = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == str(sorted(NAMES))
    assert lines[-1] == "True"


# ---------------------------------------------------------------- damaged files (issue 11 §4)
@pytest.fixture
def copy_dir(tmp_path, monkeypatch):
    """A copy of datasets/ that the test may damage; load() reads it via $CRMLAB_DATA_DIR."""
    target = tmp_path / "datasets"
    shutil.copytree(datasets.data_dir(), target)
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(target))
    assert datasets.data_dir() == target.resolve()
    return target


def _lines(path):
    return path.read_bytes().split(b"\n")


def _truncate_mid_file(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncate_mid_line(path):
    lines = _lines(path)
    path.write_bytes(b"\n".join(lines[:5]) + b"\n" + lines[5][:3])


def _drop_last_line(path):
    lines = _lines(path)
    path.write_bytes(b"\n".join(lines[:-2]) + b"\n")


def _duplicate_a_row(path):
    lines = _lines(path)
    path.write_bytes(b"\n".join(lines[:3] + [lines[2]] + lines[3:]))


def _edit_a_number(path):
    lines = _lines(path)
    row = lines[1].split(b",")
    for i in range(len(row) - 1, -1, -1):
        try:
            float(row[i])
        except ValueError:
            continue
        row[i] = row[i] + b"1"
        break
    lines[1] = b",".join(row)
    path.write_bytes(b"\n".join(lines))


def _edit_a_text(path):
    data = path.read_bytes()
    lines = data.split(b"\n")
    lines[2] = lines[2][:-1] + (b"X" if lines[2][-1:] != b"X" else b"Y")
    path.write_bytes(b"\n".join(lines))


def _drop_a_column(path):
    lines = [l.rsplit(b",", 1)[0] if l else l for l in _lines(path)]
    path.write_bytes(b"\n".join(lines))


def _add_a_column(path):
    lines = [l + (b",extra" if i == 0 else b",1") if l else l for i, l in enumerate(_lines(path))]
    path.write_bytes(b"\n".join(lines))


def _rename_a_column(path):
    lines = _lines(path)
    lines[0] = b"renamed," + lines[0].split(b",", 1)[1]
    path.write_bytes(b"\n".join(lines))


def _empty(path):
    path.write_bytes(b"")


def _binary(path):
    path.write_bytes(b"\xff\xfe\x00\x81" * 100)


def _delete(path):
    path.unlink()


CORRUPTIONS = [_truncate_mid_file, _truncate_mid_line, _drop_last_line, _duplicate_a_row,
               _edit_a_number, _edit_a_text, _drop_a_column, _add_a_column, _rename_a_column,
               _empty, _binary, _delete]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("name", NAMES)
def test_a_damaged_file_is_refused_naming_it_and_how_to_restore_it(copy_dir, name, corrupt):
    meta = datasets.card(name)
    path = copy_dir / meta["file"]
    corrupt(path)
    with pytest.raises(InputError) as err:
        datasets.load(name)
    message = str(err.value)
    assert message.startswith(f"data set {name!r} is damaged: {path}")
    assert f"git checkout datasets/{meta['file']}" in message
    assert ("make data" in message) == bool(meta["generator"])
    assert f"数据集 {name} 的文件" in message and "已损坏" in message


def test_the_messages_say_what_is_wrong(copy_dir):
    path = copy_dir / "cafe_customers.csv"
    original = path.read_bytes()
    for corrupt, says in [(_drop_last_line, "has 199 rows, not the card's 200 (truncated)"),
                          (_duplicate_a_row, "has 201 rows, not the card's 200 (duplicated"),
                          (_edit_a_number, "was edited: its sha256 is"),
                          (_drop_a_column, "missing ['acquisition_cost']"),
                          (_add_a_column, "extra ['extra']"),
                          (_binary, "is not a readable CSV file")]:
        path.write_bytes(original)
        corrupt(path)
        with pytest.raises(InputError, match=None) as err:
            datasets.load("cafe_customers")
        assert says in str(err.value), (corrupt.__name__, str(err.value))
    path.write_bytes(original)
    assert len(datasets.load("cafe_customers")) == 200


def test_a_value_outside_the_declared_type_is_a_clear_error(copy_dir):
    """A file whose card was refreshed by hand after an edit still fails on dtypes."""
    path = copy_dir / "cafe_customers.csv"
    lines = _lines(path)
    row = lines[1].split(b",")
    row[2] = b"two"               # tenure_years is an int column
    lines[1] = b",".join(row)
    path.write_bytes(b"\n".join(lines))
    card_path = copy_dir / "cafe_customers.yml"
    card_path.write_text(card_path.read_text(encoding="utf-8").replace(
        datasets.card("cafe_customers")["sha256"], datasets.sha256(path.read_bytes())),
        encoding="utf-8")
    with pytest.raises(InputError, match="column 'tenure_years' that cannot be read as int"):
        datasets.load("cafe_customers")


def test_the_data_dir_override_must_exist(monkeypatch, tmp_path):
    monkeypatch.setenv(datasets.DATA_DIR_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(InputError, match="^CRMLAB_DATA_DIR must be an existing folder"):
        datasets.data_dir()


@pytest.mark.parametrize("call, match", [
    (lambda: datasets.sha256("abc"), "^data must be bytes"),
    (lambda: datasets.sha256(None), "^data must be bytes"),
    (lambda: datasets.csv_bytes("x"), "^df must be a pandas DataFrame; got str"),
    (lambda: datasets.csv_bytes([1, 2]), "^df must be a pandas DataFrame; got list"),
])
def test_sha256_and_csv_bytes_refuse_the_wrong_type(call, match):
    with pytest.raises(InputTypeError, match=match):
        call()


def test_generate_refuses_a_data_set_that_is_not_generated():
    with pytest.raises(InputError, match="^name must be a simulated data set"):
        datasets.generate("textbook_figures")


def test_a_damaged_card_is_refused_naming_it(tmp_path, monkeypatch):
    import shutil

    import pytest

    from crmlab import datasets
    from crmlab.validation import InputError
    for name in ("cafe_customers.yml", "cafe_customers.csv"):
        shutil.copy(datasets.data_dir() / name, tmp_path / name)
    monkeypatch.setenv("CRMLAB_DATA_DIR", str(tmp_path))
    for text in ("", "name: cafe_customers\nrows: 3\n", "a: [unclosed\n"):
        (tmp_path / "cafe_customers.yml").write_text(text, encoding="utf-8")
        with pytest.raises(InputError, match="cafe_customers.yml is damaged"):
            datasets.load("cafe_customers")
