// The desktop application's settings: one registry of keys and defaults, persisted with
// QSettings. Values are plain data so they can travel to the worker thread by value.
#pragma once

#include <QMetaType>
#include <QSettings>
#include <QString>

namespace fr::gui {

struct AppSettings {
  // Where the networks run: "auto", "cpu" or "vulkan:UUID", a GPU by its identity (as
  // --device; the older "vulkan:N" is migrated at start, MainWindow).
  QString device = QStringLiteral("auto");
  // On a GPU, tensors stored as 16-bit floats (BackendOptions::vulkan_fp16_storage).
  bool halfPrecision = false;
  // Models: a catalog id or a file path; an empty background model means Lanczos only.
  QString faceModel = QStringLiteral("gfpgan-v1.4");
  QString detector = QStringLiteral("retinaface-resnet50");
  QString backgroundModel;
  double upscale = 2.0;  // 1 to 16
  int tileSize = 0;      // background tiles in pixels; 0 = automatic (fr::kAutoTile)
  int tilePad = 10;
  bool onlyCenterFace = false;
  bool randomNoise = false;  // GFPGAN's noise: stored maps (false) or seeded random
  int maxMegapixels = 100;   // larger photos are refused (as --max-megapixels); 0 = no limit
  // Saving.
  QString outputFolder;                     // empty: a "restored" folder beside each input
  QString format = QStringLiteral("auto");  // auto, png, jpg, webp
  int quality = 95;                         // JPEG and WebP, 1 to 100
  QString suffix;
  // User interface language: "" follows the system, or "en", "zh_CN".
  QString language;

  bool operator==(const AppSettings&) const = default;

  // Missing or invalid stored values fall back to the defaults above.
  static AppSettings load(QSettings& store);
  void save(QSettings& store) const;
};

}  // namespace fr::gui

Q_DECLARE_METATYPE(fr::gui::AppSettings)
