// The mode table drives the window: every row is a mode-bar button whose shortcut shows the page
// the row makes, --mode accepts exactly the rows' ids (and opens that page), and the keyboard help
// names every row. A tiny seeded model stands in for the real one.
#include "learn/progress_store.h"
#include "shell/app_options.h"
#include "shell/main_window.h"
#include "shell/mode_table.h"
#include "tiny_window_fixture.h"

#include <QAction>
#include <QFile>
#include <QSet>
#include <QStackedWidget>
#include <QTest>
#include <QToolBar>
#include <algorithm>
#include <memory>

namespace {

QString pageClass(const ModeInfo& info)
{
    std::unique_ptr<QWidget> page(info.makePage(nullptr));
    return QString::fromLatin1(page->metaObject()->className());
}

QString shownPageClass(const MainWindow& window)
{
    const auto* pages = qobject_cast<QStackedWidget*>(window.centralWidget());
    return pages ? QString::fromLatin1(pages->currentWidget()->metaObject()->className()) : QString();
}

} // namespace

class TestModeTable : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.init(/*modelSeed=*/7));
        QFile::remove(ProgressStore::defaultPath());
    }

    void rowsAreDistinct()
    {
        QSet<QString> ids, titles, keys;
        QSet<int> modes;
        for (const ModeInfo& info : modeTable()) {
            ids.insert(info.id);
            titles.insert(info.title);
            keys.insert(info.shortcut.toString());
            modes.insert(static_cast<int>(info.mode));
            QVERIFY(!info.help.isEmpty());
            QCOMPARE(modeFromId(info.id), std::optional<AppMode>(info.mode));
            QCOMPARE(modeId(info.mode), info.id);
        }
        const qsizetype rows = modeTable().size();
        QCOMPARE(ids.size(), rows);
        QCOMPARE(titles.size(), rows);
        QCOMPARE(keys.size(), rows);
        QCOMPARE(modes.size(), rows);
        QCOMPARE(modeFromId(QStringLiteral("playground")), std::optional<AppMode>(AppMode::Playground));
        QVERIFY(!modeFromId(QStringLiteral("race")));
    }

    void modeOptionAcceptsTheTable()
    {
        for (const ModeInfo& info : modeTable()) {
            QString error;
            const auto options =
                parseAppOptions({QStringLiteral("tiny-experts"), QStringLiteral("--mode"), info.id}, &error);
            QVERIFY2(options, qPrintable(error));
            QCOMPARE(options->mode, info.id);
        }
        QString error;
        QVERIFY(!parseAppOptions(
            {QStringLiteral("tiny-experts"), QStringLiteral("--mode"), QStringLiteral("nope")}, &error));
        for (const ModeInfo& info : modeTable())
            QVERIFY2(error.contains(info.id), qPrintable(error));
        QCOMPARE(modeIdList(), QStringLiteral("explore, compare, scale, lessons, quiz or playground"));
    }

    void modeOptionOpensItsPage()
    {
        for (const ModeInfo& info : modeTable()) {
            MainWindow window(options(info.id));
            QCOMPARE(window.mode(), info.mode);
            QCOMPARE(shownPageClass(window), pageClass(info));
        }
    }

    void modeBarShortcutsShowTheirPages()
    {
        MainWindow window(options(QStringLiteral("explore")));
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* bar = window.findChild<QToolBar*>(QStringLiteral("modeBar"));
        QVERIFY(bar);
        QList<ModeInfo> rows = modeTable();
        std::reverse(rows.begin(), rows.end()); // from the last mode, so each key changes the page
        for (const ModeInfo& info : rows) {
            QAction* button = nullptr;
            for (QAction* a : bar->actions())
                if (a->text() == info.title)
                    button = a;
            QVERIFY2(button, qPrintable(info.title));
            QCOMPARE(button->shortcut(), info.shortcut);
            QVERIFY(button->toolTip().startsWith(info.help));
            QTest::keySequence(&window, info.shortcut);
            QCOMPARE(window.mode(), info.mode);
            QCOMPARE(shownPageClass(window), pageClass(info));
            QVERIFY(button->isChecked());
        }
    }

    void helpNamesEveryMode()
    {
        const QString rows = modeHelpRows();
        for (const ModeInfo& info : modeTable()) {
            QVERIFY2(rows.contains(info.title), qPrintable(info.title));
            QVERIFY2(rows.contains(info.help.toHtmlEscaped()), qPrintable(info.help));
            QVERIFY2(rows.contains(info.shortcut.toString(QKeySequence::NativeText)), qPrintable(info.id));
        }
    }

private:
    AppOptions options(const QString& mode) const { return m_fixture.options(mode, QStringLiteral("en")); }

    TinyWindowFixture m_fixture;
};

QTEST_MAIN(TestModeTable)
#include "tst_mode_table.moc"
