#include "app/gui/settings_dialog.h"

#include <cmath>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include "models/model_catalog.h"

namespace fr::gui {
namespace {

// Marks a model combo's "Other file…" entry; it has no value of its own.
constexpr int kOtherFileRole = Qt::UserRole + 1;
// A model combo's property: the index of the entry selected before "Other file…".
constexpr char kLastIndexProperty[] = "lastModelIndex";

bool isOtherFileItem(const QComboBox* combo, int index) {
  return combo->itemData(index, kOtherFileRole).toBool();
}

int otherFileIndex(const QComboBox* combo) {
  for (int i = 0; i < combo->count(); ++i)
    if (isOtherFileItem(combo, i)) return i;
  return -1;
}

int findValue(const QComboBox* combo, const QString& value) {
  for (int i = 0; i < combo->count(); ++i)
    if (!isOtherFileItem(combo, i) && combo->itemData(i).toString() == value) return i;
  return -1;
}

// Selects the entry holding `value`, adding one labelled `label` (before "Other file…", if the
// combo has it) when there is none.
void selectValue(QComboBox* combo, const QString& value, const QString& label) {
  int index = findValue(combo, value);
  if (index < 0) {
    const int other = otherFileIndex(combo);
    index = other >= 0 ? other : combo->count();
    combo->insertItem(index, label, value);
    combo->setItemData(index, value, Qt::ToolTipRole);
  }
  combo->setCurrentIndex(index);
}

// The selected entry's value; `fallback` while "Other file…" (or nothing) is selected.
QString selectedValue(const QComboBox* combo, const QString& fallback) {
  const int index = combo->currentIndex();
  if (index < 0 || isOtherFileItem(combo, index)) return fallback;
  return combo->itemData(index).toString();
}

// A model setting that is a catalog id is shown by the model's name; anything else (a file
// path, an unknown id) as it is written.
QString modelLabel(const QString& value) {
  const fr::CatalogModel* model = fr::find_catalog_model(value.toStdString());
  if (model && QString::fromStdString(model->id) == value)
    return QString::fromStdString(model->name);
  return QDir::toNativeSeparators(value);
}

// Selects a model setting's entry and remembers it as the one to go back to when "Other
// file…" is cancelled.
void selectModel(QComboBox* combo, const QString& value) {
  selectValue(combo, value, modelLabel(value));
  combo->setProperty(kLastIndexProperty, combo->currentIndex());
}

QComboBox* modelCombo(const char* role, const QString& objectName, QWidget* parent) {
  auto* combo = new QComboBox(parent);
  combo->setObjectName(objectName);
  for (const fr::CatalogModel& m : fr::model_catalog())
    if (m.supported && m.role == role)
      combo->addItem(QString::fromStdString(m.name), QString::fromStdString(m.id));
  combo->addItem(SettingsDialog::tr("Other file…"));
  combo->setItemData(combo->count() - 1, true, kOtherFileRole);
  combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  combo->setMinimumContentsLength(24);
  return combo;
}

QLabel* noteLabel(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setWordWrap(true);
  QFont font = label->font();
  if (font.pointSizeF() > 0) {
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
  }
  // Greyed like disabled text (PlaceholderText is unreadable in some styles).
  QPalette palette = label->palette();
  palette.setColor(QPalette::WindowText, palette.color(QPalette::Disabled, QPalette::WindowText));
  label->setPalette(palette);
  return label;
}

QString defaultModelFile(QWidget* parent, const QString& start) {
  return QFileDialog::getOpenFileName(parent, SettingsDialog::tr("Choose a model file"), start,
                                      SettingsDialog::tr("Model files (*.pth *.safetensors)"));
}

QString defaultFolder(QWidget* parent, const QString& start) {
  return QFileDialog::getExistingDirectory(parent, SettingsDialog::tr("Choose the output folder"),
                                           start);
}

}  // namespace

SettingsDialog::SettingsDialog(const AppSettings& current, const QVector<DeviceOption>& devices,
                               QWidget* parent)
    : QDialog(parent),
      current_(current),
      modelFileChooser_(defaultModelFile),
      folderChooser_(defaultFolder) {
  setWindowTitle(tr("Settings"));

  auto* tabs = new QTabWidget(this);
  tabs->addTab(buildProcessingPage(devices), tr("Processing"));
  tabs->addTab(buildModelsPage(), tr("Models"));
  tabs->addTab(buildOutputPage(), tr("Output"));
  tabs->addTab(buildInterfacePage(), tr("Interface"));

  auto* buttons = new QDialogButtonBox(
      QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
  QPushButton* defaults = buttons->button(QDialogButtonBox::RestoreDefaults);
  defaults->setObjectName(QStringLiteral("restoreDefaultsButton"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(defaults, &QPushButton::clicked, this, &SettingsDialog::restoreDefaults);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tabs);
  layout->addWidget(buttons);

  showSettings(current);
}

QWidget* SettingsDialog::buildProcessingPage(const QVector<DeviceOption>& devices) {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);

  deviceCombo_ = new QComboBox(page);
  deviceCombo_->setObjectName(QStringLiteral("deviceCombo"));
  for (const DeviceOption& option : devices) deviceCombo_->addItem(option.label, option.value);
  form->addRow(tr("&Device:"), deviceCombo_);
  form->addRow(QString(),
               noteLabel(tr("A new device is used from the next restoration on."), page));
  halfPrecisionCheck_ = new QCheckBox(tr("Half precision on the GPU"), page);
  halfPrecisionCheck_->setObjectName(QStringLiteral("halfPrecisionCheck"));
  halfPrecisionCheck_->setToolTip(
      tr("Stores the networks' values as 16-bit numbers on the graphics card: half the memory, "
         "results that differ very slightly. The CPU always uses full precision."));
  form->addRow(QString(), halfPrecisionCheck_);
  connect(deviceCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          &SettingsDialog::updateEnabled);

  upscaleSpin_ = new QDoubleSpinBox(page);
  upscaleSpin_->setObjectName(QStringLiteral("upscaleSpin"));
  upscaleSpin_->setRange(1.0, 16.0);
  upscaleSpin_->setDecimals(2);
  upscaleSpin_->setSingleStep(0.5);
  upscaleSpin_->setSuffix(QStringLiteral(" ×"));
  upscaleSpin_->setToolTip(tr("How many times larger the restored photo is, 1 to 16."));
  form->addRow(tr("&Upscale factor:"), upscaleSpin_);

  tileAutoCheck_ = new QCheckBox(tr("Automatic"), page);
  tileAutoCheck_->setObjectName(QStringLiteral("tileAutoCheck"));
  tileSizeSpin_ = new QSpinBox(page);
  tileSizeSpin_->setObjectName(QStringLiteral("tileSizeSpin"));
  tileSizeSpin_->setRange(32, 4096);
  tileSizeSpin_->setSingleStep(32);
  tileSizeSpin_->setSuffix(tr(" px"));
  tileSizeSpin_->setToolTip(
      tr("The background is upscaled in tiles of this size; smaller tiles need less memory."));
  auto* tileRow = new QHBoxLayout;
  tileRow->addWidget(tileAutoCheck_);
  tileRow->addWidget(tileSizeSpin_, 1);
  auto* tileLabel = new QLabel(tr("&Tile size:"), page);  // a layout cannot be a buddy
  tileLabel->setBuddy(tileAutoCheck_);
  form->addRow(tileLabel, tileRow);
  connect(tileAutoCheck_, &QCheckBox::toggled, this, &SettingsDialog::updateEnabled);

  tilePadSpin_ = new QSpinBox(page);
  tilePadSpin_->setObjectName(QStringLiteral("tilePadSpin"));
  tilePadSpin_->setRange(0, 256);
  tilePadSpin_->setSuffix(tr(" px"));
  tilePadSpin_->setToolTip(tr("The overlap between tiles, which hides their seams."));
  form->addRow(tr("Tile &overlap:"), tilePadSpin_);

  maxMegapixelsSpin_ = new QSpinBox(page);
  maxMegapixelsSpin_->setObjectName(QStringLiteral("maxMegapixelsSpin"));
  maxMegapixelsSpin_->setRange(0, 100000);
  maxMegapixelsSpin_->setSingleStep(10);
  maxMegapixelsSpin_->setSuffix(tr(" megapixels"));
  maxMegapixelsSpin_->setSpecialValueText(tr("No limit"));
  maxMegapixelsSpin_->setToolTip(
      tr("Larger photos are refused rather than risking the computer's memory."));
  form->addRow(tr("&Largest photo:"), maxMegapixelsSpin_);

  centerFaceCheck_ = new QCheckBox(tr("Only restore the face nearest the centre"), page);
  centerFaceCheck_->setObjectName(QStringLiteral("centerFaceCheck"));
  form->addRow(QString(), centerFaceCheck_);

  noiseCombo_ = new QComboBox(page);
  noiseCombo_->setObjectName(QStringLiteral("noiseCombo"));
  noiseCombo_->addItem(tr("Stored noise (repeatable)"), false);
  noiseCombo_->addItem(tr("Random noise"), true);
  noiseCombo_->setToolTip(
      tr("The face model's noise: stored noise gives the same result every time."));
  form->addRow(tr("&Noise:"), noiseCombo_);
  return page;
}

QWidget* SettingsDialog::buildModelsPage() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);

  faceModelCombo_ = modelCombo("face", QStringLiteral("faceModelCombo"), page);
  form->addRow(tr("&Face model:"), faceModelCombo_);
  detectorCombo_ = modelCombo("detector", QStringLiteral("detectorCombo"), page);
  form->addRow(tr("Face &detector:"), detectorCombo_);
  backgroundCombo_ = modelCombo("background", QStringLiteral("backgroundCombo"), page);
  backgroundCombo_->insertItem(0, tr("None (resize only)"), QString());
  form->addRow(tr("&Background:"), backgroundCombo_);

  for (QComboBox* combo : {faceModelCombo_, detectorCombo_, backgroundCombo_}) {
    // The entry to go back to when "Other file…" is cancelled.
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, [combo](int index) {
      if (index >= 0 && !isOtherFileItem(combo, index))
        combo->setProperty(kLastIndexProperty, index);
    });
    connect(combo, qOverload<int>(&QComboBox::activated), this, [this, combo](int index) {
      if (isOtherFileItem(combo, index)) chooseModelFile(combo);
    });
  }
  return page;
}

QWidget* SettingsDialog::buildOutputPage() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);

  outputFolderEdit_ = new QLineEdit(page);
  outputFolderEdit_->setObjectName(QStringLiteral("outputFolderEdit"));
  outputFolderEdit_->setPlaceholderText(tr("Empty: a “restored” folder beside each photo"));
  auto* browse = new QPushButton(tr("Browse…"), page);
  browse->setObjectName(QStringLiteral("outputFolderBrowse"));
  connect(browse, &QPushButton::clicked, this, &SettingsDialog::browseOutputFolder);
  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(outputFolderEdit_, 1);
  folderRow->addWidget(browse);
  auto* folderLabel = new QLabel(tr("Output &folder:"), page);  // a layout cannot be a buddy
  folderLabel->setBuddy(outputFolderEdit_);
  form->addRow(folderLabel, folderRow);

  formatCombo_ = new QComboBox(page);
  formatCombo_->setObjectName(QStringLiteral("formatCombo"));
  formatCombo_->addItem(tr("Same as the photo (PNG for other formats)"), QStringLiteral("auto"));
  formatCombo_->addItem(tr("PNG (lossless)"), QStringLiteral("png"));
  formatCombo_->addItem(tr("JPEG"), QStringLiteral("jpg"));
  formatCombo_->addItem(tr("WebP"), QStringLiteral("webp"));
  form->addRow(tr("F&ormat:"), formatCombo_);
  connect(formatCombo_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          &SettingsDialog::updateEnabled);

  qualitySpin_ = new QSpinBox(page);
  qualitySpin_->setObjectName(QStringLiteral("qualitySpin"));
  qualitySpin_->setRange(1, 100);
  qualitySpin_->setToolTip(tr("JPEG and WebP quality: higher is better and larger."));
  form->addRow(tr("&Quality:"), qualitySpin_);

  suffixEdit_ = new QLineEdit(page);
  suffixEdit_->setObjectName(QStringLiteral("suffixEdit"));
  suffixEdit_->setPlaceholderText(tr("None"));
  // The suffix becomes part of a file name (NAME_SUFFIX.png), so no folder separators.
  suffixEdit_->setValidator(
      new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[^/\\\\]*")), page));
  suffixEdit_->setToolTip(tr("Added to each file name: photo_SUFFIX.png."));
  form->addRow(tr("File name &suffix:"), suffixEdit_);
  return page;
}

QWidget* SettingsDialog::buildInterfacePage() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);
  languageCombo_ = new QComboBox(page);
  languageCombo_->setObjectName(QStringLiteral("languageCombo"));
  languageCombo_->addItem(tr("System language"), QString());
  languageCombo_->addItem(QStringLiteral("English"), QStringLiteral("en"));
  languageCombo_->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
  form->addRow(tr("&Language:"), languageCombo_);
  form->addRow(QString(),
               noteLabel(tr("The language changes when FaceRestore is started again."), page));
  return page;
}

void SettingsDialog::showSettings(const AppSettings& s) {
  selectValue(deviceCombo_, s.device, tr("Unavailable device (%1)").arg(s.device));
  halfPrecisionCheck_->setChecked(s.halfPrecision);
  upscaleSpin_->setValue(s.upscale);
  shownUpscale_ = s.upscale;
  shownUpscaleSpin_ = upscaleSpin_->value();
  tileAutoCheck_->setChecked(s.tileSize == 0);
  tileSizeSpin_->setValue(s.tileSize == 0 ? 400 : s.tileSize);
  tilePadSpin_->setValue(s.tilePad);
  maxMegapixelsSpin_->setValue(s.maxMegapixels);
  centerFaceCheck_->setChecked(s.onlyCenterFace);
  noiseCombo_->setCurrentIndex(s.randomNoise ? 1 : 0);

  selectModel(faceModelCombo_, s.faceModel);
  selectModel(detectorCombo_, s.detector);
  selectModel(backgroundCombo_, s.backgroundModel);

  outputFolderEdit_->setText(s.outputFolder);
  selectValue(formatCombo_, s.format, s.format);
  qualitySpin_->setValue(s.quality);
  suffixEdit_->setText(s.suffix);
  selectValue(languageCombo_, s.language, s.language);
  updateEnabled();
}

AppSettings SettingsDialog::settings() const {
  AppSettings s = current_;
  s.device = selectedValue(deviceCombo_, current_.device);
  s.halfPrecision = halfPrecisionCheck_->isChecked();
  // The spin box rounds to its decimals; an untouched valid value keeps its full precision.
  const bool upscaleValid = shownUpscale_ >= 1.0 && shownUpscale_ <= 16.0;
  s.upscale = upscaleSpin_->value() == shownUpscaleSpin_ && upscaleValid ? shownUpscale_
                                                                         : upscaleSpin_->value();
  s.tileSize = tileAutoCheck_->isChecked() ? 0 : tileSizeSpin_->value();
  s.tilePad = tilePadSpin_->value();
  s.maxMegapixels = maxMegapixelsSpin_->value();
  s.onlyCenterFace = centerFaceCheck_->isChecked();
  s.randomNoise = noiseCombo_->currentData().toBool();
  s.faceModel = selectedValue(faceModelCombo_, current_.faceModel);
  s.detector = selectedValue(detectorCombo_, current_.detector);
  s.backgroundModel = selectedValue(backgroundCombo_, current_.backgroundModel);
  s.outputFolder = outputFolderEdit_->text();
  s.format = selectedValue(formatCombo_, current_.format);
  s.quality = qualitySpin_->value();
  s.suffix = suffixEdit_->text();
  s.language = selectedValue(languageCombo_, current_.language);
  return s;
}

void SettingsDialog::setModelFileChooser(PathChooser chooser) {
  modelFileChooser_ = std::move(chooser);
}

void SettingsDialog::setFolderChooser(PathChooser chooser) {
  folderChooser_ = std::move(chooser);
}

void SettingsDialog::restoreDefaults() {
  AppSettings defaults;
  showSettings(defaults);
}

void SettingsDialog::chooseModelFile(QComboBox* combo) {
  const int previous = combo->property(kLastIndexProperty).toInt();
  // Start beside the file chosen before, else in the folder downloads go to.
  const QString before = combo->itemData(previous).toString();
  QString start = QString::fromStdU16String(fr::model_download_folder().u16string());
  if (!before.isEmpty() && !fr::find_catalog_model(before.toStdString()))
    start = QFileInfo(before).absolutePath();
  const QString path = modelFileChooser_ ? modelFileChooser_(this, start) : QString();
  if (path.isEmpty()) {
    combo->setCurrentIndex(previous);
    return;
  }
  selectModel(combo, QDir::fromNativeSeparators(path));
}

void SettingsDialog::browseOutputFolder() {
  const QString start = outputFolderEdit_->text().trimmed();
  const QString folder =
      folderChooser_ ? folderChooser_(this, start.isEmpty() ? QDir::homePath() : start) : QString();
  if (!folder.isEmpty()) outputFolderEdit_->setText(QDir::toNativeSeparators(folder));
}

void SettingsDialog::updateEnabled() {
  tileSizeSpin_->setEnabled(!tileAutoCheck_->isChecked());
  halfPrecisionCheck_->setEnabled(selectedValue(deviceCombo_, current_.device) !=
                                  QLatin1String("cpu"));
  const QString format = selectedValue(formatCombo_, current_.format);
  qualitySpin_->setEnabled(format == QLatin1String("jpg") || format == QLatin1String("webp") ||
                           format == QLatin1String("auto"));
}

}  // namespace fr::gui
