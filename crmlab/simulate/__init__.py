"""Generators of the workbook's simulated data sets (模拟数据生成器).

One module per data set.  Each exposes ``generate(seed: int) -> DataFrame``; the
data set's card in ``datasets/`` names the function and the seed, and
``python -m crmlab.datasets build NAME`` writes the CSV.  Generators use only
``numpy.random.default_rng(seed)``, round money to cents and dates to days, and
loop over nothing larger than a handful of categories, so the same seed gives
the same bytes on every machine.  No generated number is a fact about a real
company.
"""
