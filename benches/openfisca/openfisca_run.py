"""OpenFisca end to end: read the population CSV, compute rd_subsidy for every enterprise,
write one result a line (`id,amount`). Prints the seconds spent after the imports."""

import sys
import time

import numpy
from openfisca_core.simulation_builder import SimulationBuilder

import rd_subsidy

population, out = sys.argv[1], sys.argv[2]
started = time.perf_counter()
table = numpy.loadtxt(population, delimiter=",", skiprows=1, dtype=str)
ids, costs = table[:, 0], table[:, 1].astype(numpy.float64)
simulation = SimulationBuilder().build_default_simulation(rd_subsidy.system(), len(ids))
simulation.set_input("rd_cost", "2025", costs)
amounts = simulation.calculate("rd_subsidy", "2025")
numpy.savetxt(out, numpy.column_stack((ids, amounts.astype(str))), fmt="%s", delimiter=",")
print(f"openfisca: {time.perf_counter() - started:.2f} s after the imports ({amounts.dtype})", file=sys.stderr)
