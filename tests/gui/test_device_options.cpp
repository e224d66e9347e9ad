// deviceOptions: the order and values of the device choices, labels that name each device and
// its memory, the real machine's list, and that every value is one AppSettings keeps.
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/app_settings.h"
#include "app/gui/device_options.h"

using fr::gui::AppSettings;
using fr::gui::DeviceOption;

namespace {

constexpr uint64_t kGiB = 1024ull * 1024 * 1024;
const QString kGpuUuid = QStringLiteral("00112233445566778899aabbccddeeff");

// A discrete GPU at loader index 0 (with its UUID), a software rasterizer at 1 (a driver that
// reports none), and the CPU.
fr::DeviceList syntheticDevices() {
  fr::DeviceList list;
  list.cpu.name = "Example Processor 9000";
  list.cpu.threads = 12;
  list.cpu.isa = "AVX2";
  fr::VulkanDeviceInfo gpu;
  gpu.index = 0;
  gpu.name = "Example Radeon RX 6600";
  gpu.type = fr::GpuType::discrete;
  gpu.uuid = kGpuUuid.toStdString();
  gpu.device_local_bytes = 8 * kGiB;
  fr::VulkanDeviceInfo soft;
  soft.index = 1;
  soft.name = "llvmpipe (LLVM 15.0.7, 256 bits)";
  soft.type = fr::GpuType::software;
  soft.device_local_bytes = 2 * kGiB + kGiB / 2;
  list.vulkan = {gpu, soft};
  return list;
}

QStringList values(const QVector<DeviceOption>& options) {
  QStringList out;
  for (const DeviceOption& o : options) out << o.value;
  return out;
}

QString describe(const QVector<DeviceOption>& options) {
  QStringList out;
  for (const DeviceOption& o : options) out << o.value + QStringLiteral(" = ") + o.label;
  return out.join(QStringLiteral("; "));
}

}  // namespace

class TestDeviceOptions : public QObject {
  Q_OBJECT

 private slots:
  void syntheticListInOrder() {
    const auto options = fr::gui::deviceOptions(syntheticDevices());
    QCOMPARE(values(options), QStringList({"auto", "vulkan:" + kGpuUuid, "vulkan:1", "cpu"}));
  }

  void syntheticLabelsNameDevicesAndMemory() {
    const auto options = fr::gui::deviceOptions(syntheticDevices());
    QCOMPARE(options.size(), 4);
    // "auto" picks the discrete GPU and says so.
    QVERIFY2(options[0].label.contains(QStringLiteral("Automatic")), qPrintable(options[0].label));
    QVERIFY2(options[0].label.contains(QStringLiteral("Example Radeon RX 6600")),
             qPrintable(options[0].label));
    QVERIFY2(options[1].label.contains(QStringLiteral("Example Radeon RX 6600")),
             qPrintable(options[1].label));
    QVERIFY2(options[1].label.contains(QStringLiteral("8.0 GiB")), qPrintable(options[1].label));
    QVERIFY2(options[1].label.contains(QStringLiteral("discrete GPU")),
             qPrintable(options[1].label));
    QVERIFY2(options[2].label.contains(QStringLiteral("llvmpipe")), qPrintable(options[2].label));
    QVERIFY2(options[2].label.contains(QStringLiteral("2.5 GiB")), qPrintable(options[2].label));
    QVERIFY2(options[2].label.contains(QStringLiteral("software")), qPrintable(options[2].label));
    QVERIFY2(options[3].label.contains(QStringLiteral("Example Processor 9000")),
             qPrintable(options[3].label));
    QVERIFY2(options[3].label.contains(QStringLiteral("12 threads")), qPrintable(options[3].label));
  }

  void identityIsTheValueOrElseTheLoaderIndex() {
    // A GPU is stored by its UUID whatever its place; without one, vulkan:N names the
    // loader's index, not the position in the list.
    fr::DeviceList list = syntheticDevices();
    list.vulkan[0].index = 3;
    list.vulkan[1].index = 5;
    QCOMPARE(values(fr::gui::deviceOptions(list)),
             QStringList({"auto", "vulkan:" + kGpuUuid, "vulkan:5", "cpu"}));
  }

  void automaticNeverPicksSoftware() {
    fr::DeviceList list = syntheticDevices();
    list.vulkan.erase(list.vulkan.begin());  // only the software rasterizer is left
    const auto options = fr::gui::deviceOptions(list);
    QCOMPARE(values(options), QStringList({"auto", "vulkan:1", "cpu"}));
    QVERIFY2(!options[0].label.contains(QStringLiteral("llvmpipe")), qPrintable(options[0].label));
    QVERIFY2(options[0].label.contains(QStringLiteral("CPU")), qPrintable(options[0].label));
  }

  void noVulkanSaysSo() {
    fr::DeviceList list = syntheticDevices();
    list.vulkan.clear();
    list.vulkan_problem = "no Vulkan loader found";
    const auto options = fr::gui::deviceOptions(list);
    QCOMPARE(values(options), QStringList({"auto", "cpu"}));
    QVERIFY2(options[0].label.contains(QStringLiteral("CPU")), qPrintable(options[0].label));
    QVERIFY2(options[0].label.contains(QStringLiteral("no Vulkan GPU")),
             qPrintable(options[0].label));
  }

  void realDevices() {
    const fr::DeviceList devices = fr::list_devices();
    const auto options = fr::gui::deviceOptions(devices);
    qInfo("%s", qPrintable(describe(options)));
    QVERIFY(options.size() >= 2);
    QCOMPARE(options.first().value, QStringLiteral("auto"));
    QCOMPARE(options.last().value, QStringLiteral("cpu"));
    QVERIFY2(options.last().label.contains(QString::fromStdString(devices.cpu.name)),
             qPrintable(options.last().label));
    QCOMPARE(options.size(), int(devices.vulkan.size()) + 2);

    if (devices.vulkan.empty()) {
      if (qEnvironmentVariableIsSet("FACERESTORE_REQUIRE_VULKAN"))
        QFAIL(qPrintable(QStringLiteral("FACERESTORE_REQUIRE_VULKAN is set but no Vulkan device "
                                        "was found (%1); install Mesa's lavapipe "
                                        "(mesa-vulkan-drivers) or unset the variable.")
                             .arg(QString::fromStdString(devices.vulkan_problem))));
      QSKIP("no Vulkan device on this machine; set FACERESTORE_REQUIRE_VULKAN to require one");
    }
    bool lavapipe = false;
    for (const DeviceOption& o : options)
      if (o.value.startsWith(QStringLiteral("vulkan:")) &&
          o.label.contains(QStringLiteral("llvmpipe")))
        lavapipe = true;
    if (qEnvironmentVariableIsSet("FACERESTORE_REQUIRE_VULKAN"))
      QVERIFY2(lavapipe,
               qPrintable(QStringLiteral("no lavapipe (llvmpipe) entry in: ") + describe(options)));
    // Every Vulkan 1.1 driver reports a UUID: each GPU is offered by its identity.
    const QRegularExpression identity(QStringLiteral("^vulkan:[0-9a-f]{32}$"));
    for (const DeviceOption& o : options)
      if (o.value.startsWith(QStringLiteral("vulkan:")))
        QVERIFY2(identity.match(o.value).hasMatch(), qPrintable(describe(options)));
  }

  void everyValueIsKeptByAppSettings() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVector<DeviceOption> options = fr::gui::deviceOptions(syntheticDevices());
    options += fr::gui::deviceOptions(fr::list_devices());
    for (const DeviceOption& o : options) {
      AppSettings s;
      s.device = o.value;
      const QString path = dir.filePath(QStringLiteral("settings.ini"));
      {
        QSettings store(path, QSettings::IniFormat);
        store.clear();
        s.save(store);
      }
      QSettings store(path, QSettings::IniFormat);
      QCOMPARE(AppSettings::load(store).device, o.value);
    }
  }
};

QTEST_MAIN(TestDeviceOptions)
#include "test_device_options.moc"
