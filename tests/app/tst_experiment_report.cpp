// The experiments drawer's words after a run: a run as trained becomes the baseline of its prompt;
// an experiment on the same prompt is compared with it (same text or changed), one on another
// prompt is not; an arithmetic prompt's answer is graded.
#include "explore/experiment_report.h"

#include <QTest>

class TestExperimentReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void asTrainedRunIsTheBaseline()
    {
        ExperimentReport report;
        report.runStarted(QStringLiteral("Roses are"));
        QCOMPARE(report.runFinished(QStringLiteral(" red"), false, QString()),
                 QStringLiteral("<b>As trained:</b> the model wrote “ red”"));

        const QString changed =
            report.runFinished(QStringLiteral(" blue"), true, QStringLiteral("top-1 routing"));
        QVERIFY2(changed.startsWith(QStringLiteral("<b>With top-1 routing:</b> the model wrote “ blue”")),
                 qPrintable(changed));
        QVERIFY2(changed.contains(QStringLiteral("<br>As trained it wrote “ red” — the text changed.")),
                 qPrintable(changed));
        QVERIFY2(report.runFinished(QStringLiteral(" red"), true, QStringLiteral("top-1 routing"))
                     .contains(QStringLiteral("— the same text.")),
                 "the same words as the baseline");
    }

    void otherPromptHasNoBaseline()
    {
        ExperimentReport report;
        report.runStarted(QStringLiteral("Roses are"));
        report.runFinished(QStringLiteral(" red"), false, QString());
        report.runStarted(QStringLiteral("Violets are"));
        const QString html =
            report.runFinished(QStringLiteral(" blue"), true, QStringLiteral("top-1 routing"));
        QVERIFY2(!html.contains(QStringLiteral("As trained it wrote")), qPrintable(html));
        // Forgetting the baseline (a new model) leaves nothing to compare with either.
        report.runStarted(QStringLiteral("Roses are"));
        report.reset();
        QVERIFY(!report.runFinished(QStringLiteral(" red"), true, QStringLiteral("x"))
                     .contains(QStringLiteral("<br>")));
    }

    void arithmeticIsGraded()
    {
        ExperimentReport report;
        report.runStarted(QStringLiteral("23 + 45 ="));
        QVERIFY(report.runFinished(QStringLiteral(" 68\n"), false, QString())
                    .endsWith(QStringLiteral("<br>✔ 23 + 45 = 68 is right.")));
        QVERIFY(report.runFinished(QStringLiteral(" 67\n"), true, QStringLiteral("x"))
                    .endsWith(QStringLiteral("<br>✘ Not right: 23 + 45 = 68.")));
    }
};

QTEST_MAIN(TestExperimentReport)
#include "tst_experiment_report.moc"
