"""Tax codes: which VAT a line carries, so that the returns add up from the postings themselves.

A tax code marks both lines of a taxed operation: the base line (the sale on 70x, the purchase on
60x or the fixed asset on 2x) and the tax line (4457 collected, 4456x deductible). The VAT return
then reads, for each code, the base from the marked lines on non-tax accounts and the tax from the
marked lines on tax accounts: bases by rate, as the G50 and the CA3 ask, come straight from the
books instead of being recomputed from the tax and the rate.

The default codes follow each country's rates: Algeria 19 % and 9 % (CID art. 21 and 23) and
exempt operations; France 20 %, 10 %, 5.5 % and 2.1 % (CGI art. 278 to 281 nonies).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class TaxDirection(StrEnum):
    COLLECTED = "collected"
    """VAT on sales, owed to the State."""
    DEDUCTIBLE = "deductible"
    """VAT on purchases, recoverable."""


@dataclass(frozen=True, slots=True)
class TaxCode:
    code: str
    label: str
    rate: Decimal
    """In percent: ``Decimal("19")``, ``Decimal("5.5")``; zero for an exempt operation."""
    direction: TaxDirection
    fixed_assets: bool = False
    """Deductible VAT on fixed assets, which both returns show apart from other purchases."""
    exempt: bool = False
    active: bool = True


def _codes(rates: tuple[str, ...], fixed_asset_rates: tuple[str, ...]) -> tuple[TaxCode, ...]:
    def tag(rate: str) -> str:
        return rate.replace(".", "")

    collected = [TaxCode(f"TVA{tag(r)}", f"TVA collectée {r.replace('.', ',')} %", Decimal(r),
                         TaxDirection.COLLECTED) for r in rates]
    exempt = [TaxCode("EXO", "Opérations exonérées", Decimal(0), TaxDirection.COLLECTED,
                      exempt=True)]
    deductible = [TaxCode(f"DED{tag(r)}", f"TVA déductible {r.replace('.', ',')} % (biens et "
                          "services)", Decimal(r), TaxDirection.DEDUCTIBLE) for r in rates]
    assets = [TaxCode(f"IMMO{tag(r)}", f"TVA déductible {r.replace('.', ',')} % "
                      "(immobilisations)", Decimal(r), TaxDirection.DEDUCTIBLE, fixed_assets=True)
              for r in fixed_asset_rates]
    return (*collected, *exempt, *deductible, *assets)


DEFAULT_TAX_CODES: dict[str, tuple[TaxCode, ...]] = {
    "scf": _codes(("19", "9"), ("19", "9")),
    "pcg": _codes(("20", "10", "5.5", "2.1"), ("20",)),
}
"""The codes a new company of each chart starts with."""
