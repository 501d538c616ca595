// LessonLibraryPage: the tracks and their lessons from a book, each lesson's state from the progress
// store, the buttons and the Continue banner emitting the right lesson, and keyboard reach.
#include "learn/progress_store.h"
#include "lessons/lesson_library_page.h"
#include "lessons/level_pips.h"
#include "shell/theme.h"
#include "tst_lesson_fixture.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString kFirst = QStringLiteral("explorer-many-experts");  // 7 steps
const QString kSecond = QStringLiteral("explorer-hospital");     // 4 steps, after kFirst
const QString kBuilder = QStringLiteral("builder-total-active"); // 6 steps

template <typename T> T* child(const QWidget& page, const QString& name)
{
    return page.findChild<T*>(name);
}

QString stateOf(const QWidget& page, const QString& id)
{
    const auto* label = child<QLabel>(page, QStringLiteral("state:") + id);
    return label ? label->text() : QStringLiteral("<no state for %1>").arg(id);
}

QPushButton* buttonOf(const QWidget& page, const QString& id)
{
    return child<QPushButton>(page, QStringLiteral("open:") + id);
}

} // namespace

class TestLessonLibrary : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();

    void listsTracksAndLessonsInOrder();
    void statesComeFromTheStore_data();
    void statesComeFromTheStore();
    void buttonsChooseTheirLesson();
    void continueBannerOffersTheLastLesson();
    void prerequisiteIsAHintNotALock();
    void replacingTheBookRebuilds();
    void scrollsWhenSmall_data();
    void scrollsWhenSmall();
    void keyboardReachesEveryButton();
    void screenshot();

private:
    // The page on the test's book and progress store, shown at `size`.
    void showPage(LessonLibraryPage& page, QSize size = QSize(1600, 1000)) const;
    LessonBook m_book;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProgressStore> m_store;
};

void TestLessonLibrary::initTestCase()
{
    m_book = lessonfixture::book();
}

void TestLessonLibrary::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<ProgressStore>(m_dir->filePath(QStringLiteral("progress.json")));
}

void TestLessonLibrary::showPage(LessonLibraryPage& page, QSize size) const
{
    page.setBook(&m_book);
    page.setProgressStore(m_store.get());
    page.resize(size);
    page.show();
}

void TestLessonLibrary::listsTracksAndLessonsInOrder()
{
    LessonLibraryPage page;
    showPage(page);
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    int previousX = -1;
    for (const LessonTrack& track : m_book.tracks) {
        auto* column = child<QWidget>(page, QStringLiteral("track:") + track.id);
        QVERIFY2(column, qPrintable(track.id));
        QCOMPARE(child<QLabel>(page, QStringLiteral("trackTitle:") + track.id)->text(), track.title);
        // Side by side, left to right in the file's order.
        QVERIFY(column->x() > previousX);
        previousX = column->x();
        const QList<QLabel*> labels = column->findChildren<QLabel*>();
        const auto shows = [&labels](const QString& text) {
            return std::any_of(labels.begin(), labels.end(),
                               [&](QLabel* l) { return l->text().contains(text); });
        };
        QVERIFY(shows(track.audience));
        QVERIFY(shows(track.description));

        int previousY = -1;
        int number = 0;
        for (const Lesson* lesson : m_book.lessonsOf(track.id)) {
            ++number;
            auto* card = child<QWidget>(page, QStringLiteral("lessonCard:") + lesson->id);
            QVERIFY2(card, qPrintable(lesson->id));
            QCOMPARE(card->parentWidget(), column);
            QVERIFY(card->y() > previousY); // in order, top to bottom
            previousY = card->y();
            QCOMPARE(child<QLabel>(page, QStringLiteral("lessonTitle:") + lesson->id)->text(),
                     QStringLiteral("%1. %2").arg(number).arg(lesson->title));
            QVERIFY(shows(lesson->objective));
            auto* pips = child<LevelPips>(page, QStringLiteral("level:") + lesson->id);
            QCOMPARE(pips->level(), lesson->level);
            QCOMPARE(pips->accessibleName(), QStringLiteral("Level %1 of 3").arg(lesson->level));
        }
        QVERIFY(number > 0);
    }
    QCOMPARE(page.findChildren<QPushButton*>(QRegularExpression(QStringLiteral("^open:"))).size(),
             m_book.lessons.size());
    QCOMPARE(child<QLabel>(page, QStringLiteral("summary"))->text(), QStringLiteral("0 of 9 lessons done."));
}

void TestLessonLibrary::statesComeFromTheStore_data()
{
    QTest::addColumn<int>("step");
    QTest::addColumn<bool>("completed");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("button");
    QTest::newRow("new") << 0 << false << QStringLiteral("Not started") << QStringLiteral("Start");
    QTest::newRow("half way") << 2 << false << QStringLiteral("Step 3 of 7") << QStringLiteral("Continue");
    QTest::newRow("done") << 0 << true << QStringLiteral("Done ✓") << QStringLiteral("Again");
    QTest::newRow("done, going again")
        << 4 << true << QStringLiteral("Done ✓ · at step 5 of 7") << QStringLiteral("Continue");
}

void TestLessonLibrary::statesComeFromTheStore()
{
    QFETCH(int, step);
    QFETCH(bool, completed);
    QFETCH(QString, state);
    QFETCH(QString, button);
    if (step > 0 || completed)
        m_store->setLesson(kFirst, {step, completed});
    m_store->setLesson(kBuilder, {1, false}); // another lesson, unaffected
    QVERIFY(m_store->save());

    // From a new store on the same file: what a restart shows.
    ProgressStore reread(m_store->path());
    QVERIFY(reread.load());
    LessonLibraryPage page;
    page.setBook(&m_book);
    page.setProgressStore(&reread);
    QCOMPARE(stateOf(page, kFirst), state);
    QCOMPARE(buttonOf(page, kFirst)->text(), button);
    QVERIFY(buttonOf(page, kFirst)->accessibleName().contains(m_book.lesson(kFirst)->title));
    QCOMPARE(stateOf(page, kBuilder), QStringLiteral("Step 2 of 6"));
    QCOMPARE(stateOf(page, kSecond), QStringLiteral("Not started"));
    QCOMPARE(child<QLabel>(page, QStringLiteral("summary"))->text(),
             QStringLiteral("%1 of 9 lessons done.").arg(completed ? 1 : 0));

    // refresh() picks up what the lesson panel wrote since.
    reread.setLesson(kSecond, {3, false});
    QCOMPARE(stateOf(page, kSecond), QStringLiteral("Not started"));
    page.refresh();
    QCOMPARE(stateOf(page, kSecond), QStringLiteral("Step 4 of 4"));
    QCOMPARE(buttonOf(page, kSecond)->text(), QStringLiteral("Continue"));
}

void TestLessonLibrary::buttonsChooseTheirLesson()
{
    m_store->setLesson(kBuilder, {2, false});
    LessonLibraryPage page;
    showPage(page);
    QSignalSpy chosen(&page, &LessonLibraryPage::lessonChosen);
    QTest::mouseClick(buttonOf(page, kSecond), Qt::LeftButton);  // Start
    QTest::mouseClick(buttonOf(page, kBuilder), Qt::LeftButton); // Continue
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen.at(0).at(0).toString(), kSecond);
    QCOMPARE(chosen.at(1).at(0).toString(), kBuilder);
}

void TestLessonLibrary::continueBannerOffersTheLastLesson()
{
    LessonLibraryPage page;
    page.setBook(&m_book);
    page.resize(1600, 1000);
    page.show();
    auto* banner = child<QPushButton>(page, QStringLiteral("continueButton"));
    QVERIFY(banner->isHidden()); // no store

    page.setProgressStore(m_store.get());
    QVERIFY(banner->isHidden()); // nothing started

    m_store->setLesson(kFirst, {2, false});
    m_store->setLastLesson(kFirst);
    page.refresh();
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->accessibleName(),
             QStringLiteral("Continue: A big AI is lots of tiny experts (step 3 of 7)"));
    QVERIFY(banner->text().endsWith(banner->accessibleName()));
    QSignalSpy chosen(&page, &LessonLibraryPage::lessonChosen);
    QTest::mouseClick(banner, Qt::LeftButton);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), kFirst);

    m_store->setLesson(kFirst, {0, true}); // finished: nothing to continue
    page.refresh();
    QVERIFY(banner->isHidden());

    m_store->setLastLesson(QStringLiteral("gone-from-the-book"));
    page.refresh();
    QVERIFY(banner->isHidden());

    // The page re-reads the store whenever it is shown.
    m_store->setLesson(kSecond, {1, false});
    m_store->setLastLesson(kSecond);
    page.hide();
    page.show();
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QStringLiteral("(step 2 of 4)")));
}

void TestLessonLibrary::prerequisiteIsAHintNotALock()
{
    LessonLibraryPage page;
    showPage(page);
    auto* hint = child<QLabel>(page, QStringLiteral("hint:") + kSecond);
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(), QStringLiteral("Tip: do “A big AI is lots of tiny experts” first."));
    QVERIFY(buttonOf(page, kSecond)->isEnabled());                              // a hint, not a lock
    QVERIFY(child<QLabel>(page, QStringLiteral("hint:") + kFirst)->isHidden()); // none needed

    m_store->setLesson(kFirst, {0, true});
    page.refresh();
    QVERIFY(hint->isHidden());
}

void TestLessonLibrary::replacingTheBookRebuilds()
{
    LessonLibraryPage page;
    page.setBook(&m_book);
    LessonBook other;
    other.tracks << LessonTrack{QStringLiteral("builder"), QStringLiteral("Baumeister"),
                                QStringLiteral("Jugendliche"), QStringLiteral("Nur ein Kurs.")};
    other.lessons << lessonfixture::lesson(QStringLiteral("builder-only"), QStringLiteral("builder"),
                                           QStringLiteral("Einzige Lektion"), QStringLiteral("Ziel."), 2,
                                           QString(), 2);
    page.setBook(&other);
    QVERIFY(!child<QWidget>(page, QStringLiteral("track:explorer")));
    QVERIFY(!buttonOf(page, kFirst));
    QVERIFY(buttonOf(page, QStringLiteral("builder-only")));
    QCOMPARE(child<QLabel>(page, QStringLiteral("trackTitle:builder"))->text(), QStringLiteral("Baumeister"));

    page.setBook(nullptr);
    QVERIFY(child<QLabel>(page, QStringLiteral("noLessons")));
    QVERIFY(!buttonOf(page, QStringLiteral("builder-only")));
}

void TestLessonLibrary::scrollsWhenSmall_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1024x700") << QSize(1024, 700);
    QTest::newRow("1024x500") << QSize(1024, 500);
    QTest::newRow("1600x1000") << QSize(1600, 1000);
}

// Whatever the window, nothing is squeezed or cut off: what does not fit scrolls, up and down only.
void TestLessonLibrary::scrollsWhenSmall()
{
    QFETCH(QSize, size);
    m_store->setLesson(kFirst, {2, false});
    m_store->setLastLesson(kFirst); // with the Continue button
    LessonLibraryPage page;
    showPage(page, size);
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCoreApplication::processEvents();
    auto* scroll = child<QScrollArea>(page, QStringLiteral("libraryScroll"));
    QWidget* content = scroll->widget();
    QVERIFY(content->height() >= content->minimumSizeHint().height());
    QCOMPARE(scroll->verticalScrollBar()->maximum(),
             std::max(0, content->height() - scroll->viewport()->height()));
    if (size.height() <= 500)
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
    QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0); // the three columns fit across
    auto* creator = child<QWidget>(page, QStringLiteral("track:creator"));
    QVERIFY(creator->mapTo(content, QPoint(creator->width(), 0)).x() <= scroll->viewport()->width());
    // Every card is as tall as its text needs (word wrap measured at its real width).
    for (const Lesson& lesson : m_book.lessons) {
        auto* card = child<QWidget>(page, QStringLiteral("lessonCard:") + lesson.id);
        QVERIFY2(card->height() >= card->heightForWidth(card->width()), qPrintable(lesson.id));
    }
}

void TestLessonLibrary::keyboardReachesEveryButton()
{
    m_store->setLesson(kFirst, {2, false});
    m_store->setLastLesson(kFirst);
    LessonLibraryPage page;
    showPage(page, QSize(1024, 700));
    QApplication::setActiveWindow(&page);
    QVERIFY(QTest::qWaitForWindowActive(&page));
    child<QPushButton>(page, QStringLiteral("continueButton"))->setFocus();
    QSet<QString> reached;
    for (int i = 0; i < 30; ++i) {
        reached.insert(QApplication::focusWidget()->objectName());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    }
    QVERIFY(reached.contains(QStringLiteral("continueButton")));
    for (const Lesson& lesson : m_book.lessons)
        QVERIFY2(reached.contains(QStringLiteral("open:") + lesson.id), qPrintable(lesson.id));

    // Space on a focused button opens its lesson.
    QSignalSpy chosen(&page, &LessonLibraryPage::lessonChosen);
    buttonOf(page, kBuilder)->setFocus();
    QTest::keyClick(buttonOf(page, kBuilder), Qt::Key_Space);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), kBuilder);
    for (QAbstractButton* button : page.findChildren<QAbstractButton*>())
        QVERIFY2(!button->accessibleName().isEmpty(), qPrintable(button->objectName()));
}

// Writes the page at both sizes, light and dark, when LESSONS_SCREENSHOT_DIR is set.
void TestLessonLibrary::screenshot()
{
    const QString dir = qEnvironmentVariable("LESSONS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set LESSONS_SCREENSHOT_DIR to write screenshots");
    m_store->setLesson(kFirst, {0, true});
    m_store->setLesson(kSecond, {2, false});
    m_store->setLastLesson(kSecond);
    m_store->setLesson(kBuilder, {5, false});
    for (const bool dark : {false, true}) {
        Theme::apply(dark ? Theme::Kind::Dark : Theme::Kind::Light);
        for (const QSize size : {QSize(1600, 1000), QSize(1024, 700)}) {
            LessonLibraryPage page;
            showPage(page, size);
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QApplication::setActiveWindow(&page);
            QVERIFY(QTest::qWaitForWindowActive(&page));
            if (size.width() == 1024)
                page.findChild<QPushButton*>(QStringLiteral("continueButton"))->setFocus(); // the focus ring
            QCoreApplication::processEvents();
            const QString path =
                QDir(dir).filePath(QStringLiteral("lesson_library_%1_%2x%3.png")
                                       .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                       .arg(size.width())
                                       .arg(size.height()));
            QVERIFY(page.grab().save(path));
            qInfo("wrote %s", qPrintable(path));
        }
    }
}

QTEST_MAIN(TestLessonLibrary)
#include "tst_lesson_library.moc"
