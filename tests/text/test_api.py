import inspect

import pytest

import interdictor.text as text

ODD_INPUTS = ["", " ", "-", "()", "12345", "'", "a", "김", "金", "ж", "ب", "\u0301", ".", "Co."]


def test_public_names_are_exported_and_documented() -> None:
    assert sorted(text.__all__) == text.__all__
    for name in text.__all__:
        function = getattr(text, name)
        assert callable(function), name
        assert inspect.getdoc(function), name


@pytest.mark.parametrize("name", text.__all__)
def test_functions_accept_odd_input(name: str) -> None:
    function = getattr(text, name)
    for value in ODD_INPUTS:
        if name == "normalize_identifier":
            function("imo", value)
        elif name == "is_acronym_of":
            assert function(value, value) in (True, False)
        else:
            function(value)
