"""OpenFisca end to end: read the population CSV, compute rd_subsidy for every enterprise,
write one amount a line, in the population's order. Prints the seconds of each phase after
the imports. The CSV is read with numpy's C reader and the amounts written in one piece, the
fastest plain way; a country package would usually go through pandas, which is slower to
import."""

import sys
import time

import numpy
from openfisca_core.simulation_builder import SimulationBuilder

import rd_subsidy

population, out = sys.argv[1], sys.argv[2]
started = time.perf_counter()
costs = numpy.loadtxt(population, delimiter=",", skiprows=1, usecols=1, dtype=numpy.float64)
read = time.perf_counter()
simulation = SimulationBuilder().build_default_simulation(rd_subsidy.system(), len(costs))
simulation.set_input("rd_cost", "2025", costs)
amounts = simulation.calculate("rd_subsidy", "2025")
computed = time.perf_counter()
with open(out, "w") as f:
    f.write("\n".join(amounts.astype(str).tolist()))
    f.write("\n")
written = time.perf_counter()
print(
    f"openfisca after the imports: read {read - started:.2f} s, compute {computed - read:.2f} s,"
    f" write {written - computed:.2f} s ({amounts.dtype})",
    file=sys.stderr,
)
