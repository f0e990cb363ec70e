"""The same variable in OpenFisca: 20% of an enterprise's R&D cost, at most 4,000,000.

A country package in one file: one entity, an input variable and a formula, as OpenFisca's
documentation writes them (`value_type = float`, which OpenFisca stores as float32).
"""

from openfisca_core.entities import build_entity
from openfisca_core.periods import YEAR
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable
from numpy import minimum

Enterprise = build_entity(
    key="enterprise",
    plural="enterprises",
    label="An enterprise",
    is_person=True,
)


class rd_cost(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "Verified R&D cost, yuan"


class rd_subsidy(Variable):
    value_type = float
    entity = Enterprise
    definition_period = YEAR
    label = "R&D subsidy: 20% of the R&D cost, at most 4,000,000 yuan"

    def formula(enterprise, period):
        return minimum(enterprise("rd_cost", period) * 0.2, 4_000_000)


def system():
    tbs = TaxBenefitSystem([Enterprise])
    tbs.add_variables(rd_cost, rd_subsidy)
    return tbs
