// The faces found in the current image: for each, the aligned crop and the restored face side
// by side, with a check box "use" that includes it in the paste-back. GUI thread only.
#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

class QCheckBox;
class QHBoxLayout;
class QScrollArea;

namespace fr::gui {

struct FaceThumbnail {
  QImage crop;      // the aligned 512×512 input face
  QImage restored;  // the network's output
  bool included = true;
};

// A horizontally scrolling row of faces. Each face's check box is named "faceUse<index>"
// (from 0) so it can be found with findChild.
class FaceStrip : public QWidget {
  Q_OBJECT

 public:
  // The side of a thumbnail, in device-independent pixels.
  static constexpr int kThumbnailSize = 96;

  explicit FaceStrip(QWidget* parent = nullptr);

  // Replaces the faces shown; includedChanged is not emitted.
  void setFaces(const QVector<FaceThumbnail>& faces);
  void clear();
  int count() const;
  // One flag per face, in the order given to setFaces.
  QVector<bool> included() const;
  // Checks or unchecks face `index` (ignored when out of range); emits includedChanged when
  // that changes the flag.
  void setIncluded(int index, bool included);

  QSize sizeHint() const override;

 signals:
  // The user (or setIncluded) changed which faces are pasted back.
  void includedChanged(const QVector<bool>& included);

 private:
  QWidget* makeCard(int index, const FaceThumbnail& face);

  QScrollArea* scroll_ = nullptr;
  QWidget* content_ = nullptr;
  QHBoxLayout* row_ = nullptr;
  QVector<QWidget*> cards_;
  QVector<QCheckBox*> boxes_;
};

}  // namespace fr::gui
