// The note that lessons and stored questions were written for the built-in model: empty on the
// built-in model, otherwise naming both models' shapes as the configs give them (shared experts
// and dense layers included); the lesson panel and the quiz show it and hide it again.
#include "learn/written_for.h"
#include "lessons/lesson_panel.h"
#include "quiz/quiz_page.h"
#include "tiny_model.h"

#include <QLabel>
#include <QTest>

class TestWrittenFor : public QObject {
    Q_OBJECT
private slots:
    void emptyOnTheBuiltInModel()
    {
        const moe::ModelConfig c = moe::test::tinyConfig();
        QVERIFY(writtenForNote(c, c, QStringLiteral("tiny"), true).isEmpty());
    }

    void namesBothShapesFromTheConfigs()
    {
        const moe::ModelConfig builtIn = moe::test::tinyConfig();
        moe::ModelConfig loaded = builtIn;
        loaded.nLayer = 27;
        loaded.nExpert = 64;
        loaded.nExpertUsed = 6;
        loaded.nExpertShared = 2;
        loaded.nLeadingDense = 1;
        const QString note = writtenForNote(builtIn, loaded, QStringLiteral("lite"), false);
        QVERIFY2(note.contains(modelShapeText(builtIn)), qPrintable(note));
        QVERIFY2(note.contains(modelShapeText(loaded)), qPrintable(note));
        QVERIFY(note.contains(QStringLiteral("“lite”")));
        const QString shape = modelShapeText(loaded);
        QVERIFY2(shape.contains(QStringLiteral("27 layers, 64 experts per layer, 6 awake per token")),
                 qPrintable(shape));
        QVERIFY(shape.contains(QStringLiteral("shared experts always on: 2")));
        QVERIFY(shape.contains(QStringLiteral("dense layers without a router: 1")));
        const QString plain = modelShapeText(builtIn);
        QVERIFY(!plain.contains(QStringLiteral("shared")) && !plain.contains(QStringLiteral("dense")));
        QVERIFY(plain.startsWith(QString::number(builtIn.nLayer) + QStringLiteral(" layers, ") +
                                 QString::number(builtIn.nExpert) + QStringLiteral(" experts")));
        // Another file of the very same shape still gets the note: the texts' measurements are the
        // built-in model's own.
        QVERIFY(!writtenForNote(builtIn, builtIn, QStringLiteral("copy"), false).isEmpty());
    }

    void panelAndQuizShowAndHideIt()
    {
        LessonPanel panel;
        QuizPage quiz;
        panel.show();
        quiz.show();
        auto* panelLabel = panel.findChild<QLabel*>(QStringLiteral("modelNote"));
        auto* quizLabel = quiz.findChild<QLabel*>(QStringLiteral("modelNote"));
        QVERIFY(panelLabel && quizLabel);
        QVERIFY(!panelLabel->isVisible() && !quizLabel->isVisible());
        panel.setModelNote(QStringLiteral("note"));
        quiz.setModelNote(QStringLiteral("note"));
        QVERIFY(panelLabel->isVisible() && quizLabel->isVisible());
        QCOMPARE(panelLabel->text(), QStringLiteral("note"));
        QCOMPARE(quiz.modelNote(), QStringLiteral("note"));
        QCOMPARE(panelLabel->accessibleName(), QStringLiteral("note"));
        panel.setModelNote({});
        quiz.setModelNote({});
        QVERIFY(!panelLabel->isVisible() && !quizLabel->isVisible());
    }
};

QTEST_MAIN(TestWrittenFor)
#include "tst_written_for.moc"
