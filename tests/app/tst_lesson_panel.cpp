// LessonPanel: navigation and its signals, progress saved on every step and resumed after a restart,
// the "guess, then see" step checked against a real token's routing, and keyboard-only use.
#include "learn/progress_store.h"
#include "lessons/belief_box.h"
#include "lessons/lesson_panel.h"
#include "lessons/lesson_text.h"
#include "run/trace_model.h"
#include "shell/theme.h"
#include "tst_lesson_fixture.h"

#include "generated_tokens.h"
#include "tiny_model.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

constexpr uint64_t kSeed = 11;
const QString kLesson = QStringLiteral("explorer-many-experts");

// The first generated token of a short greedy run of the tiny model (2 layers, 4 experts, top-2).
moe::GeneratedToken generatedToken()
{
    moe::GenerationRequest request;
    request.prompt = "23 + 45 =";
    request.maxTokens = 2;
    request.stopAtEndOfText = false;
    for (const moe::GeneratedToken& token : moe::test::generatedTokens(moe::test::tinyModel(kSeed), request))
        if (!token.prompt)
            return token;
    qFatal("the tiny model wrote no token");
    return {};
}

QString labelText(const QWidget& panel, const char* name)
{
    const auto* label = panel.findChild<QLabel*>(QString::fromLatin1(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QString::fromLatin1(name));
}

QAbstractButton* expertButton(const QWidget& panel, int expert)
{
    return panel.findChild<QAbstractButton*>(QStringLiteral("expert%1").arg(expert + 1));
}

// Shows the panel and lets its layout settle, so clicks land on the buttons' real places.
bool showAndSettle(QWidget& widget)
{
    widget.show();
    const bool exposed = QTest::qWaitForWindowExposed(&widget);
    QCoreApplication::processEvents();
    return exposed;
}

} // namespace

class TestLessonPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void goalsOpenAndRecapClosesTheLesson();
    void init();
    void cleanup();

    void startsAtTheFirstStepAndWalks();
    void unknownLessonIsRefused();
    void finishEmitsFinishedAndMarksDone();
    void progressIsSavedOnEveryStep();
    void restartResumesAtTheSavedStep();
    void saveFailureIsShownNotFatal();
    void checkNeedsExactlyKPicks();
    void revealCountsMatchesAgainstTheRouting_data();
    void revealCountsMatchesAgainstTheRouting();
    void revealWithoutARequestIsIgnored();
    void noModelNoGuess();
    void keyboardReachesEveryControl();
    void stepChangesAreAnnounced();
    void fitsANarrowDock();
    void lessonTextIsEscaped();
    void beliefBeforeAndAfter();
    void screenshot();

private:
    std::unique_ptr<LessonPanel> makePanel(ProgressStore* store);

    LessonBook m_book;
    moe::GeneratedToken m_token;
    moe::ModelConfig m_config;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestLessonPanel::initTestCase()
{
    qInfo("model seed %llu", static_cast<unsigned long long>(kSeed));
    m_book = lessonfixture::book();
    m_token = generatedToken();
    m_config = moe::test::tinyConfig();
    QCOMPARE(m_token.routing.layers.size(), static_cast<size_t>(m_config.nLayer));
    QCOMPARE(m_token.routing.layers[lessonfixture::kPredictLayer].experts.size(),
             static_cast<size_t>(m_config.nExpertUsed));
}

void TestLessonPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("progress.json"));
}

void TestLessonPanel::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<LessonPanel> TestLessonPanel::makePanel(ProgressStore* store)
{
    auto panel = std::make_unique<LessonPanel>();
    panel->setBook(&m_book);
    panel->setProgressStore(store);
    panel->setModelShape(m_config.nLayer, m_config.nExpert, m_config.nExpertUsed);
    panel->resize(460, 820);
    return panel;
}

// The lesson's goals and estimated time open its first step, its recap closes the last one, and
// the steps between show only their own text.
void TestLessonPanel::goalsOpenAndRecapClosesTheLesson()
{
    LessonBook book = m_book;
    for (Lesson& lesson : book.lessons)
        if (lesson.id == kLesson) {
            lesson.goals = {QStringLiteral("read the grid"), QStringLiteral("count the sleepers")};
            lesson.minutes = 12;
            lesson.recap = QStringLiteral("A few wake, the rest sleep.");
        }
    LessonPanel panel;
    panel.setBook(&book);
    QVERIFY(panel.start(kLesson));
    const QString first = labelText(panel, "stepText");
    QVERIFY2(first.contains(QStringLiteral("You will be able to:")) &&
                 first.contains(QStringLiteral("read the grid")) &&
                 first.contains(QStringLiteral("count the sleepers")) &&
                 first.contains(QStringLiteral("About 12 minutes")),
             qPrintable(first));
    QVERIFY(!first.contains(QStringLiteral("Recap:")));
    panel.next();
    const QString second = labelText(panel, "stepText");
    QVERIFY(!second.contains(QStringLiteral("You will be able to:")) &&
            !second.contains(QStringLiteral("Recap:")));
    while (panel.currentStep() < int(book.lesson(kLesson)->steps.size()) - 1)
        panel.next();
    const QString last = labelText(panel, "stepText");
    QVERIFY2(last.contains(QStringLiteral("Recap:")) &&
                 last.contains(QStringLiteral("A few wake, the rest sleep.")),
             qPrintable(last));
}

void TestLessonPanel::startsAtTheFirstStepAndWalks()
{
    ProgressStore store(m_path);
    auto panel = makePanel(&store);
    QSignalSpy entered(panel.get(), &LessonPanel::stepEntered);
    const Lesson& lesson = *m_book.lesson(kLesson);

    QVERIFY(panel->start(kLesson));
    QCOMPARE(panel->lessonId(), kLesson);
    QCOMPARE(panel->currentStep(), 0);
    QCOMPARE(entered.size(), 1);
    QCOMPARE(entered.at(0).at(0).value<LessonStep>().title, lesson.steps[0].title);
    QCOMPARE(entered.at(0).at(1).toInt(), 0);
    QCOMPARE(labelText(*panel, "stepCounter"), QStringLiteral("Step 1 of 7"));
    QCOMPARE(labelText(*panel, "stepTitle"), lesson.steps[0].title);
    QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("backButton"))->isEnabled());

    panel->next();
    QCOMPARE(panel->currentStep(), 1);
    QCOMPARE(entered.size(), 2);
    // The step carries its action for the main window to apply.
    const LessonStep second = entered.at(1).at(0).value<LessonStep>();
    QCOMPARE(second.action.mode, LessonAction::Mode::Explore);
    QCOMPARE(second.action.prompt, QStringLiteral("23 + 45 ="));
    QCOMPARE(entered.at(1).at(1).toInt(), 1);
    QCOMPARE(panel->findChild<QProgressBar*>(QStringLiteral("stepProgress"))->value(), 2);

    panel->previous();
    QCOMPARE(panel->currentStep(), 0);
    QCOMPARE(entered.size(), 3);
    QCOMPARE(entered.at(2).at(1).toInt(), 0);
    panel->previous(); // nothing before the first step
    QCOMPARE(panel->currentStep(), 0);
    QCOMPARE(entered.size(), 3);

    // The Next button itself walks too.
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("nextButton")), Qt::LeftButton);
    QCOMPARE(panel->currentStep(), 1);

    QSignalSpy closed(panel.get(), &LessonPanel::closed);
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("closeButton")), Qt::LeftButton);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(panel->currentStep(), -1);
    QVERIFY(panel->lessonId().isEmpty());
    QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("nextButton"))->isEnabled());
}

void TestLessonPanel::unknownLessonIsRefused()
{
    ProgressStore store(m_path);
    auto panel = makePanel(&store);
    QSignalSpy entered(panel.get(), &LessonPanel::stepEntered);
    QVERIFY(!panel->start(QStringLiteral("no-such-lesson")));
    QCOMPARE(panel->currentStep(), -1);
    QCOMPARE(entered.size(), 0);
    LessonPanel bookless;
    QVERIFY(!bookless.start(kLesson));
}

void TestLessonPanel::finishEmitsFinishedAndMarksDone()
{
    ProgressStore store(m_path);
    auto panel = makePanel(&store);
    QSignalSpy entered(panel.get(), &LessonPanel::stepEntered);
    QSignalSpy finished(panel.get(), &LessonPanel::finished);
    QVERIFY(panel->start(kLesson));
    auto* nextButton = panel->findChild<QPushButton*>(QStringLiteral("nextButton"));
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(nextButton->text(), QStringLiteral("Next"));
        panel->next();
    }
    QCOMPARE(panel->currentStep(), 6);
    QCOMPARE(nextButton->text(), QStringLiteral("Finish"));
    QCOMPARE(finished.size(), 0);
    QVERIFY(store.lesson(kLesson).completed); // reaching the last step is enough

    panel->next();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), kLesson);
    QCOMPARE(entered.size(), 7); // finishing shows no further step

    // Done, and "again" starts at the beginning, also for a new store on the same file.
    ProgressStore reread(m_path);
    QVERIFY(reread.load());
    QCOMPARE(reread.lesson(kLesson).completed, true);
    QCOMPARE(reread.lesson(kLesson).step, 0);
    auto again = makePanel(&reread);
    QVERIFY(again->start(kLesson));
    QCOMPARE(again->currentStep(), 0);
}

void TestLessonPanel::progressIsSavedOnEveryStep()
{
    ProgressStore store(m_path);
    auto panel = makePanel(&store);
    QVERIFY(panel->start(kLesson));
    for (int expected = 0; expected < 7; ++expected) {
        QCOMPARE(panel->currentStep(), expected);
        ProgressStore reread(m_path); // what is on disk, not in memory
        QVERIFY(reread.load());
        QCOMPARE(reread.lesson(kLesson).step, expected);
        QCOMPARE(reread.lesson(kLesson).completed, expected == 6);
        QCOMPARE(reread.lastLesson(), kLesson);
        if (expected < 6)
            panel->next();
    }
    // Going back after the end keeps "completed".
    panel->previous();
    ProgressStore reread(m_path);
    QVERIFY(reread.load());
    QCOMPARE(reread.lesson(kLesson).step, 5);
    QVERIFY(reread.lesson(kLesson).completed);
    QVERIFY(panel->findChild<QLabel*>(QStringLiteral("saveError"))->isHidden());
}

void TestLessonPanel::restartResumesAtTheSavedStep()
{
    {
        ProgressStore store(m_path);
        QVERIFY(store.load());
        auto panel = makePanel(&store);
        QVERIFY(panel->start(kLesson));
        panel->next();
        panel->next();
        panel->next();
        QCOMPARE(panel->currentStep(), 3);
    } // the app quits: panel and store gone

    ProgressStore store(m_path);
    QStringList warnings;
    QVERIFY(store.load(&warnings));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    QCOMPARE(store.lastLesson(), kLesson);
    auto panel = makePanel(&store);
    QSignalSpy entered(panel.get(), &LessonPanel::stepEntered);
    QVERIFY(panel->start(kLesson));
    QCOMPARE(panel->currentStep(), 3);
    QCOMPARE(entered.size(), 1); // resuming applies the step's action too
    QCOMPARE(entered.at(0).at(1).toInt(), 3);
    QCOMPARE(entered.at(0).at(0).value<LessonStep>().title, m_book.lesson(kLesson)->steps[3].title);
    QCOMPARE(labelText(*panel, "stepCounter"), QStringLiteral("Step 4 of 7"));
}

void TestLessonPanel::saveFailureIsShownNotFatal()
{
    // A path below a plain file cannot be written.
    QFile blocker(m_dir->filePath(QStringLiteral("not-a-dir")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ProgressStore store(m_dir->filePath(QStringLiteral("not-a-dir/progress.json")));
    auto panel = makePanel(&store);
    QVERIFY(panel->start(kLesson));
    QVERIFY(showAndSettle(*panel));
    const auto* error = panel->findChild<QLabel*>(QStringLiteral("saveError"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("could not be saved")), qPrintable(error->text()));
    panel->next(); // the lesson goes on
    QCOMPARE(panel->currentStep(), 1);
    QCOMPARE(store.lesson(kLesson).step, 1); // kept in memory
}

void TestLessonPanel::checkNeedsExactlyKPicks()
{
    ProgressStore store(m_path);
    store.setLesson(kLesson, {lessonfixture::kPredictStep, false});
    auto panel = makePanel(&store);
    QVERIFY(panel->start(kLesson));
    QVERIFY(showAndSettle(*panel));
    QCOMPARE(panel->currentStep(), lessonfixture::kPredictStep);
    QCOMPARE(panel->expertsToPick(), m_config.nExpertUsed);
    QVERIFY(panel->findChild<QWidget*>(QStringLiteral("predictBox"))->isVisible());
    QCOMPARE(labelText(*panel, "pickHint"), QStringLiteral("Pick 2 experts."));
    auto* check = panel->findChild<QPushButton*>(QStringLiteral("checkButton"));
    QSignalSpy requested(panel.get(), &LessonPanel::revealRequested);

    for (int e = 0; e < m_config.nExpert; ++e) {
        QAbstractButton* button = expertButton(*panel, e);
        QVERIFY(button);
        QCOMPARE(button->text(), QStringLiteral("E%1").arg(e + 1));
        QVERIFY(!button->isChecked());
    }
    QVERIFY(!expertButton(*panel, m_config.nExpert));

    QVERIFY(!check->isEnabled());
    QTest::mouseClick(expertButton(*panel, 0), Qt::LeftButton);
    QVERIFY(!check->isEnabled());
    QTest::mouseClick(expertButton(*panel, 2), Qt::LeftButton);
    QVERIFY(check->isEnabled());
    QCOMPARE(panel->pickedExperts(), (QList<int>{0, 2}));
    QTest::mouseClick(expertButton(*panel, 3), Qt::LeftButton);
    QVERIFY(!check->isEnabled());
    QVERIFY2(labelText(*panel, "pickHint").contains(QStringLiteral("Too many")),
             qPrintable(labelText(*panel, "pickHint")));
    check->click(); // disabled: nothing happens
    QCOMPARE(requested.size(), 0);
    QTest::mouseClick(expertButton(*panel, 0), Qt::LeftButton);
    QVERIFY(check->isEnabled());

    QTest::mouseClick(check, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toInt(), lessonfixture::kPredictLayer);
    // While the model writes, the guess is fixed and cannot be sent twice.
    QVERIFY(!check->isEnabled());
    QVERIFY(!expertButton(*panel, 2)->isEnabled());

    // A new step, a fresh guess.
    panel->next();
    panel->previous();
    QVERIFY(panel->pickedExperts().isEmpty());
    QVERIFY(expertButton(*panel, 2)->isEnabled());
}

void TestLessonPanel::revealCountsMatchesAgainstTheRouting_data()
{
    const std::vector<int>& chosen = m_token.routing.layers[lessonfixture::kPredictLayer].experts;
    QList<int> right(chosen.begin(), chosen.end());
    QList<int> wrong;
    for (int e = 0; e < m_config.nExpert; ++e)
        if (!right.contains(e))
            wrong << e;
    QTest::addColumn<QList<int>>("picks");
    QTest::addColumn<QString>("score");
    QTest::newRow("both right") << right << QStringLiteral("You got 2 of 2");
    QTest::newRow("one right") << QList<int>{right[1], wrong[0]} << QStringLiteral("You got 1 of 2");
    QTest::newRow("none right") << wrong.mid(0, 2) << QStringLiteral("You got 0 of 2");
}

void TestLessonPanel::revealCountsMatchesAgainstTheRouting()
{
    QFETCH(QList<int>, picks);
    QFETCH(QString, score);
    ProgressStore store(m_path);
    store.setLesson(kLesson, {lessonfixture::kPredictStep, false});
    auto panel = makePanel(&store);
    QVERIFY(panel->start(kLesson));
    QVERIFY(showAndSettle(*panel));
    QSignalSpy requested(panel.get(), &LessonPanel::revealRequested);
    for (const int e : picks)
        QTest::mouseClick(expertButton(*panel, e), Qt::LeftButton);
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("checkButton")), Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QVERIFY(panel->predictionResult().isEmpty());

    panel->revealPrediction(m_token);
    const QString result = panel->predictionResult();
    QVERIFY2(result.contains(score), qPrintable(result));
    QCOMPARE(labelText(*panel, "predictResult"), result);
    // The sentence names the router's real choice, the layer and the token.
    const std::vector<int>& chosen = m_token.routing.layers[lessonfixture::kPredictLayer].experts;
    QVERIFY2(result.contains(QStringLiteral("E%1 and E%2").arg(chosen[0] + 1).arg(chosen[1] + 1)),
             qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("In layer %1").arg(lessonfixture::kPredictLayer + 1)),
             qPrintable(result));
    QVERIFY2(result.contains(TraceModel::displayText(m_token.bytes, m_token.prompt)), qPrintable(result));

    // Fixed now: no re-guessing on this step, even after coming back to it.
    for (int e = 0; e < m_config.nExpert; ++e)
        QVERIFY(!expertButton(*panel, e)->isEnabled());
    QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("checkButton"))->isEnabled());
    panel->next();
    panel->previous();
    QCOMPARE(panel->predictionResult(), result);
    QCOMPARE(panel->pickedExperts().size(), picks.size());
    QVERIFY(!expertButton(*panel, 0)->isEnabled());
    panel->revealPrediction(m_token); // a stray second answer changes nothing
    QCOMPARE(panel->predictionResult(), result);
}

void TestLessonPanel::revealWithoutARequestIsIgnored()
{
    ProgressStore store(m_path);
    store.setLesson(kLesson, {lessonfixture::kPredictStep, false});
    auto panel = makePanel(&store);
    QVERIFY(panel->start(kLesson));
    QVERIFY(showAndSettle(*panel));
    panel->revealPrediction(m_token);
    QVERIFY(panel->predictionResult().isEmpty());
    QVERIFY(expertButton(*panel, 0)->isEnabled());

    // Asked, then the learner moved on before the token came: the late answer is dropped.
    QTest::mouseClick(expertButton(*panel, 0), Qt::LeftButton);
    QTest::mouseClick(expertButton(*panel, 1), Qt::LeftButton);
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("checkButton")), Qt::LeftButton);
    panel->next();
    panel->revealPrediction(m_token);
    panel->previous();
    QVERIFY(panel->predictionResult().isEmpty());
}

void TestLessonPanel::noModelNoGuess()
{
    ProgressStore store(m_path);
    store.setLesson(kLesson, {lessonfixture::kPredictStep, false});
    LessonPanel panel;
    panel.setBook(&m_book);
    panel.setProgressStore(&store);
    QVERIFY(panel.start(kLesson));
    QVERIFY(showAndSettle(panel));
    QCOMPARE(panel.expertsToPick(), 0);
    QVERIFY(!expertButton(panel, 0));
    QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("checkButton"))->isVisible());
    QCOMPARE(labelText(panel, "pickHint"), QStringLiteral("Load a model to make your guess."));
    panel.setModelShape(1, 4, 2); // the step asks about layer 2
    QVERIFY(labelText(panel, "pickHint").contains(QStringLiteral("layer 2")));
    panel.setModelShape(m_config.nLayer, m_config.nExpert, m_config.nExpertUsed);
    QVERIFY(panel.findChild<QPushButton*>(QStringLiteral("checkButton"))->isVisible());
    QVERIFY(expertButton(panel, 3));
}

void TestLessonPanel::keyboardReachesEveryControl()
{
    ProgressStore store(m_path);
    store.setLesson(kLesson, {lessonfixture::kPredictStep, false});
    auto panel = makePanel(&store);
    panel->show();
    QApplication::setActiveWindow(panel.get());
    QVERIFY(QTest::qWaitForWindowActive(panel.get()));
    QVERIFY(panel->start(kLesson));
    panel->findChild<QPushButton*>(QStringLiteral("closeButton"))->setFocus();

    // Pick k experts with Tab and Space only.
    QSet<QString> reached;
    int picked = 0;
    for (int i = 0; i < 40; ++i) {
        QWidget* focus = QApplication::focusWidget();
        QVERIFY(focus);
        reached.insert(focus->objectName());
        if (picked < m_config.nExpertUsed && focus->objectName().startsWith(QStringLiteral("expert"))) {
            QTest::keyClick(focus, Qt::Key_Space);
            ++picked;
        }
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    QCOMPARE(panel->pickedExperts().size(), m_config.nExpertUsed);
    QStringList expected{QStringLiteral("closeButton"), QStringLiteral("checkButton"),
                         QStringLiteral("backButton"), QStringLiteral("nextButton")};
    for (int e = 0; e < m_config.nExpert; ++e)
        expected << QStringLiteral("expert%1").arg(e + 1);
    for (const QString& name : expected)
        QVERIFY2(reached.contains(name), qPrintable(name + QStringLiteral(" never got the focus")));

    // Tab order follows the screen: the experts in order, then Check, then Back and Next.
    QWidget* w = expertButton(*panel, 0);
    for (int e = 1; e < m_config.nExpert; ++e) {
        w = w->nextInFocusChain();
        QCOMPARE(w, static_cast<QWidget*>(expertButton(*panel, e)));
    }

    // Space on Check asks for the reveal.
    QSignalSpy requested(panel.get(), &LessonPanel::revealRequested);
    auto* check = panel->findChild<QPushButton*>(QStringLiteral("checkButton"));
    check->setFocus();
    QTest::keyClick(check, Qt::Key_Space);
    QCOMPARE(requested.size(), 1);

    // Alt+Right / Alt+Left and PageDown / PageUp from anywhere in the panel.
    QWidget* focus = QApplication::focusWidget();
    QTest::keyClick(focus, Qt::Key_Right, Qt::AltModifier);
    QCOMPARE(panel->currentStep(), lessonfixture::kPredictStep + 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::AltModifier);
    QCOMPARE(panel->currentStep(), lessonfixture::kPredictStep);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown);
    QCOMPARE(panel->currentStep(), lessonfixture::kPredictStep + 1);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp);
    QCOMPARE(panel->currentStep(), lessonfixture::kPredictStep);

    // Every control has a name for screen readers.
    for (QAbstractButton* button : panel->findChildren<QAbstractButton*>())
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
}

// What a screen reader reads when the step changes: the step title and text labels carry the new
// step as their accessible names (the panel sends NameChanged for both). The events themselves are
// not observable here: the offscreen platform keeps QAccessible inactive.
void TestLessonPanel::stepChangesAreAnnounced()
{
    ProgressStore store(m_path);
    auto panel = makePanel(&store);
    QVERIFY(panel->start(kLesson));
    panel->next();
    auto* title = panel->findChild<QLabel*>(QStringLiteral("stepTitle"));
    QCOMPARE(title->accessibleName(),
             QStringLiteral("Step 2 of 7: %1").arg(m_book.lesson(kLesson)->steps[1].title));
    const QString text = panel->findChild<QLabel*>(QStringLiteral("stepText"))->accessibleName();
    QVERIFY2(text.startsWith(QStringLiteral("Now the model reads “23 + 45 =”.")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1Char('<')), qPrintable(text)); // no markup read aloud
}

// Eight experts in a dock a third of a 1024 window wide: nothing is cut off on the right.
void TestLessonPanel::fitsANarrowDock()
{
    ProgressStore store(m_path);
    store.setLesson(kLesson, {lessonfixture::kPredictStep, false});
    auto panel = makePanel(&store);
    panel->setModelShape(4, 8, 2);
    panel->resize(340, 700);
    QVERIFY(panel->start(kLesson));
    QVERIFY(showAndSettle(*panel));
    auto* scroll = panel->findChild<QScrollArea*>(QStringLiteral("stepScroll"));
    QVERIFY(scroll->widget()->width() <= scroll->viewport()->width());
    for (int e = 0; e < 8; ++e) {
        QAbstractButton* button = expertButton(*panel, e);
        QVERIFY(button->isVisible());
        const QRect inView(button->mapTo(scroll->viewport(), QPoint(0, 0)), button->size());
        QVERIFY2(inView.right() < scroll->viewport()->width(), qPrintable(button->objectName()));
    }
    QVERIFY(panel->findChild<QPushButton*>(QStringLiteral("nextButton"))->geometry().right() <
            panel->width());
}

void TestLessonPanel::lessonTextIsEscaped()
{
    const QString html = lessonTextToHtml(QStringLiteral("2 < 3 & <b>bold</b> <I>it</I><br/>line\n\n"
                                                         "<script>x</script> second"));
    QCOMPARE(html.count(QStringLiteral("<p>")), 2);
    QVERIFY2(html.contains(QStringLiteral("2 &lt; 3 &amp; <b>bold</b> <I>it</I><br>line")), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral("&lt;script&gt;")), qPrintable(html));
    QCOMPARE(lessonTextToPlain(QStringLiteral("a <b>b</b>\n\nc")), QStringLiteral("a b\nc"));
}

// Writes the panel, light and dark, on the guess step after a reveal, when LESSONS_SCREENSHOT_DIR is set.
void TestLessonPanel::screenshot()
{
    const QString dir = qEnvironmentVariable("LESSONS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set LESSONS_SCREENSHOT_DIR to write screenshots");
    ProgressStore store(m_path);
    for (const bool dark : {false, true}) {
        Theme::apply(dark ? Theme::Kind::Dark : Theme::Kind::Light);
        store.setLesson(kLesson, {lessonfixture::kPredictStep, false});
        auto panel = makePanel(&store);
        QVERIFY(panel->start(kLesson));
        QVERIFY(showAndSettle(*panel));
        const std::vector<int>& chosen = m_token.routing.layers[lessonfixture::kPredictLayer].experts;
        QTest::mouseClick(expertButton(*panel, chosen[0]), Qt::LeftButton);
        int wrong = 0;
        while (std::find(chosen.begin(), chosen.end(), wrong) != chosen.end())
            ++wrong;
        QTest::mouseClick(expertButton(*panel, wrong), Qt::LeftButton); // one right, one wrong
        QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("checkButton")), Qt::LeftButton);
        panel->revealPrediction(m_token);
        QApplication::setActiveWindow(panel.get());
        expertButton(*panel, 0)->setFocus();
        QCoreApplication::processEvents(); // let the layout take the revealed sentence
        const QString path = QDir(dir).filePath(dark ? QStringLiteral("lesson_panel_dark.png")
                                                     : QStringLiteral("lesson_panel_light.png"));
        QVERIFY(panel->grab().save(path));
        qInfo("wrote %s", qPrintable(path));
        // Eight experts, one picked, the focus on another: how a guess looks before checking.
        panel->setModelShape(4, 8, 2);
        QCoreApplication::processEvents();
        QTest::mouseClick(expertButton(*panel, 5), Qt::LeftButton);
        expertButton(*panel, 2)->setFocus();
        QCoreApplication::processEvents();
        QVERIFY(panel->grab().save(QDir(dir).filePath(dark ? QStringLiteral("lesson_panel_pick_dark.png")
                                                           : QStringLiteral("lesson_panel_pick_light.png"))));
        panel->setModelShape(m_config.nLayer, m_config.nExpert, m_config.nExpertUsed);
        panel->start(kLesson);
        panel->previous();
        panel->previous();
        panel->previous(); // step 2: "Watch a sum", text only
        QCoreApplication::processEvents();
        const QString textPath = QDir(dir).filePath(dark ? QStringLiteral("lesson_panel_text_dark.png")
                                                         : QStringLiteral("lesson_panel_text_light.png"));
        QVERIFY(panel->grab().save(textPath));
    }
}

// The "before and after" question: kept (not scored) at the start of a track; at the end the box
// shows the first answer beside the new one and the evidence; both survive a restart.
void TestLessonPanel::beliefBeforeAndAfter()
{
    LessonBook book;
    const QStringList choices = {QStringLiteral("One expert does all the math"),
                                 QStringLiteral("Some lean to math"), QStringLiteral("All do the same")};
    for (const bool after : {false, true}) {
        Lesson lesson;
        lesson.id = after ? QStringLiteral("explorer-end") : QStringLiteral("explorer-start");
        lesson.track = QStringLiteral("explorer");
        lesson.title = lesson.id;
        LessonStep step;
        step.title = QStringLiteral("Step");
        step.text = QStringLiteral("Text.");
        lesson.steps << step;
        step.belief =
            LessonBelief{QStringLiteral("math-expert"), after, QStringLiteral("A math expert?"), choices,
                         after ? QStringLiteral("The evidence: switching off …") : QString()};
        lesson.steps << step;
        book.lessons << lesson;
    }
    ProgressStore store(m_path);
    LessonPanel panel;
    panel.setBook(&book);
    panel.setProgressStore(&store);
    panel.resize(460, 820);
    panel.show();
    BeliefBox* box = panel.beliefBox();
    QVERIFY(panel.start(QStringLiteral("explorer-start")));
    QVERIFY(!box->isVisible()); // step 1 asks nothing
    panel.next();
    QVERIFY(box->isVisible());
    QCOMPARE(box->choiceCount(), 3);
    box->keepAnswer(); // nothing picked: nothing kept
    QCOMPARE(store.belief(QStringLiteral("math-expert/before")), -1);
    box->choose(0);
    box->keepAnswer();
    QCOMPARE(store.belief(QStringLiteral("math-expert/before")), 0);
    QVERIFY2(box->resultText().contains(QStringLiteral("end of the track")), qPrintable(box->resultText()));
    box->choose(2); // a kept answer is fixed
    box->keepAnswer();
    QCOMPARE(store.belief(QStringLiteral("math-expert/before")), 0);

    QVERIFY(panel.start(QStringLiteral("explorer-end")));
    panel.next();
    QVERIFY(box->resultText().isEmpty());
    box->choose(1);
    box->keepAnswer();
    const QString result = box->resultText();
    QVERIFY2(result.contains(QStringLiteral("At the start you said: <i>One expert does all the math</i>")),
             qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("Now you say: <i>Some lean to math</i>")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("The evidence")), qPrintable(result));

    ProgressStore reread(m_path); // on disk
    QVERIFY(reread.load());
    QCOMPARE(reread.belief(QStringLiteral("math-expert/before")), 0);
    QCOMPARE(reread.belief(QStringLiteral("math-expert/after")), 1);
    LessonPanel again; // shown again later: the kept answers, fixed
    again.setBook(&book);
    again.setProgressStore(&reread);
    QVERIFY(again.start(QStringLiteral("explorer-end")));
    again.next();
    QVERIFY(again.beliefBox()->resultText().contains(QStringLiteral("At the start you said")));
    QVERIFY(
        !again.beliefBox()->findChild<QPushButton*>(QStringLiteral("keepBeliefButton"))->isVisibleTo(&again));
}

QTEST_MAIN(TestLessonPanel)
#include "tst_lesson_panel.moc"
