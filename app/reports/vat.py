"""The VAT return's figures for a period, from the tax codes the lines carry.

For each code, the base is the net of its lines on ordinary accounts and the tax the net of its
lines on tax accounts: credits for VAT collected, debits for VAT deductible, so that a credit
note (a sale reversed) lowers both. The same figures fill Algeria's monthly G50 (VAT by rate with
its bases, deductible VAT, plus the IRG withheld on salaries and the stamp duty collected, read
from their accounts) and France's CA3 (bases and VAT by rate, deductible VAT on fixed assets and
on other goods and services, the credit carried from the previous return).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.ledger.money import ZERO, from_minor
from app.ledger.tax import TaxCode, TaxDirection
from app.store import openings, queries
from app.store.books import Books
from app.store.tax import load_tax_codes

CREDIT_ACCOUNT = ("vat_credit_account", "44567")
"""VAT credit carried forward (SCF and PCG 44567): a debit balance there is deducted again."""
WITHHELD = {
    "scf": (("irg_salaries", "g50_irg_accounts", "442"),
            ("stamp_duty", "g50_stamp_accounts", "447")),
    "pcg": (),
}
"""Other amounts a return carries, per chart: (key, setting of the accounts, default accounts).
The G50 declares the IRG withheld on salaries and the stamp duty collected, both credited to the
State's accounts during the period."""


@dataclass(frozen=True, slots=True)
class VatLine:
    code: TaxCode
    base: Decimal
    tax: Decimal


@dataclass(frozen=True, slots=True)
class VatReturn:
    start: date
    end: date
    currency: str
    chart: str
    collected: tuple[VatLine, ...]
    deductible: tuple[VatLine, ...]
    credit_brought_forward: Decimal
    """The VAT credit left from earlier returns (debit balance of 44567 before the period)."""
    withheld: tuple[tuple[str, Decimal], ...] = ()
    """Other amounts to declare: (key, amount), e.g. ("irg_salaries", 12000)."""

    @property
    def total_collected(self) -> Decimal:
        return sum((line.tax for line in self.collected), ZERO)

    @property
    def total_deductible(self) -> Decimal:
        """Deductible VAT of the period plus the credit brought forward."""
        return sum((line.tax for line in self.deductible), ZERO) + self.credit_brought_forward

    @property
    def due(self) -> Decimal:
        """VAT to pay; zero when the deductible exceeds it (see ``credit_carried``)."""
        return max(self.total_collected - self.total_deductible, ZERO)

    @property
    def credit_carried(self) -> Decimal:
        return max(self.total_deductible - self.total_collected, ZERO)

    def taxable_base(self) -> Decimal:
        return sum((line.base for line in self.collected if not line.code.exempt), ZERO)


def vat_return(books: Books, start: date, end: date) -> VatReturn:
    """The figures of the return for [start, end] (a month for the G50, a month or quarter for
    the CA3)."""
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    unit = books.currency
    with books.read() as cur:
        codes = load_tax_codes(cur)
        sums = queries.tax_sums(cur, start, end)
        years = books.fiscal_years()
        before = openings.position_sums(cur, years, start - timedelta(days=1))
        movements = queries.range_sums(cur, start, end)
    accounts = books.accounts()
    nets: dict[str, list[int]] = {code: [0, 0] for code in codes}
    for row in sums:
        sign = 1 if codes[row.code].direction is TaxDirection.DEDUCTIBLE else -1
        nets[row.code][1 if row.on_tax_account else 0] += sign * (row.debit - row.credit)
    lines = {direction: tuple(
        VatLine(code, from_minor(nets[key][0], unit), from_minor(nets[key][1], unit))
        for key, code in codes.items()
        if code.direction is direction and (code.active or any(nets[key])))
        for direction in TaxDirection}
    credit_account = accounts.get(books.setting(*CREDIT_ACCOUNT))
    carried = 0
    if credit_account is not None:
        debit, credit = before.get(credit_account.id, (0, 0))
        carried = max(debit - credit, 0)
    chart = books.company.chart
    numbers = {a.id: a.number for a in accounts.values()}
    withheld = []
    for key, setting, default in WITHHELD.get(chart, ()):
        prefixes = tuple(p.strip() for p in books.setting(setting, default).split(",")
                         if p.strip())
        total = sum(credit for aid, (_debit, credit) in movements.items()
                    if numbers[aid].startswith(prefixes))
        withheld.append((key, from_minor(total, unit)))
    return VatReturn(start, end, unit.code, chart, lines[TaxDirection.COLLECTED],
                     lines[TaxDirection.DEDUCTIBLE], from_minor(carried, unit), tuple(withheld))


@dataclass(frozen=True, slots=True)
class FormLine:
    """One box of the return as the form numbers it ("" where the form gives no number)."""

    box: str
    label: str
    base: Decimal | None
    amount: Decimal | None


_CA3_RATE_BOXES = {Decimal("20"): "08", Decimal("10"): "9B", Decimal("5.5"): "09"}
"""CA3 (3310-CA3) lines of the bases and VAT by rate; 2.1 % goes without a box number here, its
line depending on where the operation takes place."""


def _rate(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def form(ret: VatReturn) -> list[FormLine]:
    """The return laid out as its form: the G50 for an SCF company, the CA3 for a PCG one."""
    return _ca3(ret) if ret.chart == "pcg" else _g50(ret)


def _g50(ret: VatReturn) -> list[FormLine]:
    out = [FormLine("", f"TVA collectée — opérations imposables au taux de {_rate(v.code.rate)} %",
                    v.base, v.tax) for v in ret.collected if not v.code.exempt]
    out += [FormLine("", "Opérations exonérées", v.base, None)
            for v in ret.collected if v.code.exempt]
    out.append(FormLine("", "Total TVA collectée", ret.taxable_base(), ret.total_collected))
    assets = sum((v.tax for v in ret.deductible if v.code.fixed_assets), ZERO)
    goods = sum((v.tax for v in ret.deductible if not v.code.fixed_assets), ZERO)
    out += [FormLine("", "TVA déductible sur biens et services", None, goods),
            FormLine("", "TVA déductible sur immobilisations", None, assets),
            FormLine("", "Précompte du mois précédent", None, ret.credit_brought_forward),
            FormLine("", "Total TVA déductible", None, ret.total_deductible),
            FormLine("", "TVA à payer", None, ret.due),
            FormLine("", "Précompte à reporter", None, ret.credit_carried)]
    labels = {"irg_salaries": "IRG retenu sur salaires", "stamp_duty": "Droit de timbre"}
    out += [FormLine("", labels.get(key, key), None, amount) for key, amount in ret.withheld]
    total = ret.due + sum((amount for _key, amount in ret.withheld), ZERO)
    out.append(FormLine("", "Total à payer", None, total))
    return out


def _ca3(ret: VatReturn) -> list[FormLine]:
    out = [FormLine("A1", "Ventes, prestations de services", ret.taxable_base(), None)]
    out += [FormLine("E2", "Autres opérations non imposables", v.base, None)
            for v in ret.collected if v.code.exempt]
    out += [FormLine(_CA3_RATE_BOXES.get(v.code.rate, ""), f"Taux de {_rate(v.code.rate)} %",
                     v.base, v.tax) for v in ret.collected if not v.code.exempt]
    assets = sum((v.tax for v in ret.deductible if v.code.fixed_assets), ZERO)
    goods = sum((v.tax for v in ret.deductible if not v.code.fixed_assets), ZERO)
    out += [FormLine("16", "Total de la TVA brute due", None, ret.total_collected),
            FormLine("19", "Biens constituant des immobilisations", None, assets),
            FormLine("20", "Autres biens et services", None, goods),
            FormLine("22", "Report du crédit de la déclaration précédente", None,
                     ret.credit_brought_forward),
            FormLine("23", "Total TVA déductible", None, ret.total_deductible),
            FormLine("25", "Crédit de TVA", None, ret.credit_carried),
            FormLine("28", "TVA nette due", None, ret.due)]
    return out
