// The device choices offered in the settings: "Automatic", each Vulkan device by name with its
// memory, and the CPU, as facerestore-cli --list-devices shows them.
#pragma once

#include <QString>
#include <QVector>

#include "core/device.h"

namespace fr::gui {

struct DeviceOption {
  QString value;  // what AppSettings::device stores: "auto", "vulkan:UUID", "cpu"
  QString label;  // what the user reads, e.g. "AMD Radeon RX 6600 — 8.0 GiB, discrete GPU"
};

// Automatic first (its label names what resolve_device would pick now), then every Vulkan
// device in the loader's order by its identity, "vulkan:UUID" ("vulkan:N", N its loader index,
// where the driver has no UUID), then the CPU. Every value is a canonical device string that
// AppSettings accepts. Labels are translated in the "DeviceOptions" context.
QVector<DeviceOption> deviceOptions(const fr::DeviceList& devices);

}  // namespace fr::gui
