#include "app/gui/device_options.h"

#include <QCoreApplication>

// Every text is written out in QCoreApplication::translate("DeviceOptions", …) so that lupdate
// finds it.

namespace fr::gui {
namespace {

QString gpuTypeText(fr::GpuType type) {
  switch (type) {
    case fr::GpuType::discrete:
      return QCoreApplication::translate("DeviceOptions", "discrete GPU");
    case fr::GpuType::integrated:
      return QCoreApplication::translate("DeviceOptions", "integrated GPU");
    case fr::GpuType::virtual_gpu:
      return QCoreApplication::translate("DeviceOptions", "virtual GPU");
    case fr::GpuType::software:
      return QCoreApplication::translate("DeviceOptions", "software, runs on the CPU");
    case fr::GpuType::other:
      break;
  }
  return QCoreApplication::translate("DeviceOptions", "other device");
}

QString memoryText(uint64_t bytes) {
  if (bytes == 0) return QCoreApplication::translate("DeviceOptions", "memory unknown");
  return QCoreApplication::translate("DeviceOptions", "%1 GiB")
      .arg(double(bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 1);
}

QString cpuName(const fr::CpuInfo& cpu) {
  return cpu.name.empty() ? QStringLiteral("CPU") : QString::fromStdString(cpu.name);
}

// What "auto" resolves to on this machine, in words.
QString automaticLabel(const fr::DeviceList& devices) {
  auto pick = fr::resolve_device(fr::DeviceChoice{}, devices);
  if (pick && !pick->is_cpu)
    return QCoreApplication::translate("DeviceOptions", "Automatic (%1)")
        .arg(QString::fromStdString(pick->name));
  if (devices.vulkan.empty() && !devices.vulkan_problem.empty())
    return QCoreApplication::translate("DeviceOptions",
                                       "Automatic (CPU — no Vulkan GPU available)");
  if (!devices.vulkan.empty())
    return QCoreApplication::translate("DeviceOptions", "Automatic (CPU — no hardware GPU found)");
  return QCoreApplication::translate("DeviceOptions", "Automatic (CPU)");
}

}  // namespace

QVector<DeviceOption> deviceOptions(const fr::DeviceList& devices) {
  QVector<DeviceOption> options;
  options.push_back({QStringLiteral("auto"), automaticLabel(devices)});
  for (const auto& d : devices.vulkan) {
    fr::DeviceChoice choice;
    choice.mode = fr::DeviceChoice::Mode::vulkan;
    choice.vulkan_index = d.index;
    const auto device = fr::resolve_device(choice, devices);
    options.push_back({QString::fromStdString(device->setting()),
                       QCoreApplication::translate("DeviceOptions", "%1 — %2, %3")
                           .arg(QString::fromStdString(d.name), memoryText(d.device_local_bytes),
                                gpuTypeText(d.type))});
  }
  options.push_back({QStringLiteral("cpu"),
                     QCoreApplication::translate("DeviceOptions", "CPU — %1, %2 threads")
                         .arg(cpuName(devices.cpu), QString::number(devices.cpu.threads))});
  return options;
}

}  // namespace fr::gui
