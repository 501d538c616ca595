#include "print/print_dialogs.h"

#include "print/pdf_pages.h"
#include "print/quiz_pdf.h"
#include "print/worksheet_pdf.h"
#include "quiz/quiz_page.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <exception>

namespace {
struct PrintDialogs { // the translation context of this file's strings
    Q_DECLARE_TR_FUNCTIONS(PrintDialogs)
};

QString askPdfPath(QWidget* parent, const QString& title, const QString& fileName)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileDialog::getSaveFileName(parent, title, QDir(documents).filePath(fileName),
                                        PrintDialogs::tr("PDF files (*.pdf)"));
}

void showFailure(QWidget* parent, const QString& title, const std::exception& e)
{
    QMessageBox::warning(parent, title, QString::fromUtf8(e.what()));
}
} // namespace

QString exportWorksheetWithDialog(QWidget* parent, const LoadedModel& model, const QString& prompt)
{
    const QString title = PrintDialogs::tr("Export worksheet");
    if (model.isNull() || prompt.trimmed().isEmpty()) {
        QMessageBox::information(
            parent, title,
            PrintDialogs::tr("Type a prompt in Explore first: the worksheet asks about its tokens."));
        return {};
    }
    const QString path = askPdfPath(parent, title, PrintDialogs::tr("worksheet.pdf"));
    if (path.isEmpty())
        return {};
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor); // a big model takes a moment to read the prompt
        const Worksheet sheet = buildWorksheet(model.model, model.name, prompt);
        writeWorksheetPdf(sheet, path);
        QApplication::restoreOverrideCursor();
        return path;
    } catch (const std::exception& e) {
        QApplication::restoreOverrideCursor();
        showFailure(parent, PrintDialogs::tr("The worksheet was not written"), e);
        return {};
    }
}

QString printQuizWithDialog(QWidget* parent, const QuizBank* bank, const QString& track)
{
    const QString title = PrintDialogs::tr("Print quiz as PDF");
    if (!bank || bank->questions.isEmpty()) {
        QMessageBox::information(parent, title, PrintDialogs::tr("There are no quiz questions to print."));
        return {};
    }
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto* tracks = new QComboBox(&dialog);
    for (const QString& id : printableTracks())
        tracks->addItem(QuizPage::trackTitle(id), id);
    tracks->setCurrentIndex(std::max(0, tracks->findData(track)));
    auto* number = new QSpinBox(&dialog);
    number->setRange(0, kLastNewTestNumber);
    number->setValue(static_cast<int>(newTestNumber()));
    auto* note = new QLabel(
        PrintDialogs::tr("A printed test of up to 10 questions, then the answer key on a page of its "
                         "own. The same test number prints the same questions again; it is on "
                         "every page."),
        &dialog);
    note->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(PrintDialogs::tr("&Track:"), tracks);
    form->addRow(PrintDialogs::tr("Test &number:"), number);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return {};

    const QString id = tracks->currentData().toString();
    const uint32_t seed = static_cast<uint32_t>(number->value());
    const QString path = askPdfPath(parent, title, PrintDialogs::tr("quiz-%1-%2.pdf").arg(id).arg(seed));
    if (path.isEmpty())
        return {};
    try {
        writeQuizPdf(makePrintedQuiz(*bank, id, seed), path);
        return path;
    } catch (const std::exception& e) {
        showFailure(parent, PrintDialogs::tr("The quiz was not written"), e);
        return {};
    }
}
