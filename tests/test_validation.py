import math

import numpy as np
import pandas as pd
import pytest

from crmlab.validation import (CRMLabError, InputError, InputTypeError, check_array,
                               check_choice, check_frame, check_int, check_number, check_unique)


def test_number_accepts_values_inside_the_interval():
    assert check_number(0, "r", low=0, high=1, high_open=True) == 0.0
    assert check_number(np.float32(0.5), "r", low=0, high=1) == 0.5
    assert check_number(-3, "x") == -3.0


@pytest.mark.parametrize("bad", [1, 1.5, -0.1, math.inf, math.nan])
def test_number_refuses_values_outside_with_both_languages(bad):
    with pytest.raises(InputError) as err:
        check_number(bad, "retention", zh="留存率", low=0, high=1, high_open=True)
    msg = str(err.value)
    assert msg.startswith("retention must be a number in [0, 1); got ")
    assert "留存率 retention 应为 [0, 1) 内的数值" in msg


@pytest.mark.parametrize("bad", ["0.8", None, True, [0.8]])
def test_number_refuses_non_numbers_as_type_errors(bad):
    with pytest.raises(InputTypeError, match="retention"):
        check_number(bad, "retention", low=0, high=1)


def test_errors_are_value_or_type_errors_and_crmlab_errors():
    assert issubclass(InputError, ValueError) and issubclass(InputError, CRMLabError)
    assert issubclass(InputTypeError, TypeError) and issubclass(InputTypeError, CRMLabError)


def test_open_lower_bound():
    with pytest.raises(InputError, match=r"\(0, inf\)"):
        check_number(0, "price", low=0, low_open=True)


def test_int():
    assert check_int(3, "n", low=1) == 3
    assert check_int(3.0, "n") == 3
    with pytest.raises(InputError, match="whole number >= 1 and <= 5"):
        check_int(6, "n", low=1, high=5)
    with pytest.raises(InputTypeError, match="整数"):
        check_int("3", "n", zh="数量")


def test_choice():
    assert check_choice("a", "k", ["a", "b"]) == "a"
    with pytest.raises(InputError, match="one of 'a', 'b'; got 'c'"):
        check_choice("c", "k", ["a", "b"])
    with pytest.raises(InputError):
        check_choice([1], "k", ["a"])  # unhashable is just a wrong value


def test_array():
    assert check_array((1, 2), "v").tolist() == [1.0, 2.0]
    with pytest.raises(InputError, match="non-empty"):
        check_array([], "v")
    assert check_array([], "v", allow_empty=True).size == 0
    with pytest.raises(InputError, match="position 2"):
        check_array([1, 2, np.nan], "v")
    with pytest.raises(InputTypeError):
        check_array(["a", "b"], "v")
    with pytest.raises(InputTypeError):
        check_array("123", "v")
    with pytest.raises(InputError, match="one-dimensional"):
        check_array([[1, 2], [3, 4]], "v")


def test_frame_and_unique():
    df = pd.DataFrame({"id": [1, 2, 2], "x": [1.0, 2.0, 3.0]})
    assert check_frame(df, "data", ["id"]) is df
    with pytest.raises(InputError, match="missing 'y'"):
        check_frame(df, "data", ["id", "y"])
    with pytest.raises(InputError, match="at least one row"):
        check_frame(df.iloc[:0], "data", ["id"])
    with pytest.raises(InputTypeError, match="DataFrame"):
        check_frame([1, 2], "data")
    with pytest.raises(InputError, match="'id' 2 appears 2 times"):
        check_unique(df, "id", "data", zh="数据")


def test_huge_integers_get_clear_errors_everywhere():
    import pytest

    from crmlab.validation import InputError, check_array, check_int, check_number
    for check in (lambda: check_number(10**400, "margin", zh="利润"),
                  lambda: check_int(10**400, "years", zh="年数"),
                  lambda: check_array([1, 10**400], "values", zh="数值")):
        with pytest.raises(InputError, match="too large for a float"):
            check()


def test_check_bool_and_check_column():
    import numpy as np
    import pytest

    from crmlab.validation import InputTypeError, check_bool, check_column
    assert check_bool(np.bool_(True), "flag") is True
    for bad in ("no", 1, 0, None, 1.0):
        with pytest.raises(InputTypeError, match="flag must be True or False"):
            check_bool(bad, "flag")
    assert check_column(3, "col") == 3
    for bad in (["a"], ("a",), None, True, 1.5):
        with pytest.raises(InputTypeError, match="col must be one column name"):
            check_column(bad, "col")


def test_check_choice_refuses_tables_and_arrays_clearly():
    import numpy as np
    import pandas as pd
    import pytest

    from crmlab.validation import InputError, check_choice
    for bad in (pd.DataFrame({"a": [1]}), np.array(["end", "start"]), ["end"], {"end": 1}):
        with pytest.raises(InputError, match="timing must be one of"):
            check_choice(bad, "timing", ("end", "start"))


def test_check_array_refuses_booleans():
    import numpy as np
    import pandas as pd
    import pytest

    from crmlab.validation import InputTypeError, check_array
    for bad in (True, [True, False], [1.0, True], np.array([True]), pd.Series([True, False]),
                pd.Series([True, None], dtype="boolean")):
        with pytest.raises(InputTypeError, match="values"):
            check_array(bad, "values")
    assert check_array(pd.Series([1, 2]), "values").tolist() == [1.0, 2.0]


def test_helpers_are_robust_to_their_own_misuse():
    import pandas as pd
    import pytest

    from crmlab.validation import InputTypeError, check_finite_result, check_frame, fail
    with pytest.raises(InputTypeError, match="columns"):
        check_frame(pd.DataFrame({"a": [1]}), "d", [["a"]])
    with pytest.raises(InputTypeError, match="result"):
        check_finite_result("x", "the w", "w", arguments=("a",))
    assert "must be e" in str(fail("v", 1, "e", None))


def test_complex_values_and_multiindex_columns_are_refused():
    import numpy as np
    import pandas as pd
    import pytest

    from crmlab.validation import InputError, InputTypeError, check_array, check_frame
    for bad in ([1 + 5j, 2.0], np.array([1 + 0j])):
        with pytest.raises(InputTypeError, match="complex"):
            check_array(bad, "values")
    frame = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("a", "x"), ("b", "y")]))
    with pytest.raises(InputError, match="MultiIndex"):
        check_frame(frame, "data")
