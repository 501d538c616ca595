// The whole window on a model of another shape than the built-in one (the lessons and stored
// questions were written for the built-in model): the lesson panel and the quiz name both shapes,
// the texts keep the built-in model's facts (filled in, never left as placeholders), a guess asks
// for the loaded model's top-k, and going back to the built-in model takes the note away. This test
// carries the embedded model, as the app does.
#include "learn/written_for.h"
#include "lessons/learning_wiring.h"
#include "lessons/lesson_panel.h"
#include "quiz/question_card.h"
#include "quiz/quiz_page.h"
#include "run/model_source.h"
#include "shell/main_window.h"
#include "tiny_window_fixture.h"

#include <QLabel>
#include <QTest>

namespace {

constexpr uint64_t kModelSeed = 11;

QString labelText(const QWidget& parent, const QString& name)
{
    const auto* label = parent.findChild<QLabel*>(name);
    return label ? label->text() : QStringLiteral("<no label %1>").arg(name);
}

} // namespace

class TestOtherShapeWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_fixture.init(kModelSeed)); }

    void textsAndNoteFollowTheLoadedModel()
    {
        MainWindow window(m_fixture.options(QStringLiteral("lessons"), QStringLiteral("en")));
        window.show();
        const moe::ModelConfig builtIn = loadEmbeddedModel().model->config();
        const moe::ModelConfig loaded = window.models()->current().model->config();
        QVERIFY(loaded.nLayer != builtIn.nLayer && loaded.nExpert != builtIn.nExpert);

        // Both places that show stored texts name both shapes.
        LessonPanel* panel = window.learning()->panel();
        QuizPage* quiz = window.quizPage();
        for (const QString& note : {panel->modelNote(), quiz->modelNote()}) {
            QVERIFY2(note.contains(modelShapeText(builtIn)), qPrintable(note));
            QVERIFY2(note.contains(modelShapeText(loaded)), qPrintable(note));
        }

        // A lesson step: the built-in model's facts, filled in, with the note on screen.
        QVERIFY(window.startLesson(QStringLiteral("explorer-tiny-experts"), 0));
        const QString text = labelText(*panel, QStringLiteral("stepText"));
        QVERIFY2(text.contains(QStringLiteral("%1 floors").arg(builtIn.nLayer)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("%1 small experts").arg(builtIn.nExpert)), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1Char('{')), qPrintable(text));
        QVERIFY(panel->findChild<QLabel*>(QStringLiteral("modelNote"))->isVisibleTo(panel));
        // A guess is about the live model: as many experts as it wakes per token.
        QCOMPARE(panel->expertsToPick(), loaded.nExpertUsed);

        // Every stored question reads complete, and the quiz card carries the note.
        QVERIFY(quiz->startQuiz(QStringLiteral("explorer")));
        const QString prompt = labelText(*quiz->questionCard(), QStringLiteral("prompt"));
        QVERIFY2(!prompt.contains(QLatin1Char('{')), qPrintable(prompt));
        QVERIFY(quiz->findChild<QLabel*>(QStringLiteral("modelNote"))->isVisibleTo(quiz));

        // Back to the built-in model: no note anywhere.
        QVERIFY(window.models()->openEmbedded());
        QVERIFY(panel->modelNote().isEmpty());
        QVERIFY(quiz->modelNote().isEmpty());
        QVERIFY(!panel->findChild<QLabel*>(QStringLiteral("modelNote"))->isVisibleTo(panel));
    }

private:
    TinyWindowFixture m_fixture;
};

QTEST_MAIN(TestOtherShapeWindow)
#include "tst_other_shape_window.moc"
