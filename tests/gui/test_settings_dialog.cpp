#include <QtTest>

class Testsettings_dialog : public QObject {
  Q_OBJECT
};

QTEST_MAIN(Testsettings_dialog)
#include "test_settings_dialog.moc"
