// Helpers shared by the desktop application's QtTest suites.
#pragma once

#include <QString>
#include <QStringList>

#include "app/gui/app_settings.h"

namespace fr::gui {

// Found by QCOMPARE through argument-dependent lookup: failures print both settings.
char* toString(const AppSettings& s);
// The names of the fields in which `a` and `b` are equal.
QStringList equalFields(const AppSettings& a, const AppSettings& b);

}  // namespace fr::gui

namespace fr::test {

// test_data_dir()/relative as text.
QString testData(const char* relative);

// Settings that restore with the small test models on the CPU: the random-weight GFPGAN
// (narrow 0.125) and RetinaFace MobileNet-0.25, no background model.
fr::gui::AppSettings testModelSettings();

}  // namespace fr::test
