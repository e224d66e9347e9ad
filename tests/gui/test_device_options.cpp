#include <QtTest>

class Testdevice_options : public QObject {
  Q_OBJECT
};

QTEST_MAIN(Testdevice_options)
#include "test_device_options.moc"
