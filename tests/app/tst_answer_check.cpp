// The experiments panel's arithmetic check: prompts it recognises, and the exact-match rule it
// shares with the evaluator (moe::isCorrectContinuation).
#include "explore/answer_check.h"

#include <QTest>

class TestAnswerCheck : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void grades_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("continuation");
        QTest::addColumn<bool>("recognised");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<bool>("correct");
        QTest::newRow("addition right") << "23 + 45 ="
                                        << " 68\n12 + 3 = 15" << true << qint64(68) << true;
        QTest::newRow("addition wrong") << "23 + 45 ="
                                        << " 63\n"
                                        << true << qint64(68) << false;
        QTest::newRow("answer without newline") << "23 + 45 ="
                                                << " 68" << true << qint64(68) << true;
        QTest::newRow("longer number is wrong") << "23 + 45 ="
                                                << " 681\n"
                                                << true << qint64(68) << false;
        QTest::newRow("subtraction") << "91 - 36 ="
                                     << " 55\n"
                                     << true << qint64(55) << true;
        QTest::newRow("times with x") << "7 x 8 ="
                                      << " 56\n"
                                      << true << qint64(56) << true;
        QTest::newRow("times with star") << "12 * 12 ="
                                         << " 144\n"
                                         << true << qint64(144) << true;
        QTest::newRow("not arithmetic") << "The moon upon the water"
                                        << " shone" << false << qint64(0) << false;
        QTest::newRow("no equals sign") << "23 + 45"
                                        << " = 68" << false << qint64(0) << false;
        QTest::newRow("huge numbers refused") << "12345678 + 1 ="
                                              << " 12345679" << false << qint64(0) << false;
    }
    void grades()
    {
        QFETCH(QString, prompt);
        QFETCH(QString, continuation);
        QFETCH(bool, recognised);
        QFETCH(qint64, expected);
        QFETCH(bool, correct);
        const auto check = checkArithmeticAnswer(prompt, continuation);
        QCOMPARE(check.has_value(), recognised);
        if (!check)
            return;
        QCOMPARE(check->expected, expected);
        QCOMPARE(check->correct, correct);
    }
};

QTEST_APPLESS_MAIN(TestAnswerCheck)
#include "tst_answer_check.moc"
