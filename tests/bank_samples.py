"""Bank statement files written the way banks write them, for the tests and the benchmark."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    amount: str
    credit: bool
    day: str
    label: str = ""
    party: str = ""
    ref: str = ""
    end_to_end: str = "NOTPROVIDED"
    status: str = "BOOK"


def camt_entry(entry: Entry, version: int) -> str:
    side = "Dbtr" if entry.credit else "Cdtr"
    party = (f"<{side}><Pty><Nm>{entry.party}</Nm></Pty></{side}>" if version >= 8
             else f"<{side}><Nm>{entry.party}</Nm></{side}>") if entry.party else ""
    status = f"<Sts><Cd>{entry.status}</Cd></Sts>" if version >= 8 else f"<Sts>{entry.status}</Sts>"
    return (
        f"<Ntry><NtryRef>{entry.ref}</NtryRef><Amt Ccy=\"EUR\">{entry.amount}</Amt>"
        f"<CdtDbtInd>{'CRDT' if entry.credit else 'DBIT'}</CdtDbtInd>{status}"
        f"<BookgDt><Dt>{entry.day}</Dt></BookgDt><ValDt><DtTm>{entry.day}T00:00:00+01:00</DtTm>"
        f"</ValDt><AcctSvcrRef>{entry.ref}</AcctSvcrRef><BkTxCd/>"
        f"<NtryDtls><TxDtls><Refs><EndToEndId>{entry.end_to_end}</EndToEndId></Refs>"
        f"<RltdPties>{party}</RltdPties><RmtInf><Ustrd>{entry.label}</Ustrd></RmtInf>"
        f"</TxDtls></NtryDtls></Ntry>")


def camt_statement(entries: Sequence[Entry], *, version: int = 2, opening: str = "1000.00",
                   closing: str = "1250.00", ident: str = "STMT-1",
                   iban: str = "FR7630004000031234567890143") -> str:
    def bal(code: str, amount: str, day: str) -> str:
        sign = "DBIT" if amount.startswith("-") else "CRDT"
        return (f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
                f"<Amt Ccy=\"EUR\">{amount.lstrip('-')}</Amt><CdtDbtInd>{sign}</CdtDbtInd>"
                f"<Dt><Dt>{day}</Dt></Dt></Bal>")

    return (
        f"<Stmt><Id>{ident}</Id><CreDtTm>2025-04-01T08:00:00</CreDtTm>"
        f"<FrToDt><FrDtTm>2025-03-01T00:00:00</FrDtTm><ToDtTm>2025-03-31T23:59:59</ToDtTm>"
        f"</FrToDt><Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>"
        + bal("OPBD", opening, "2025-02-28") + bal("CLBD", closing, "2025-03-31")
        + "".join(camt_entry(e, version) for e in entries) + "</Stmt>")


def camt_document(statements: Sequence[str], *, version: int = 2, prolog: str = "") -> str:
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?>{prolog}\n"
            f"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version:02d}\">"
            f"<BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2025-04-01T08:00:00</CreDtTm>"
            f"</GrpHdr>{''.join(statements)}</BkToCstmrStmt></Document>\n")


MARCH = [
    Entry("300.00", True, "2025-03-03", "Facture 12", "SARL Client", "R1", "E2E-1"),
    Entry("42.50", False, "2025-03-05", "Carrefour", "", "R2"),
    Entry("7.50", False, "2025-03-05", "Frais", "", "R3"),
    Entry("99.99", True, "2025-03-20", "en attente", "", "R4", status="PDNG"),
]
"""Booked: +300.00 -42.50 -7.50 = +250.00, so 1000.00 opening closes at 1250.00."""


def write_camt(path: Path, *, version: int = 2, entries: Sequence[Entry] = MARCH,
               **balances: str) -> Path:
    path.write_text(camt_document([camt_statement(entries, version=version, **balances)],
                                  version=version), encoding="utf-8")
    return path


OFX_V1 = (
    "OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\n"
    "CHARSET:1252\r\nCOMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n"
    "<OFX>\r\n<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>"
    "<DTSERVER>20250401<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>\r\n"
    "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n"
    "<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30004<BRANCHID>00123<ACCTID>00012345678"
    "<ACCTTYPE>CHECKING</BANKACCTFROM>\r\n<BANKTRANLIST><DTSTART>20250301<DTEND>20250331\r\n"
    "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250305120000[+1:CET]<TRNAMT>-42.50<FITID>F1"
    "<NAME>CB CARREFOUR<MEMO>Achat 05/03</STMTTRN>\r\n"
    "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20250310<TRNAMT>{amount}<FITID>F2"
    "<NAME>VIR SARL CLIENT</STMTTRN>\r\n</BANKTRANLIST>"
    "<LEDGERBAL><BALAMT>2457.50<DTASOF>20250331</LEDGERBAL>"
    "<AVAILBAL><BALAMT>2400.00<DTASOF>20250331</AVAILBAL></STMTRS></STMTTRNRS>"
    "</BANKMSGSRSV1></OFX>\r\n")

OFX_V2 = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>
<DTSERVER>20250401</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY>
</STATUS><STMTRS><CURDEF>USD</CURDEF><BANKACCTFROM><BANKID>121000248</BANKID>
<ACCTID>4000123</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>
<BANKTRANLIST><DTSTART>20250101</DTSTART><DTEND>20250131</DTEND>
<STMTTRN><TRNTYPE>PAYMENT</TRNTYPE><DTPOSTED>20250102</DTPOSTED><TRNAMT>-15.00</TRNAMT>
<FITID>A1</FITID><NAME>COFFEE SHOP</NAME></STMTTRN>
<STMTTRN><TRNTYPE>PAYMENT</TRNTYPE><DTPOSTED>20250102</DTPOSTED><TRNAMT>-15.00</TRNAMT>
<FITID>A2</FITID><NAME>COFFEE SHOP</NAME></STMTTRN>
<STMTTRN><TRNTYPE>DEP</TRNTYPE><DTPOSTED>20250115</DTPOSTED><DTAVAIL>20250116</DTAVAIL>
<TRNAMT>2500.00</TRNAMT><FITID>A3</FITID><NAME>ACME PAYROLL</NAME><MEMO>Salary</MEMO>
</STMTTRN></BANKTRANLIST><LEDGERBAL><BALAMT>3470.00</BALAMT><DTASOF>20250131</DTASOF>
</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
"""

CSV_SIGNED = (
    "Relevé du compte 0001234;;;;\n"
    "Date;Libellé;Montant;Solde;Référence\n"
    "05/03/2025;CB CARREFOUR;-42,50;957,50;R2\n"
    "03/03/2025;VIR SARL CLIENT;1 000,00;1 000,00;R1\n"
)
"""Newest first, decimal comma, two header rows, a running balance (opening 0,00)."""

CSV_DEBIT_CREDIT = (
    "Date operation,Date valeur,Libelle,Debit,Credit,Tiers\n"
    "2025-03-03,2025-03-04,Virement recu,,\"1.000,00\",SARL Client\n"
    "2025-03-05,2025-03-05,Frais tenue,\"7,50\",,\n"
    "2025-03-05,2025-03-05,Frais tenue,\"7,50\",,\n"
)
"""Oldest first, debit and credit columns, point thousands and decimal comma, cp1252."""
