#include "app/gui/settings_dialog.h"

namespace fr::gui {

SettingsDialog::SettingsDialog(const AppSettings& current, const QVector<DeviceOption>&,
                               QWidget* parent)
    : QDialog(parent), current_(current) {}

AppSettings SettingsDialog::settings() const {
  return current_;
}

}  // namespace fr::gui
