// The faces found in the current image: for each, the aligned crop and the restored face side
// by side, with a check box "use" that includes it in the paste-back. GUI thread only.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

namespace fr::gui {

struct FaceThumbnail {
  QImage crop;      // the aligned 512×512 input face
  QImage restored;  // the network's output
  bool included = true;
};

class FaceStrip : public QWidget {
  Q_OBJECT

 public:
  explicit FaceStrip(QWidget* parent = nullptr);

  void setFaces(const QVector<FaceThumbnail>& faces);
  void clear();
  int count() const;
  // One flag per face, in the order given to setFaces.
  QVector<bool> included() const;
  void setIncluded(int index, bool included);

 signals:
  // The user (or setIncluded) changed which faces are pasted back.
  void includedChanged(const QVector<bool>& included);
};

}  // namespace fr::gui
