// Turning what the user hands the window (dropped or opened files and folders, command-line
// arguments) into the list of images to load. One code path for drop, open and arguments.
#pragma once

#include <QList>
#include <QStringList>
#include <QUrl>
#include <filesystem>

namespace fr::gui {

struct CollectedInputs {
  QStringList images;   // absolute paths of image files, in the order given, without duplicates
  QStringList ignored;  // paths given that are not images (or do not exist), for a message
};

// Files are kept when their extension is an image's; folders contribute the images directly
// inside them, sorted by name (not subfolders). `already` are paths loaded before: not repeated.
CollectedInputs collectImages(const QStringList& paths, const QStringList& already = {});
// A path for std::filesystem from text: UTF-16 on Windows, UTF-8 elsewhere, so Chinese
// file names survive.
std::filesystem::path toPath(const QString& text);
// The local files among dropped or pasted URLs.
QStringList localPaths(const QList<QUrl>& urls);

}  // namespace fr::gui
