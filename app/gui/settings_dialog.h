// The settings dialog: every AppSettings field, grouped in pages (processing, models, output,
// interface). It edits a copy; the caller saves settings() when the dialog is accepted.
#pragma once

#include <functional>

#include <QDialog>
#include <QVector>

#include "app/gui/app_settings.h"
#include "app/gui/device_options.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace fr::gui {

// Widgets carry object names for tests: deviceCombo, upscaleSpin, tileAutoCheck, tileSizeSpin,
// tilePadSpin, maxMegapixelsSpin, centerFaceCheck, noiseCombo, faceModelCombo, detectorCombo,
// backgroundCombo, outputFolderEdit, outputFolderBrowse, formatCombo, qualitySpin, suffixEdit,
// languageCombo and restoreDefaultsButton. Combo boxes keep the stored value in each item's
// Qt::UserRole data.
class SettingsDialog : public QDialog {
  Q_OBJECT

 public:
  // `devices` is the list offered (deviceOptions()); a current device that is not in it is kept
  // as an "Unavailable device" entry, and a model that is neither a supported catalog model of
  // its role nor empty (a file path, an unknown id) is kept as its own entry, so that accepting
  // the dialog without changes gives `current` back.
  SettingsDialog(const AppSettings& current, const QVector<DeviceOption>& devices,
                 QWidget* parent = nullptr);

  // The settings as edited: `current` with every field shown in the dialog read from its widget.
  AppSettings settings() const;

  // Asks the user for a path, starting at `start`; returns an empty string when cancelled.
  using PathChooser = std::function<QString(QWidget* parent, const QString& start)>;
  // Replace the QFileDialogs behind "Other file…" (a .pth or .safetensors file) and the output
  // folder's "Browse…" (a folder); tests use this to avoid modal file dialogs.
  void setModelFileChooser(PathChooser chooser);
  void setFolderChooser(PathChooser chooser);

 private:
  QWidget* buildProcessingPage(const QVector<DeviceOption>& devices);
  QWidget* buildModelsPage();
  QWidget* buildOutputPage();
  QWidget* buildInterfacePage();
  // Shows `s` in every widget; fields the dialog does not show are left alone.
  void showSettings(const AppSettings& s);
  void restoreDefaults();
  // "Other file…" was picked in a model combo: ask for a file, or go back to the previous entry.
  void chooseModelFile(QComboBox* combo);
  void browseOutputFolder();
  void updateEnabled();

  AppSettings current_;          // the fields the dialog does not show come from here
  double shownUpscale_ = 0;      // the upscale factor last shown, before the spin box's rounding
  double shownUpscaleSpin_ = 0;  // what the spin box made of it
  PathChooser modelFileChooser_;
  PathChooser folderChooser_;

  QComboBox* deviceCombo_ = nullptr;
  QCheckBox* halfPrecisionCheck_ = nullptr;  // off limits while the CPU is chosen
  QDoubleSpinBox* upscaleSpin_ = nullptr;
  QCheckBox* tileAutoCheck_ = nullptr;
  QSpinBox* tileSizeSpin_ = nullptr;
  QSpinBox* tilePadSpin_ = nullptr;
  QSpinBox* maxMegapixelsSpin_ = nullptr;
  QCheckBox* centerFaceCheck_ = nullptr;
  QComboBox* noiseCombo_ = nullptr;
  QComboBox* faceModelCombo_ = nullptr;
  QComboBox* detectorCombo_ = nullptr;
  QComboBox* backgroundCombo_ = nullptr;
  QLineEdit* outputFolderEdit_ = nullptr;
  QComboBox* formatCombo_ = nullptr;
  QSpinBox* qualitySpin_ = nullptr;
  QLineEdit* suffixEdit_ = nullptr;
  QComboBox* languageCombo_ = nullptr;
};

}  // namespace fr::gui
