// The settings dialog: every AppSettings field, grouped in pages (processing, models, output,
// interface). It edits a copy; the caller saves settings() when the dialog is accepted.
#pragma once

#include <QDialog>
#include <QVector>

#include "app/gui/app_settings.h"
#include "app/gui/device_options.h"

namespace fr::gui {

class SettingsDialog : public QDialog {
  Q_OBJECT

 public:
  SettingsDialog(const AppSettings& current, const QVector<DeviceOption>& devices,
                 QWidget* parent = nullptr);

  // The settings as edited.
  AppSettings settings() const;

 private:
  AppSettings current_;
};

}  // namespace fr::gui
