#include <QtTest>

class Testmain_window : public QObject {
  Q_OBJECT
};

QTEST_MAIN(Testmain_window)
#include "test_main_window.moc"
