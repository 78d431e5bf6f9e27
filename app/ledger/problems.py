"""What can be wrong with an entry or an imported row, as codes with arguments, in three languages.

The posting rules, the store, the CSV importer, the CLI and the editor all speak of the same
problems. Each is a ``Code`` and named arguments (an account number, a date, an amount), never a
finished English sentence, so that every place words it the same way and the interface can word
it in the accountant's language, with amounts and dates in the locale's format. The sentences live
here, beside the codes, rather than in Qt's translation files: the ledger, the CLI and the importer
must be able to word them without Qt, and one table keeps the three languages of a message side
by side where a reviewer sees them drift.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Code(StrEnum):
    # posting rules: the entry
    ALREADY_POSTED = "already_posted"
    JOURNAL_MISSING = "journal_missing"
    JOURNAL_INACTIVE = "journal_inactive"
    LABEL_MISSING = "label_missing"
    NO_FISCAL_YEAR = "no_fiscal_year"
    YEAR_CLOSED = "year_closed"
    LOCKED = "locked"
    TOO_FEW_LINES = "too_few_lines"
    UNBALANCED = "unbalanced"
    OUT_OF_ORDER = "out_of_order"
    REVERSAL_BEFORE_ORIGINAL = "reversal_before_original"
    OPENING_DATE = "opening_date"
    OPENING_RESULT_ACCOUNT = "opening_result_account"
    # closing a fiscal year
    CLOSE_ALREADY_CLOSED = "close_already_closed"
    CLOSE_EARLIER_OPEN = "close_earlier_open"
    CLOSE_DRAFTS = "close_drafts"
    CLOSE_JOURNAL_UNBALANCED = "close_journal_unbalanced"
    CLOSE_SUSPENSE = "close_suspense"
    CLOSE_NO_OPENING_JOURNAL = "close_no_opening_journal"
    CLOSE_NEXT_LOCKED = "close_next_locked"
    CLOSE_NO_RESULT_ACCOUNT = "close_no_result_account"
    # posting rules: a line
    NEGATIVE_AMOUNT = "negative_amount"
    TAX_CODE_MISSING = "tax_code_missing"
    TAX_CODE_INACTIVE = "tax_code_inactive"
    DEBIT_AND_CREDIT = "debit_and_credit"
    NO_AMOUNT = "no_amount"
    BAD_AMOUNT = "bad_amount"
    ACCOUNT_BLANK = "account_blank"
    ACCOUNT_MISSING = "account_missing"
    ACCOUNT_HEADING = "account_heading"
    ACCOUNT_INACTIVE = "account_inactive"
    PARTY_REQUIRED = "party_required"
    PARTY_MISSING = "party_missing"
    PARTY_INACTIVE = "party_inactive"
    PARTY_NOT_CUSTOMER = "party_not_customer"
    PARTY_NOT_SUPPLIER = "party_not_supplier"
    PARTY_NOT_TAKEN = "party_not_taken"
    # reading a file
    NOT_A_DATE = "not_a_date"
    NOT_AN_AMOUNT = "not_an_amount"
    NEGATIVE_IN_FILE = "negative_in_file"
    TOO_MANY_DECIMALS = "too_many_decimals"
    AMOUNT_TOO_LARGE = "amount_too_large"
    BEFORE_FIRST_YEAR = "before_first_year"
    BEYOND_HORIZON = "beyond_horizon"
    NOT_AN_ACCOUNT_NUMBER = "not_an_account_number"
    ACCOUNT_LABEL_MISSING = "account_label_missing"
    ONE_LINE_ENTRY = "one_line_entry"
    MIXED_DATES = "mixed_dates"
    ENTRY_UNBALANCED = "entry_unbalanced"
    ENTRY_NO_MISSING = "entry_no_missing"
    ENTRY_SPLIT = "entry_split"
    FILE_OUT_OF_ORDER = "file_out_of_order"
    FIELD_COUNT = "field_count"
    NO_LINES = "no_lines"
    EMPTY_FILE = "empty_file"
    BAD_HEADER = "bad_header"
    NOT_UTF8 = "not_utf8"
    MALFORMED_CSV = "malformed_csv"
    UNREADABLE = "unreadable"
    # FEC import
    FEC_MISSING_FIELD = "fec_missing_field"
    FEC_BAD_JOURNAL_CODE = "fec_bad_journal_code"
    FEC_JOURNAL_CODE_CASE = "fec_journal_code_case"
    FEC_JOURNAL_LABEL_MISSING = "fec_journal_label_missing"
    FEC_ACCOUNT_LABEL_MISSING = "fec_account_label_missing"
    FEC_PARTY_LABEL_MISSING = "fec_party_label_missing"
    FEC_BAD_DATE = "fec_bad_date"
    FEC_ZERO_LINE = "fec_zero_line"
    FEC_NOT_TEXT = "fec_not_text"


TEXTS: Mapping[Code, tuple[str, str, str]] = {
    # (English, French, Arabic)
    Code.ALREADY_POSTED: (
        "the entry is already posted",
        "l'écriture est déjà validée",
        "القيد مُرحَّل بالفعل"),
    Code.JOURNAL_MISSING: (
        "journal {journal} does not exist",
        "le journal {journal} n'existe pas",
        "اليومية {journal} غير موجودة"),
    Code.JOURNAL_INACTIVE: (
        "journal {journal} is deactivated",
        "le journal {journal} est désactivé",
        "اليومية {journal} معطّلة"),
    Code.LABEL_MISSING: (
        "the entry has no label; every entry needs one (it is the FEC's EcritureLib)",
        "l'écriture n'a pas de libellé ; il est obligatoire (c'est l'EcritureLib du FEC)",
        "القيد بلا بيان؛ البيان إلزامي لكل قيد"),
    Code.NO_FISCAL_YEAR: (
        "{date} lies in no fiscal year",
        "le {date} n'appartient à aucun exercice",
        "التاريخ {date} لا يقع في أي سنة مالية"),
    Code.YEAR_CLOSED: (
        "{date} lies in fiscal year {year}, which is closed",
        "le {date} appartient à l'exercice {year}, qui est clôturé",
        "التاريخ {date} يقع في السنة المالية {year} وهي مقفلة"),
    Code.LOCKED: (
        "{date} is on or before the lock date {lock}",
        "le {date} est antérieur ou égal à la date de verrouillage {lock}",
        "التاريخ {date} سابق لتاريخ الإقفال {lock} أو مساوٍ له"),
    Code.TOO_FEW_LINES: (
        "an entry needs at least two lines",
        "une écriture comporte au moins deux lignes",
        "يحتاج القيد إلى سطرين على الأقل"),
    Code.UNBALANCED: (
        "the entry does not balance: debit {debit}, credit {credit}, difference {difference}",
        "l'écriture n'est pas équilibrée : débit {debit}, crédit {credit}, écart {difference}",
        "القيد غير متوازن: مدين {debit}، دائن {credit}، الفرق {difference}"),
    Code.OUT_OF_ORDER: (
        "{date} is before {last}, the date of {journal}-{number}, the last entry posted in "
        "journal {journal} for {year}; a journal is numbered in date order, so date this entry "
        "{last} or later, or post it in another journal",
        "le {date} précède le {last}, date de {journal}-{number}, dernière écriture validée du "
        "journal {journal} pour {year} ; un journal est numéroté dans l'ordre chronologique : "
        "datez cette écriture du {last} ou après, ou validez-la dans un autre journal",
        "التاريخ {date} سابق لتاريخ {last} وهو تاريخ {journal}-{number}، آخر قيد مُرحَّل في "
        "اليومية {journal} للسنة {year}؛ ترقيم اليومية يتبع ترتيب التواريخ، فأرّخ هذا القيد "
        "بتاريخ {last} أو بعده أو رحّله في يومية أخرى"),
    Code.OPENING_DATE: (
        "journal {journal} holds the opening entries (à-nouveaux) of a fiscal year: date this "
        "entry {start}, the first day of {year}, or post it in another journal",
        "le journal {journal} reçoit les à-nouveaux d'un exercice : datez cette écriture du "
        "{start}, premier jour de l'exercice {year}, ou validez-la dans un autre journal",
        "اليومية {journal} مخصّصة لقيود الأرصدة الافتتاحية للسنة المالية: أرّخ هذا القيد بتاريخ "
        "{start}، أول يوم من السنة {year}، أو رحّله في يومية أخرى"),
    Code.OPENING_RESULT_ACCOUNT: (
        "account {account} is an income or expense account; opening entries (journal "
        "{journal}) carry balance-sheet accounts only, the year's result going to 120 or 129",
        "le compte {account} est un compte de charges ou de produits ; les à-nouveaux (journal "
        "{journal}) ne reprennent que les comptes de bilan, le résultat allant au 120 ou au 129",
        "الحساب {account} حساب أعباء أو نواتج؛ قيود الأرصدة الافتتاحية (اليومية {journal}) لا "
        "تشمل إلا حسابات الميزانية، وتُنقل النتيجة إلى 120 أو 129"),
    Code.CLOSE_ALREADY_CLOSED: (
        "fiscal year {year} is already closed",
        "l'exercice {year} est déjà clôturé",
        "السنة المالية {year} مقفلة من قبل"),
    Code.CLOSE_EARLIER_OPEN: (
        "close fiscal year {earlier} before {year}: years close in order",
        "clôturez l'exercice {earlier} avant {year} : les exercices se clôturent dans l'ordre",
        "أقفل السنة المالية {earlier} قبل {year}: تُقفل السنوات بالترتيب"),
    Code.CLOSE_DRAFTS: (
        "fiscal year {year} still holds {count} draft entries; post or delete them",
        "l'exercice {year} contient encore {count} écritures en brouillard ; validez-les ou "
        "supprimez-les",
        "السنة المالية {year} ما زالت تحتوي على {count} من القيود المسودة؛ رحّلها أو احذفها"),
    Code.CLOSE_JOURNAL_UNBALANCED: (
        "journal {journal} does not balance: debit {debit}, credit {credit}; run daftar verify",
        "le journal {journal} n'est pas équilibré : débit {debit}, crédit {credit} ; lancez "
        "daftar verify",
        "اليومية {journal} غير متوازنة: مدين {debit}، دائن {credit}؛ شغّل daftar verify"),
    Code.CLOSE_SUSPENSE: (
        "account {account} still has a balance of {balance} at the end of {year}; suspense "
        "and transfer accounts must be cleared before closing",
        "le compte {account} présente encore un solde de {balance} à la fin de l'exercice "
        "{year} ; les comptes d'attente et de virements internes doivent être soldés avant la "
        "clôture",
        "الحساب {account} ما زال برصيد {balance} في نهاية السنة {year}؛ يجب تصفية حسابات "
        "الانتظار والتحويلات الداخلية قبل الإقفال"),
    Code.CLOSE_NO_OPENING_JOURNAL: (
        "the journal of à-nouveaux {journal} is missing or deactivated; the next year's "
        "opening entries go there",
        "le journal des à-nouveaux {journal} est absent ou désactivé ; les à-nouveaux de "
        "l'exercice suivant y sont passés",
        "يومية الأرصدة الافتتاحية {journal} غير موجودة أو معطّلة؛ تُسجَّل فيها أرصدة السنة "
        "التالية"),
    Code.CLOSE_NEXT_LOCKED: (
        "the books are locked up to {lock}, so the à-nouveaux cannot be dated {start}",
        "les écritures sont verrouillées jusqu'au {lock} : les à-nouveaux ne peuvent être "
        "datés du {start}",
        "الدفاتر مقفلة حتى {lock}، فلا يمكن تأريخ الأرصدة الافتتاحية بتاريخ {start}"),
    Code.CLOSE_NO_RESULT_ACCOUNT: (
        "the chart lacks the result accounts {profit} and {loss}",
        "le plan comptable ne comporte pas les comptes de résultat {profit} et {loss}",
        "دليل الحسابات لا يحتوي على حسابَي النتيجة {profit} و{loss}"),
    Code.REVERSAL_BEFORE_ORIGINAL: (
        "a reversal cannot be dated {date}, before the entry it cancels ({original})",
        "une contre-passation ne peut être datée du {date}, avant l'écriture qu'elle annule "
        "({original})",
        "لا يمكن تأريخ القيد العكسي بتاريخ {date} قبل القيد الذي يلغيه ({original})"),
    Code.TAX_CODE_MISSING: (
        "tax code {tax} does not exist",
        "le code de TVA {tax} n'existe pas",
        "رمز الرسم {tax} غير موجود"),
    Code.TAX_CODE_INACTIVE: (
        "tax code {tax} is deactivated",
        "le code de TVA {tax} est désactivé",
        "رمز الرسم {tax} معطّل"),
    Code.NEGATIVE_AMOUNT: (
        "amounts cannot be negative",
        "les montants ne peuvent être négatifs",
        "لا يمكن أن تكون المبالغ سالبة"),
    Code.DEBIT_AND_CREDIT: (
        "a line has a debit or a credit, not both",
        "une ligne porte un débit ou un crédit, pas les deux",
        "السطر إما مدين أو دائن، لا كلاهما"),
    Code.NO_AMOUNT: (
        "the line has no amount",
        "la ligne n'a pas de montant",
        "السطر بلا مبلغ"),
    Code.BAD_AMOUNT: (
        "{amount} cannot be kept exactly in {currency}",
        "{amount} ne peut être tenu exactement en {currency}",
        "لا يمكن حفظ المبلغ {amount} بدقة بعملة {currency}"),
    Code.ACCOUNT_BLANK: (
        "the line has no account",
        "la ligne n'a pas de compte",
        "السطر بلا حساب"),
    Code.ACCOUNT_MISSING: (
        "account {account} does not exist",
        "le compte {account} n'existe pas",
        "الحساب {account} غير موجود"),
    Code.ACCOUNT_HEADING: (
        "account {account} is a heading and cannot be posted to",
        "le compte {account} est un compte de regroupement et ne peut être mouvementé",
        "الحساب {account} حساب تجميعي ولا يمكن الترحيل إليه"),
    Code.ACCOUNT_INACTIVE: (
        "account {account} is deactivated",
        "le compte {account} est désactivé",
        "الحساب {account} معطّل"),
    Code.PARTY_REQUIRED: (
        "account {account} needs a third party",
        "le compte {account} exige un tiers",
        "الحساب {account} يتطلب طرفًا ثالثًا"),
    Code.PARTY_MISSING: (
        "third party {party} does not exist",
        "le tiers {party} n'existe pas",
        "الطرف الثالث {party} غير موجود"),
    Code.PARTY_INACTIVE: (
        "third party {party} is deactivated",
        "le tiers {party} est désactivé",
        "الطرف الثالث {party} معطّل"),
    Code.PARTY_NOT_CUSTOMER: (
        "third party {party} is not a customer, and account {account} is a customer account",
        "le tiers {party} n'est pas un client, et le compte {account} est un compte client",
        "الطرف الثالث {party} ليس زبونًا، والحساب {account} حساب زبائن"),
    Code.PARTY_NOT_SUPPLIER: (
        "third party {party} is not a supplier, and account {account} is a supplier account",
        "le tiers {party} n'est pas un fournisseur, et le compte {account} est un compte "
        "fournisseur",
        "الطرف الثالث {party} ليس موردًا، والحساب {account} حساب موردين"),
    Code.PARTY_NOT_TAKEN: (
        "account {account} is not a third-party account; remove third party {party} from the line",
        "le compte {account} n'est pas un compte de tiers ; retirez le tiers {party} de la ligne",
        "الحساب {account} ليس حساب أطراف ثالثة؛ احذف الطرف {party} من السطر"),
    Code.NOT_A_DATE: (
        "not a date: '{text}' (use 2025-03-31 or 31/03/2025)",
        "date illisible : « {text} » (écrivez 2025-03-31 ou 31/03/2025)",
        "تاريخ غير صالح: «{text}» (اكتب 2025-03-31 أو 31/03/2025)"),
    Code.NOT_AN_AMOUNT: (
        "not an amount: '{text}'",
        "montant illisible : « {text} »",
        "مبلغ غير صالح: «{text}»"),
    Code.NEGATIVE_IN_FILE: (
        "negative amount {text}; put it in the other column",
        "montant négatif {text} ; portez-le dans l'autre colonne",
        "مبلغ سالب {text}؛ ضعه في العمود الآخر"),
    Code.TOO_MANY_DECIMALS: (
        "{text} has more than {decimals} decimals",
        "{text} a plus de {decimals} décimales",
        "المبلغ {text} فيه أكثر من {decimals} أرقام عشرية"),
    Code.AMOUNT_TOO_LARGE: (
        "{text} is too large for an amount",
        "{text} est trop grand pour un montant",
        "المبلغ {text} أكبر من المسموح"),
    Code.BEFORE_FIRST_YEAR: (
        "{date} is before the first fiscal year, which starts on {start}",
        "le {date} précède le premier exercice, qui commence le {start}",
        "التاريخ {date} سابق للسنة المالية الأولى التي تبدأ في {start}"),
    Code.BEYOND_HORIZON: (
        "{date} is after {horizon}; fiscal years are opened only up to the end of next year "
        "(a typo in the year?)",
        "le {date} est postérieur au {horizon} ; les exercices ne sont ouverts que jusqu'à la "
        "fin de l'an prochain (erreur dans l'année ?)",
        "التاريخ {date} لاحق لـ {horizon}؛ لا تُفتح السنوات المالية إلا حتى نهاية السنة القادمة "
        "(خطأ في السنة؟)"),
    Code.NOT_AN_ACCOUNT_NUMBER: (
        "'{text}' is not an account number",
        "« {text} » n'est pas un numéro de compte",
        "«{text}» ليس رقم حساب"),
    Code.ACCOUNT_LABEL_MISSING: (
        "account {account} is not in the chart and account_label is empty, so it cannot be "
        "created",
        "le compte {account} n'est pas au plan et account_label est vide : il ne peut être créé",
        "الحساب {account} ليس في المخطط وعمود account_label فارغ، فلا يمكن إنشاؤه"),
    Code.ONE_LINE_ENTRY: (
        "entry {entry} of journal {journal} has only one line",
        "l'écriture {entry} du journal {journal} n'a qu'une ligne",
        "القيد {entry} في اليومية {journal} له سطر واحد فقط"),
    Code.MIXED_DATES: (
        "entry {entry} has lines on different dates ({date} and {other})",
        "l'écriture {entry} a des lignes à des dates différentes ({date} et {other})",
        "القيد {entry} له أسطر بتواريخ مختلفة ({date} و{other})"),
    Code.ENTRY_UNBALANCED: (
        "entry {entry} of journal {journal} does not balance: debit {debit}, credit {credit}",
        "l'écriture {entry} du journal {journal} n'est pas équilibrée : débit {debit}, "
        "crédit {credit}",
        "القيد {entry} في اليومية {journal} غير متوازن: مدين {debit}، دائن {credit}"),
    Code.ENTRY_NO_MISSING: (
        "entry_no is empty",
        "entry_no est vide",
        "العمود entry_no فارغ"),
    Code.ENTRY_SPLIT: (
        "entry {entry} of journal {journal} continues here after other entries; keep the lines "
        "of an entry together",
        "l'écriture {entry} du journal {journal} reprend ici après d'autres écritures ; "
        "gardez ses lignes ensemble",
        "القيد {entry} في اليومية {journal} يُستأنف هنا بعد قيود أخرى؛ أبقِ أسطر القيد متتالية"),
    Code.FILE_OUT_OF_ORDER: (
        "entry {entry} of journal {journal} is dated {date}, before {last}, the date of entry "
        "{previous} above it; journals are numbered in date order, so sort the file by date "
        "within each journal",
        "l'écriture {entry} du journal {journal} est datée du {date}, avant le {last}, date de "
        "l'écriture {previous} qui la précède ; les journaux sont numérotés dans l'ordre "
        "chronologique : triez le fichier par date dans chaque journal",
        "القيد {entry} في اليومية {journal} مؤرخ في {date} قبل {last} تاريخ القيد {previous} "
        "الذي يسبقه؛ ترقيم اليوميات يتبع ترتيب التواريخ، فرتّب الملف حسب التاريخ داخل كل يومية"),
    Code.FIELD_COUNT: (
        "{found} fields where the header has {expected}",
        "{found} champs alors que l'en-tête en a {expected}",
        "{found} حقول بينما في الترويسة {expected}"),
    Code.NO_LINES: (
        "the file has a header but no lines",
        "le fichier a un en-tête mais aucune ligne",
        "الملف فيه ترويسة بلا أسطر"),
    Code.EMPTY_FILE: (
        "the file is empty; a header row is required",
        "le fichier est vide ; une ligne d'en-tête est requise",
        "الملف فارغ؛ يلزم سطر ترويسة"),
    Code.BAD_HEADER: (
        "bad header ({detail}); expected {expected}",
        "en-tête incorrect ({detail}) ; attendu {expected}",
        "ترويسة غير صحيحة ({detail})؛ المتوقع {expected}"),
    Code.NOT_UTF8: (
        "the file is not UTF-8 text ({reason}); save it as UTF-8",
        "le fichier n'est pas du texte UTF-8 ({reason}) ; enregistrez-le en UTF-8",
        "الملف ليس نصًا بترميز UTF-8 ({reason})؛ احفظه بترميز UTF-8"),
    Code.MALFORMED_CSV: (
        "malformed CSV: {reason}",
        "CSV mal formé : {reason}",
        "ملف CSV تالف: {reason}"),
    Code.UNREADABLE: (
        "cannot read the file: {reason}",
        "impossible de lire le fichier : {reason}",
        "تعذرت قراءة الملف: {reason}"),
    # FEC import
    Code.FEC_MISSING_FIELD: (
        "{column} is empty; a FEC fills it on every line",
        "{column} est vide ; un FEC le renseigne sur chaque ligne",
        "الحقل {column} فارغ؛ يجب ملؤه في كل سطر من ملف FEC"),
    Code.FEC_BAD_JOURNAL_CODE: (
        "journal code '{journal}' is not 1 to {length} upper-case letters or digits",
        "le code journal « {journal} » ne compte pas 1 à {length} majuscules ou chiffres",
        "رمز اليومية «{journal}» ليس من 1 إلى {length} من الحروف الكبيرة أو الأرقام"),
    Code.FEC_JOURNAL_CODE_CASE: (
        "journal code '{journal}' is not 1 to {length} upper-case letters or digits (did you "
        "mean {upper}?)",
        "le code journal « {journal} » ne compte pas 1 à {length} majuscules ou chiffres "
        "(vouliez-vous dire {upper} ?)",
        "رمز اليومية «{journal}» ليس من 1 إلى {length} من الحروف الكبيرة أو الأرقام (هل تقصد "
        "{upper}؟)"),
    Code.FEC_JOURNAL_LABEL_MISSING: (
        "journal {journal} is not in the books and JournalLib, its name, is empty",
        "le journal {journal} n'existe pas dans la comptabilité et JournalLib, son libellé, "
        "est vide",
        "اليومية {journal} غير موجودة في الدفاتر والحقل JournalLib، اسمها، فارغ"),
    Code.FEC_ACCOUNT_LABEL_MISSING: (
        "account {account} is not in the chart and CompteLib, its name, is empty",
        "le compte {account} n'est pas au plan et CompteLib, son libellé, est vide",
        "الحساب {account} ليس في المخطط والحقل CompteLib، اسمه، فارغ"),
    Code.FEC_PARTY_LABEL_MISSING: (
        "third party {party} is not in the books and CompAuxLib, its name, is empty on every "
        "line",
        "le tiers {party} n'existe pas dans la comptabilité et CompAuxLib, son nom, est vide "
        "sur toutes ses lignes",
        "الطرف الثالث {party} غير موجود في الدفاتر والحقل CompAuxLib، اسمه، فارغ في كل أسطره"),
    Code.FEC_BAD_DATE: (
        "not a date: '{text}' (the FEC writes dates YYYYMMDD)",
        "date illisible : « {text} » (le FEC écrit les dates AAAAMMJJ)",
        "تاريخ غير صالح: «{text}» (يكتب ملف FEC التواريخ بالصيغة YYYYMMDD)"),
    Code.FEC_ZERO_LINE: (
        "the line has no amount (0 on both sides) and Daftar keeps no zero lines; leave them "
        "out with --skip-zero-lines",
        "la ligne n'a pas de montant (0 au débit comme au crédit) et Daftar ne garde aucune "
        "ligne à zéro ; écartez-les avec --skip-zero-lines",
        "السطر بلا مبلغ (0 في الجانبين) ولا يحتفظ Daftar بالأسطر الصفرية؛ استبعدها بالخيار "
        "--skip-zero-lines"),
    Code.FEC_NOT_TEXT: (
        "not UTF-8 nor Windows-1252 text ({reason})",
        "le fichier n'est pas du texte UTF-8 ni Windows-1252 ({reason})",
        "الملف ليس نصًا بترميز UTF-8 ولا Windows-1252 ({reason})"),
}

LANGUAGES = ("en", "fr", "ar")

Formatter = Callable[[object], str]


def plain(value: object) -> str:
    """An argument as the CLI and the logs write it: ISO dates, amounts with a decimal point."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def sentence(
    code: Code,
    args: Mapping[str, object],
    language: str = "en",
    *,
    amount: Formatter | None = None,
    day: Formatter | None = None,
) -> str:
    """The problem worded in ``language`` (English when unknown), arguments filled in.

    ``amount`` and ``day`` format ``Decimal`` and ``date`` arguments the locale's way; other
    arguments (account numbers, codes, the text of a bad cell) are shown as they are.
    """
    texts = TEXTS[code]
    template = texts[LANGUAGES.index(language)] if language in LANGUAGES else texts[0]

    def shown(value: object) -> str:
        if isinstance(value, Decimal) and amount is not None:
            return amount(value)
        if isinstance(value, date) and day is not None:
            return day(value)
        return plain(value)

    return template.format_map({name: shown(value) for name, value in args.items()})


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template fills in; a test holds the three languages to the same set."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
