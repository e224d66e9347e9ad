// Saving restored photos from the desktop application: where Save puts a photo, and writing it
// atomically (QSaveFile) without ever replacing one of the user's inputs. No widgets; any
// thread.
#pragma once

#include <QString>
#include <QStringList>
#include <opencv2/core.hpp>

#include "app/gui/app_settings.h"
#include "app/restore/image_io.h"
#include "core/error.h"

namespace fr::gui {

// Where Save writes the restored `input`: <output folder>/<stem>[_<suffix>].<ext>, the output
// folder being settings.outputFolder or, when empty, a "restored" folder beside the input;
// ext is settings.format, or the input's own (jpg, png, webp; others become png) for "auto".
QString defaultSavePath(const QString& input, const AppSettings& settings);

// The file formats Save As offers, as a QFileDialog filter.
QString saveFileFilter();

// Encodes `bgr` (an 8-bit BGR result) by the extension of `target` (png, jpg/jpeg, webp, bmp,
// tif/tiff) with `quality` for JPEG and WebP, made to look like its source first
// (fr::match_source_format: grayscale, alpha, 16 bits, as far as the format holds them), and
// writes it with QSaveFile, creating the folder. Refuses a target that is one of `inputs`
// (compared as canonical paths, so a link or another spelling of an input is caught). Nothing
// is left behind on failure.
fr::Status saveImage(const cv::Mat& bgr, const QString& target, int quality,
                     const QStringList& inputs, const fr::SourceFormat& source = {});

}  // namespace fr::gui
