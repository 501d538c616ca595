// The glossary: both languages load without a problem, with the same terms, and hold every word the
// lessons and questions lean on; broken entries are named and left out; the window shows a term's
// definition; the lesson panel and the quiz card each have a button that asks for it.
#include "learn/glossary.h"
#include "lessons/glossary_dialog.h"
#include "lessons/lesson_panel.h"
#include "quiz/question_card.h"

#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestGlossary : public QObject {
    Q_OBJECT
private slots:
    void shippedGlossaryIsCompleteInBothLanguages()
    {
        QStringList errors;
        const Glossary english = loadGlossaryFor(QStringLiteral("en"), &errors);
        const Glossary german = loadGlossaryFor(QStringLiteral("de"), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QCOMPARE(german.language, QStringLiteral("de"));
        QCOMPARE(german.terms.size(), english.terms.size());
        for (const char* id :
             {"token", "parameter", "layer", "router", "gate", "expert", "dense-sparse", "flops", "inference",
              "embedding", "attention", "norm", "feed-forward", "top-k", "active"}) {
            const GlossaryTerm* en = english.term(QString::fromLatin1(id));
            const GlossaryTerm* de = german.term(QString::fromLatin1(id));
            QVERIFY2(en && de, id);
            QVERIFY2(en->definition != de->definition, id); // translated, not copied
        }
    }

    void brokenEntriesAreNamedAndLeftOut()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("glossary.xx.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"language": "xx", "terms": [
            {"id": "token", "term": "token", "definition": "a piece of text"},
            {"id": "token", "term": "again", "definition": "repeated"},
            {"id": "Bad Id", "term": "x", "definition": "y"},
            {"id": "gate", "term": "gate", "definition": ""}]})");
        file.close();
        QStringList errors;
        const Glossary glossary = loadGlossary(path, &errors);
        QCOMPARE(glossary.terms.size(), 1);
        QCOMPARE(errors.size(), 3);
        QVERIFY(errors[0].contains(QStringLiteral("terms[1]")) &&
                errors[0].contains(QStringLiteral("\"id\"")));
        QVERIFY(errors[2].contains(QStringLiteral("\"definition\"")));
    }

    void windowShowsTheChosenTerm()
    {
        GlossaryDialog dialog;
        dialog.setGlossary(loadGlossaryFor(QStringLiteral("en")));
        QVERIFY(dialog.termCount() >= 15);
        dialog.showTerm(QStringLiteral("gate"));
        QVERIFY2(dialog.shownDefinition().contains(QStringLiteral("add up to 1")),
                 qPrintable(dialog.shownDefinition()));
        // GLOSSARY_SHOT=<folder> keeps a picture of the window for the docs.
        if (const QByteArray folder = qgetenv("GLOSSARY_SHOT"); !folder.isEmpty()) {
            dialog.resize(760, 520);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(QString::fromLocal8Bit(folder) + QStringLiteral("/glossary.png")));
        }
        dialog.showTerm(QStringLiteral("no-such-term"));
        QCOMPARE(dialog.shownDefinition(), loadGlossaryFor(QStringLiteral("en")).terms.first().definition);
    }

    void lessonAndQuestionAskForIt()
    {
        LessonPanel panel;
        QSignalSpy fromPanel(&panel, &LessonPanel::glossaryRequested);
        QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("glossaryButton")), Qt::LeftButton);
        QCOMPARE(fromPanel.size(), 1);
        QuestionCard card;
        QSignalSpy fromCard(&card, &QuestionCard::glossaryRequested);
        QTest::mouseClick(card.findChild<QPushButton*>(QStringLiteral("glossaryButton")), Qt::LeftButton);
        QCOMPARE(fromCard.size(), 1);
    }
};

QTEST_MAIN(TestGlossary)
#include "tst_glossary.moc"
