"""Repros of the fuzz report's [contacts] items: each failed before its fix."""
import sqlite3
import time

import matplotlib
import numpy as np
import pandas as pd
import pytest

from crmlab import contacts as K
from crmlab import datasets
from crmlab.contacts import model as contacts_model
from crmlab.validation import InputError, InputTypeError
from testkit import assert_bilingual

matplotlib.use("Agg")

RUNAWAY = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "


@pytest.fixture(scope="module")
def data():
    return datasets.load_operator_contacts()


@pytest.fixture(scope="module")
def db(data):
    return K.build_database(data)


def _corrupt(frame, column, value, row=0):
    out = frame.astype({column: object})
    out.iloc[row, out.columns.get_loc(column)] = value
    return out


# --------------------------------------------------------------------------- 10. build_database
def test_build_database_refuses_a_folder_as_path(data, tmp_path):
    # was IsADirectoryError
    with pytest.raises(InputError) as e:
        K.build_database(data, path=tmp_path)
    assert_bilingual(e, "path")
    assert tmp_path.is_dir()                  # and the folder is left alone


@pytest.mark.parametrize("path", ["", "   "])
def test_build_database_refuses_an_empty_path(data, path):
    # '' was accepted and returned '' (a throw-away in-memory database)
    with pytest.raises(InputError) as e:
        K.build_database(data, path=path)
    assert_bilingual(e, "path")


def test_build_database_still_writes_a_given_file(data, tmp_path):
    path = K.build_database(data, path=tmp_path / "one.sqlite")
    assert int(K.run_sql(path, "SELECT COUNT(*) AS n FROM contacts")["n"].iloc[0]) == len(
        data["contacts"])


# --------------------------------------------------------------------------- 12. run_sql's db
@pytest.mark.parametrize("content", [b"hello, not a database " * 10, b""])
def test_run_sql_blames_db_for_a_file_that_is_not_sqlite(tmp_path, content):
    # a text file blamed sql ("file is not a database"); a .py file even returned a frame
    f = tmp_path / "junk.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as e:
        K.run_sql(f, "SELECT 1 AS a")
    assert_bilingual(e, "db")
    assert "sql must" not in str(e.value)


# --------------------------------------------------------------------------- slow: run_sql limits
def test_run_sql_stops_a_query_returning_too_many_rows(db):
    # a recursive CTE with LIMIT 10,000,000 ran for more than 15 s
    t0 = time.perf_counter()
    with pytest.raises(InputError) as e:
        K.run_sql(db, RUNAWAY + "SELECT x FROM c LIMIT 10000000")
    assert time.perf_counter() - t0 < 10
    assert_bilingual(e, "sql")
    assert f"{contacts_model._SQL_MAX_ROWS:,}" in str(e.value)


def test_run_sql_row_cap_is_exact(db, data, monkeypatch):
    n = len(data["contacts"])
    monkeypatch.setattr(contacts_model, "_SQL_MAX_ROWS", n)
    assert len(K.run_sql(db, "SELECT * FROM contacts")) == n
    monkeypatch.setattr(contacts_model, "_SQL_MAX_ROWS", n - 1)
    with pytest.raises(InputError) as e:
        K.run_sql(db, "SELECT * FROM contacts")
    assert_bilingual(e, "sql")


def test_run_sql_stops_a_query_that_runs_too_long(db, monkeypatch):
    monkeypatch.setattr(contacts_model, "_SQL_SECONDS", 0.3)
    t0 = time.perf_counter()
    with pytest.raises(InputError) as e:
        K.run_sql(db, RUNAWAY + "SELECT COUNT(*) AS n FROM c")     # never ends on its own
    assert time.perf_counter() - t0 < 5
    assert_bilingual(e, "sql")
    assert "seconds" in str(e.value) and "秒" in str(e.value)


@pytest.mark.parametrize("sql", [
    "SELECT * FROM contacts",
    "SELECT * FROM contacts WHERE 0",                 # no rows: same columns and dtypes
    "SELECT a.*, c.* FROM card_basic a JOIN contacts c USING (account_id)",
    "SELECT role, COUNT(*) AS n FROM contacts GROUP BY role ORDER BY n DESC",
    "SELECT * FROM activities",
    "SELECT * FROM catalogue",
])
def test_run_sql_returns_what_read_sql_returns(db, sql):
    con = sqlite3.connect(db)
    try:
        want = pd.read_sql(sql, con)
    finally:
        con.close()
    pd.testing.assert_frame_equal(K.run_sql(db, sql), want)


# --------------------------------------------------------------------------- 11. charts
@pytest.mark.parametrize("column,bad", [("role", [1]), ("role", "经理"), ("role", None),
                                        ("参观公司", "x"), ("参观公司", [1]), ("参观公司", None),
                                        ("技术交流", float("nan"))])
def test_plot_means_by_role_refuses_a_corrupted_map(data, column, bad):
    # a list role was "unhashable type"; text counts were concatenated by groupby; NaN counted 0
    rmap = _corrupt(K.relationship_map(data), column, bad)
    with pytest.raises((InputError, InputTypeError)) as e:
        K.plot_means_by_role(rmap)
    assert_bilingual(e, "rmap")


@pytest.mark.parametrize("column,bad", [("role", [1]), ("province", [1]), ("operator", None),
                                        ("contacts", "x"), ("best_level", [1]),
                                        ("reached", "x"), ("reached", 2), ("管理和经营研究", "x")])
def test_plot_relationship_map_refuses_a_corrupted_map(data, column, bad):
    rmap = _corrupt(K.relationship_map(data), column, bad)
    with pytest.raises((InputError, InputTypeError)) as e:
        K.plot_relationship_map(rmap)
    assert_bilingual(e, "rmap")


@pytest.mark.parametrize("bad", ["x", [1], None])
@pytest.mark.parametrize("which", ["matrix", "other"])
def test_plot_coverage_matrix_refuses_a_corrupted_cell(data, bad, which):
    best = K.plan_activities(data, 50)["matrix"]
    broken = _corrupt(best, "决策", bad)
    with pytest.raises((InputError, InputTypeError)) as e:
        if which == "matrix":
            K.plot_coverage_matrix(broken)
        else:
            K.plot_coverage_matrix(best, other=broken)
    assert_bilingual(e, which)


@pytest.mark.parametrize("column", ["strictness", "found", "false_matches", "missed"])
@pytest.mark.parametrize("bad", ["x", [1]])
def test_plot_match_quality_refuses_a_corrupted_count(data, column, bad):
    q = _corrupt(K.match_quality(data), column, bad)
    with pytest.raises((InputError, InputTypeError)) as e:
        K.plot_match_quality(q)
    assert_bilingual(e, "quality")


def test_charts_still_draw_the_case(data):
    rmap = K.relationship_map(data)
    assert len(K.plot_means_by_role(rmap).axes[0].patches) == 20
    assert [t.get_text() for t in K.plot_relationship_map(rmap).axes[0].get_yticklabels()][:2] \
        == ["江苏", "浙江"]
    fig = K.plot_match_quality(K.match_quality(data), 2)
    assert fig.axes[0].get_xlabel() == "匹配严格程度"
    assert np.isfinite(K.plan_activities(data, 50)["matrix"].to_numpy(dtype=float)).all()
