#include "app/gui/app_settings.h"

#include "core/device.h"

#include <cmath>
#include <optional>
#include <type_traits>
#include <variant>

#include <QStringList>
#include <QVariant>

namespace fr::gui {
namespace {

// One setting: where it lives in the store, which member holds it, and which stored values are
// accepted (nullptr: every value of the member's type).
template <typename T>
struct Field {
  T AppSettings::*member;
  bool (*accepts)(const T&);
};

template <typename T>
Field<T> field(T AppSettings::*member, std::type_identity_t<bool (*)(const T&)> accepts = nullptr) {
  return {member, accepts};
}

struct Entry {
  const char* key;
  std::variant<Field<QString>, Field<int>, Field<double>, Field<bool>> field;
};

// A device as the settings store it: the canonical text of a DeviceChoice (core/device.h),
// "auto", "cpu" or a Vulkan device by identity ("vulkan:UUID"); the older "vulkan:N" is read
// too, for migrate_device_setting. The GUI never stores plain "vulkan" or a name.
bool isDevice(const QString& s) {
  auto choice = fr::parse_device_choice(s.toStdString());
  if (!choice) return false;
  const bool vulkan = choice->mode == fr::DeviceChoice::Mode::vulkan;
  const bool named = !vulkan || choice->vulkan_index >= 0 || !choice->vulkan_uuid.empty();
  return named && QString::fromStdString(choice->str()) == s;
}

// The registry: every setting's key is written here and nowhere else. Keys are grouped as
// models/, processing/, output/ and interface/.
const Entry kEntries[] = {
    {"models/face", field(&AppSettings::faceModel, [](const QString& s) { return !s.isEmpty(); })},
    {"models/detector",
     field(&AppSettings::detector, [](const QString& s) { return !s.isEmpty(); })},
    {"models/background", field(&AppSettings::backgroundModel)},
    {"processing/device", field(&AppSettings::device, isDevice)},
    {"processing/halfPrecision", field(&AppSettings::halfPrecision)},
    {"processing/upscale",
     field(&AppSettings::upscale, [](const double& v) { return v >= 1.0 && v <= 16.0; })},
    {"processing/tileSize",
     field(&AppSettings::tileSize, [](const int& v) { return v == 0 || (v >= 32 && v <= 4096); })},
    {"processing/tilePad",
     field(&AppSettings::tilePad, [](const int& v) { return v >= 0 && v <= 256; })},
    {"processing/onlyCenterFace", field(&AppSettings::onlyCenterFace)},
    {"processing/randomNoise", field(&AppSettings::randomNoise)},
    {"processing/maxMegapixels",
     field(&AppSettings::maxMegapixels, [](const int& v) { return v >= 0 && v <= 100000; })},
    {"output/folder", field(&AppSettings::outputFolder)},
    {"output/format", field(&AppSettings::format,
                            [](const QString& s) {
                              return s == QLatin1String("auto") || s == QLatin1String("png") ||
                                     s == QLatin1String("jpg") || s == QLatin1String("webp");
                            })},
    {"output/quality",
     field(&AppSettings::quality, [](const int& v) { return v >= 1 && v <= 100; })},
    {"output/suffix", field(&AppSettings::suffix)},
    {"interface/language", field(&AppSettings::language,
                                 [](const QString& s) {
                                   return s.isEmpty() || s == QLatin1String("en") ||
                                          s == QLatin1String("zh_CN");
                                 })},
};

// A scalar's text: INI files give every value back as a string, native stores may keep numbers
// and booleans typed. Lists, maps and other types have none.
std::optional<QString> scalarText(const QVariant& v) {
  switch (v.userType()) {
    case QMetaType::QString:
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
      return v.toString();
    default:
      return std::nullopt;
  }
}

// Stored values converted to a member's type; nullopt when the stored value has the wrong type.
template <typename T>
std::optional<T> convert(const QVariant& v);

template <>
std::optional<QString> convert(const QVariant& v) {
  if (v.userType() != QMetaType::QString) return std::nullopt;
  return v.toString();
}

template <>
std::optional<int> convert(const QVariant& v) {
  const std::optional<QString> text = scalarText(v);
  if (!text || v.userType() == QMetaType::Bool) return std::nullopt;
  bool ok = false;
  const int value = text->toInt(&ok);  // "12.5" and "abc" fail
  if (!ok) return std::nullopt;
  return value;
}

template <>
std::optional<double> convert(const QVariant& v) {
  const std::optional<QString> text = scalarText(v);
  if (!text || v.userType() == QMetaType::Bool) return std::nullopt;
  bool ok = false;
  const double value = text->toDouble(&ok);
  if (!ok || !std::isfinite(value)) return std::nullopt;
  return value;
}

template <>
std::optional<bool> convert(const QVariant& v) {
  const std::optional<QString> text = scalarText(v);
  if (!text) return std::nullopt;
  const QString s = text->toLower();
  if (s == QLatin1String("true") || s == QLatin1String("1")) return true;
  if (s == QLatin1String("false") || s == QLatin1String("0")) return false;
  return std::nullopt;
}

}  // namespace

AppSettings AppSettings::load(QSettings& store) {
  AppSettings settings;  // starts at the defaults
  for (const Entry& entry : kEntries) {
    const QVariant stored = store.value(QLatin1String(entry.key));
    if (!stored.isValid()) continue;
    std::visit(
        [&](const auto& f) {
          const auto value = convert<std::decay_t<decltype(settings.*f.member)>>(stored);
          if (value && (!f.accepts || f.accepts(*value))) settings.*f.member = *value;
        },
        entry.field);
  }
  return settings;
}

void AppSettings::save(QSettings& store) const {
  for (const Entry& entry : kEntries) {
    std::visit([&](const auto& f) { store.setValue(QLatin1String(entry.key), this->*f.member); },
               entry.field);
  }
}

}  // namespace fr::gui
