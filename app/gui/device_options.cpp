#include "app/gui/device_options.h"

namespace fr::gui {

QVector<DeviceOption> deviceOptions(const fr::DeviceList&) {
  return {};
}

}  // namespace fr::gui
