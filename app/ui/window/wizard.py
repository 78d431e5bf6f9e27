"""The company creation wizard: who the company is, its books, its file, its key, its recovery key.

Every field is checked as it is typed and the reason for a refusal is shown beside it, so Next is
never a surprise. The company is created off the UI thread when the user leaves the protection
page (a commit page: there is no going back once the file exists), and the recovery key then has
a page of its own that cannot be passed until the user says they stored it; only then does the
caller get the open books. A creation that fails leaves nothing on disk (``create_company``
guarantees it) and its reason is shown on the wizard, which stays open for another try.

The first fiscal year may be short or long (at most 24 months; the years after it last twelve).
Its end follows the start and the chart until the user sets it: for the SCF, 31 December of the
start year, as the SCF's fiscal year is the calendar year and a company's first one runs from
its start to 31 December; for the PCG, twelve months on, as French companies choose their
closing date (a company already trading usually moves to Daftar at the start of its year).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.ledger.model import Company
from app.ledger.money import KNOWN_CURRENCIES
from app.store.books import Books
from app.store.company import KeySource, create_company
from app.store.years import first_year_problem, latest_first_year_end, year_after
from app.ui.kit import file_dialogs, i18n
from app.ui.kit.errors import describe
from app.ui.kit.fmt import date_edit, to_date, to_qdate
from app.ui.kit.prefs import Prefs
from app.ui.kit.tasks import TaskRunner
from app.ui.window.unlock import (
    KeyProtection,
    RecoveryPage,
    buddy_label,
    problem_label,
    quiet_label,
)

_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def file_stem_for(company: str) -> str:
    """A file name (before .daftar) from a company name, less what Windows refuses in names."""
    return _UNSAFE_NAME.sub("", company).strip(" .") or "company"


def default_first_year_end(start: date, chart: str) -> date:
    """The first year's end until the user sets one: 31 December of the start year under the
    SCF (a short first year unless the start is 1 January), twelve months on under the PCG."""
    return date(start.year, 12, 31) if chart == "scf" else year_after(start)


def default_folder(prefs: Prefs) -> Path:
    """The folder last used for a company file, else the user's Documents."""
    return file_dialogs.start_folder(prefs, "company")


class _Page(QWizardPage):
    """A page whose completeness and validation are the wizard's own checks."""

    def __init__(self, title: str, subtitle: str, complete: Callable[[], bool],
                 validate: Callable[[], bool] | None = None) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self._complete = complete
        self._validate = validate

    def isComplete(self) -> bool:
        return self._complete()

    def validatePage(self) -> bool:
        return self._validate() if self._validate is not None else True


class CompanyWizard(QWizard):
    """Creates a company file; on ``accepted``, ``books`` and ``source`` hold the open company.

    ``synchronous`` creates the company on the calling thread (tests).
    """

    def __init__(self, prefs: Prefs, parent: QWidget | None = None, *,
                 synchronous: bool = False) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self.runner = TaskRunner("daftar-create", synchronous=synchronous)
        self.books: Books | None = None
        self.source = KeySource()
        self.recovery_key = ""
        self.busy = False
        self._inside_validation = False
        self._file_name_edited = False
        self._end_edited = False
        self._defaulting_end = False
        self.dates = i18n.language(prefs.language).locale
        """Dates shown as the interface language writes them."""
        self.setWindowTitle(self.tr("Create a company"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.company_page = self._company_page()
        self.books_page = self._books_page()
        self.file_page = self._file_page()
        self.key_page = self._key_page()
        self.recovery_page = RecoveryPage()
        self.recovery_box = self.recovery_page.box
        self.stored_check = self.recovery_page.stored_check
        for page in (self.company_page, self.books_page, self.file_page, self.key_page,
                     self.recovery_page):
            self.addPage(page)
        self._default_end()
        self._file_changed()
        self._key_changed()
        self.currentIdChanged.connect(self._page_changed)
        self.resize(self.fontMetrics().averageCharWidth() * 110,
                    self.fontMetrics().lineSpacing() * 32)

    # --- page 1: the company ------------------------------------------------------------------

    def _company_page(self) -> _Page:
        page = _Page(self.tr("The company"),
                     self.tr("Its name is required; the legal identifiers can be added later."),
                     lambda: bool(self.name_edit.text().strip()) and not self.company_problems())
        self.name_edit = QLineEdit()
        self.nif_edit, self.nis_edit = QLineEdit(), QLineEdit()
        self.rc_edit, self.ai_edit = QLineEdit(), QLineEdit()
        self.address_edit = QLineEdit()
        self.company_problem = problem_label()
        form = QFormLayout(page)
        for label, edit in ((self.tr("Company &name:"), self.name_edit),
                            (self.tr("NI&F (tax identification number):"), self.nif_edit),
                            (self.tr("NI&S (statistical identification number):"), self.nis_edit),
                            (self.tr("&RC (trade register):"), self.rc_edit),
                            (self.tr("&AI (tax article):"), self.ai_edit),
                            (self.tr("A&ddress:"), self.address_edit)):
            form.addRow(label, edit)
            edit.textChanged.connect(self._company_changed)
        form.addRow(self.company_problem)
        return page

    def company_problems(self) -> list[str]:
        """Why the identifiers typed so far cannot be right (NIF and NIS are digits only)."""
        problems = []
        for name, edit in (("NIF", self.nif_edit), ("NIS", self.nis_edit)):
            text = edit.text().strip()
            if text and not text.isdigit():
                problems.append(self.tr("The {0} is made of digits only; remove the letters, "
                                        "spaces or signs.").format(name))
        return problems

    def _company_changed(self) -> None:
        self.company_problem.setText("\n".join(self.company_problems()))
        if not self._file_name_edited:
            self.file_edit.setText(file_stem_for(self.name_edit.text()))
        self.company_page.completeChanged.emit()

    # --- page 2: the books --------------------------------------------------------------------

    def _books_page(self) -> _Page:
        page = _Page(self.tr("The books"),
                     self.tr("The currency and the chart cannot be changed once the company "
                             "exists."), lambda: not self.year_problem())
        self.currency_combo = QComboBox()
        self.currency_combo.addItems(sorted(KNOWN_CURRENCIES))
        self.currency_combo.setCurrentText("DZD")
        self.scf_radio = QRadioButton(self.tr("&SCF — Système comptable financier"))
        self.pcg_radio = QRadioButton(self.tr("&PCG — Plan comptable général"))
        self.scf_radio.setChecked(True)
        charts = QButtonGroup(page)
        charts.addButton(self.scf_radio)
        charts.addButton(self.pcg_radio)
        self.start_edit = date_edit(date(date.today().year, 1, 1), locale=self.dates)
        self.end_edit = date_edit(locale=self.dates)
        self.start_edit.dateChanged.connect(self._default_end)
        self.scf_radio.toggled.connect(self._default_end)
        self.end_edit.dateChanged.connect(self._end_changed)
        self.year_label = QLabel()
        self.year_label.setWordWrap(True)
        self.year_problem_label = problem_label()
        form = QFormLayout(page)
        form.addRow(self.tr("&Currency:"), self.currency_combo)
        form.addRow(self.tr("Chart of accounts:"), self.scf_radio)
        form.addRow("", quiet_label(self.tr("The Algerian chart (law 07-11), for companies "
                                            "keeping their books in Algeria.")))
        form.addRow("", self.pcg_radio)
        form.addRow("", quiet_label(self.tr("The French chart (ANC regulation 2014-03), for "
                                            "companies keeping their books in France.")))
        form.addRow(self.tr("First fiscal year &starts on:"), self.start_edit)
        form.addRow(self.tr("First fiscal year &ends on:"), self.end_edit)
        form.addRow("", self.year_label)
        form.addRow("", self.year_problem_label)
        return page

    def _default_end(self) -> None:
        """Move the end with the start and the chart, until the user sets it."""
        if not self._end_edited:
            chart = "scf" if self.scf_radio.isChecked() else "pcg"
            self._defaulting_end = True
            self.end_edit.setDate(to_qdate(default_first_year_end(self.first_year_start, chart)))
            self._defaulting_end = False
        self._show_year()

    def _end_changed(self) -> None:
        if not self._defaulting_end:
            self._end_edited = True
        self._show_year()

    @property
    def first_year_start(self) -> date:
        return to_date(self.start_edit.date())

    @property
    def first_year_end(self) -> date:
        return to_date(self.end_edit.date())

    def year_problem(self) -> str:
        """Why the first fiscal year chosen cannot be, or '' (the store's rule, translated)."""
        start, end = self.first_year_start, self.first_year_end
        if not first_year_problem(start, end):
            return ""
        if end <= start:
            return self.tr("The first fiscal year must end after it starts.")
        return self.tr("The first fiscal year may last at most 24 months: starting on {0}, it "
                       "ends on {1} at the latest.").format(
            self._long_date(start), self._long_date(latest_first_year_end(start)))

    def _long_date(self, day: date) -> str:
        return self.dates.toString(to_qdate(day), QLocale.FormatType.LongFormat)

    def _show_year(self) -> None:
        start, end = self.first_year_start, self.first_year_end
        problem = self.year_problem()
        self.year_problem_label.setText(problem)
        twelve = year_after(start)
        if problem:
            text = ""
        elif end == twelve:
            text = self.tr("Twelve months, from {0} to {1}.")
        elif end < twelve:
            text = self.tr("A short first year, from {0} to {1}; the years after it last "
                           "twelve months.")
        else:
            text = self.tr("A long first year, from {0} to {1}; the years after it last "
                           "twelve months.")
        self.year_label.setText(text.format(self._long_date(start), self._long_date(end)))
        self.books_page.completeChanged.emit()

    # --- page 3: the file ---------------------------------------------------------------------

    def _file_page(self) -> _Page:
        page = _Page(self.tr("The company file"),
                     self.tr("All the books of the company live in this one encrypted file."),
                     lambda: not self.file_problem(), self.ensure_folder)
        self.folder_edit = QLineEdit(str(default_folder(self.prefs)))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.file_edit = QLineEdit(file_stem_for(""))
        self.file_edit.textEdited.connect(self._file_name_typed)
        self.path_label = quiet_label("")
        self.file_problem_label = problem_label()
        form = QFormLayout(page)
        form.addRow(buddy_label(self.tr("&Folder:"), self.folder_edit), folder_row)
        name_row = QHBoxLayout()
        name_row.addWidget(self.file_edit, 1)
        name_row.addWidget(QLabel(".daftar"))
        form.addRow(buddy_label(self.tr("File &name:"), self.file_edit), name_row)
        form.addRow("", self.path_label)
        form.addRow(self.file_problem_label)
        for edit in (self.folder_edit, self.file_edit):
            edit.textChanged.connect(self._file_changed)
        return page

    @property
    def path(self) -> Path:
        """Where the company file will be: the folder and file name typed, ending in .daftar."""
        name = self.file_edit.text().strip()
        if not name.lower().endswith(".daftar"):
            name += ".daftar"
        return Path(self.folder_edit.text().strip()) / name

    def file_problem(self) -> str:
        name = self.file_edit.text().strip()
        folder = Path(self.folder_edit.text().strip())
        if not name or name.lower() == ".daftar":
            return self.tr("The file needs a name.")
        if _UNSAFE_NAME.search(name):
            return self.tr('A file name cannot contain any of < > : " / \\ | ? *')
        if not self.folder_edit.text().strip():
            return self.tr("The file needs a folder.")
        if folder.exists() and not folder.is_dir():
            return self.tr("{0} is a file, not a folder.").format(folder)
        if self.path.exists():
            return self.tr("{0} already exists in this folder. Choose another name: Daftar "
                           "never overwrites a company file.").format(self.path.name)
        return ""

    def _file_name_typed(self) -> None:
        self._file_name_edited = True

    def _file_changed(self) -> None:
        problem = self.file_problem()
        self.file_problem_label.setText(problem)
        self.path_label.setText("" if problem else str(self.path))
        self.file_page.completeChanged.emit()

    def _choose_folder(self) -> None:
        chosen = file_dialogs.choose_folder(self, "company", self.tr("Folder of the company file"),
                                            current=self.folder_edit.text(), prefs=self.prefs)
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    def ensure_folder(self) -> bool:
        """Make sure the folder exists: offer to create it if it does not (a folder proposed by
        default, such as Documents, may be missing). False if the user declines or it fails."""
        folder = Path(self.folder_edit.text().strip())
        if folder.is_dir():
            return True
        answer = QMessageBox.question(
            self, self.tr("Create the folder?"),
            self.tr("The folder {0} does not exist. Create it?").format(folder),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.file_problem_label.setText(
                self.tr("The folder {0} could not be created: {1}").format(folder, describe(exc)))
            return False
        self._file_changed()
        return True

    # --- page 4: the key ----------------------------------------------------------------------

    def _key_page(self) -> _Page:
        page = _Page(self.tr("Protecting the file"),
                     self.tr("The file is encrypted. Choose where its key is kept on this "
                             "computer."),
                     lambda: not self.busy and not self.key_problem(), self._create)
        page.setCommitPage(True)
        page.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create"))
        self.protection = KeyProtection(lambda: self.path)
        for name in ("keyring_radio", "passphrase_radio", "passphrase_edit",
                     "passphrase_again_edit", "keyfile_radio", "key_file_edit"):
            setattr(self, name, getattr(self.protection, name))
        self.protection.changed.connect(self._key_changed)
        self.key_problem_label = problem_label()
        self.creation_error = problem_label()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_box = QWidget()
        busy_layout = QVBoxLayout(self.busy_box)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        busy_layout.addWidget(QLabel(self.tr("Creating the company: its chart of accounts, "
                                             "journals and first fiscal year…")))
        busy_layout.addWidget(self.busy_bar)
        self.busy_box.hide()
        layout = QVBoxLayout(page)
        for widget in (self.protection, self.key_problem_label, self.busy_box,
                       self.creation_error):
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    def key_problem(self) -> str:
        return self.protection.problem()

    def _key_changed(self) -> None:
        self.key_problem_label.setText(self.key_problem())
        self.key_page.completeChanged.emit()

    # --- creating -----------------------------------------------------------------------------

    def company(self) -> Company:
        return Company(
            name=self.name_edit.text().strip(), currency=self.currency_combo.currentText(),
            chart="pcg" if self.pcg_radio.isChecked() else "scf",
            nif=self.nif_edit.text().strip(), nis=self.nis_edit.text().strip(),
            rc=self.rc_edit.text().strip(), ai=self.ai_edit.text().strip(),
            address=self.address_edit.text().strip())

    def _create(self) -> bool:
        """Start creating the company; the page is left when it is made (at once, under test)."""
        if self.books is not None:
            return True
        if self.busy or not self.ensure_folder():
            return False
        path, company = self.path, self.company()
        start, end = self.first_year_start, self.first_year_end
        source = self.protection.source()
        self._set_busy(True)
        self._inside_validation = True
        self.runner.run(lambda _progress: create_company(path, company, start, source,
                                                         first_year_end=end),
                        lambda result: self._created(result, source), self._failed)
        self._inside_validation = False
        return self.books is not None

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.protection.setEnabled(not busy)
        self.busy_box.setVisible(busy)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        if busy:
            self.creation_error.clear()
        self.key_page.completeChanged.emit()
        if busy:  # after the wizard's own update of its buttons, which would enable Back
            self.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def _created(self, result: tuple[Books, str], source: KeySource) -> None:
        self.books, self.recovery_key = result
        self.source = source
        self.recovery_box.set_key(self.recovery_key, self.books.company.name)
        self._set_busy(False)
        if not self._inside_validation:
            self.next()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.creation_error.setText(self.tr("The company was not created, and nothing was "
                                            "left on disk: {0}").format(describe(exc)))

    def _page_changed(self, page_id: int) -> None:
        on_recovery = self.page(page_id) is self.recovery_page
        self.setOption(QWizard.WizardOption.NoCancelButton, on_recovery)
        if on_recovery:
            self.recovery_box.copy_button.setFocus()

    def reject(self) -> None:
        """Cancel, refused while the company is being made or once it exists (key unseen)."""
        if self.busy or self.books is not None:
            return
        super().reject()

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)

