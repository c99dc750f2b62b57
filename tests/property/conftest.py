"""Hypothesis settings of the property suite and its coverage registry.

Profiles (choose with ``HYPOTHESIS_PROFILE=dev``; the default is ``ci``):

* ``ci``: what ``make test`` runs: few examples per property, no deadline (the
  machine is shared, so timing is noise), ``derandomize=True`` so every run draws
  the same examples and a failure is reproducible, no example database written
  into the repository.  The whole suite stays under 90 s on 2 cores.
* ``dev``: ten times the examples, for a deeper look before a release.

:data:`COVERED` maps every public callable of crmlab (``module.name``, as in the
module's ``__all__``) to the property tests that exercise it; it is merged from
the ``COVER`` of the per-topic files ``calls_<topic>.py`` (see
:func:`propkit.topic_modules`), so a new chapter adds its file and edits nothing
here.  ``test_prop_coverage.py`` enumerates the public API and fails when a
callable is missing here, or when a listed test does not exist or does not call it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from hypothesis import HealthCheck, Phase, settings

try:
    import resource
except ImportError:  # Windows: no address-space cap
    resource = None

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The machine is shared: a bad input that makes crmlab build a giant frame (issue 11:
# yyyymmdd "months" gave 20 million rows) must fail its test with a MemoryError, not
# push everyone's work out of memory.  The cap holds only while a property test runs
# (the notebook and browser tests of the same session start kernels and Chromium).
_HEADROOM = int(os.environ.get("CRMLAB_PROPERTY_MEMORY_GB", "3")) * 2**30


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


@pytest.fixture(autouse=True)
def _memory_cap():
    try:
        cap = _address_space() + _HEADROOM
    except OSError:  # no /proc (not Linux): no cap
        cap = 0
    if resource is None or not cap:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


_COMMON = dict(deadline=None, derandomize=True, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.filter_too_much])
# ci does not shrink: a failing example is reported as drawn, so a defect costs
# seconds, not the minutes that shrinking a slow call would take.
settings.register_profile("ci", max_examples=12, phases=[Phase.explicit, Phase.generate], **_COMMON)
settings.register_profile("dev", max_examples=120, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The contract tests, which reach every name of propkit.calls() (test_prop_coverage.py).

#: public callable -> the property tests that exercise it: the ``COVER`` of every
#: topic module ``calls_<topic>.py``, merged (a name two topics list gets both lists).
COVERED: dict[str, tuple[str, ...]] = {}

from propkit import CONTRACT, FUZZ, VALID, topic_modules  # noqa: E402

for _m in topic_modules():
    for _name, _tests in _m.COVER.items():
        COVERED[_name] = COVERED.get(_name, ()) + tuple(_tests)
