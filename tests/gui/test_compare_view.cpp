// The before/after comparison view and the face strip on the offscreen platform: zoom, pan and
// divider driven by synthetic mouse, wheel and key events, checked on the rendered pixels.
//
// The pictures: "before" is red 50×40 and "after" blue 100×80 (twice the size, as after a 2×
// upscale); the marker variants carry a green block at the same relative place in both
// (after pixels 40..49 × 30..37). The view is 400×300, so fitting gives min(400/100, 300/80) =
// 3.75 (the image is 375×300 at x 12.5) and side by side, in a 200×300 pane, 2.0.
#include <QApplication>
#include <QCheckBox>
#include <QMouseEvent>
#include <QPainter>
#include <QSignalSpy>
#include <QWheelEvent>
#include <QtTest>
#include <memory>

#include "app/gui/compare_view.h"
#include "app/gui/face_strip.h"

using fr::gui::CompareView;
using fr::gui::FaceStrip;
using fr::gui::FaceThumbnail;
using Mode = fr::gui::CompareView::Mode;

namespace {

const QColor kRed(255, 0, 0);
const QColor kBlue(0, 0, 255);
const QColor kGreen(0, 255, 0);

QImage solid(int width, int height, const QColor& colour) {
  QImage image(width, height, QImage::Format_RGB32);
  image.fill(colour);
  return image;
}

// `image` with the green marker block at after pixels 40..49 × 30..37, scaled to the image.
QImage withMarker(QImage image) {
  const double f = image.width() / 100.0;
  QPainter painter(&image);
  painter.fillRect(QRectF(40 * f, 30 * f, 10 * f, 8 * f), kGreen);
  return image;
}

bool isRed(QRgb p) {
  return qRed(p) > 200 && qGreen(p) < 60 && qBlue(p) < 60;
}
bool isBlue(QRgb p) {
  return qBlue(p) > 200 && qRed(p) < 60 && qGreen(p) < 60;
}
bool isGreen(QRgb p) {
  return qGreen(p) > 200 && qRed(p) < 60 && qBlue(p) < 60;
}

// The bounding box of the green pixels of `image` within `area`; null when there are none.
QRect greenBox(const QImage& image, const QRect& area) {
  QRect box;
  for (int y = area.top(); y <= area.bottom(); ++y)
    for (int x = area.left(); x <= area.right(); ++x)
      if (isGreen(image.pixel(x, y))) box |= QRect(x, y, 1, 1);
  return box;
}

int countPixels(const QImage& image, bool (*test)(QRgb)) {
  int n = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) n += test(image.pixel(x, y)) ? 1 : 0;
  return n;
}

void sendMouse(QWidget* widget, QEvent::Type type, const QPointF& pos, Qt::MouseButton button,
               Qt::MouseButtons buttons) {
  QMouseEvent event(type, pos, widget->mapToGlobal(pos.toPoint()), button, buttons, Qt::NoModifier);
  QApplication::sendEvent(widget, &event);
}

// A left-button drag from `from` to `to` in a few steps.
void drag(QWidget* widget, const QPointF& from, const QPointF& to) {
  sendMouse(widget, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
  for (int i = 1; i <= 4; ++i)
    sendMouse(widget, QEvent::MouseMove, from + (to - from) * (i / 4.0), Qt::NoButton,
              Qt::LeftButton);
  sendMouse(widget, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
}

void wheel(QWidget* widget, const QPointF& pos, int angleDelta) {
  QWheelEvent event(pos, widget->mapToGlobal(pos.toPoint()), QPoint(), QPoint(0, angleDelta),
                    Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &event);
}

QImage render(QWidget& widget) {
  return widget.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

}  // namespace

class TestCompareView : public QObject {
  Q_OBJECT

 private:
  std::unique_ptr<CompareView> view_;

  void show(const QImage& before, const QImage& after) {
    view_->setImages(before, after);
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    QCOMPARE(view_->size(), QSize(400, 300));
  }

 private slots:
  void initTestCase() { qRegisterMetaType<Mode>(); }

  void init() {
    view_ = std::make_unique<CompareView>();
    view_->resize(400, 300);
    view_->show();
  }

  void cleanup() { view_.reset(); }

  void fitsAndZoomsToActualSize() {
    QSignalSpy zoomed(view_.get(), &CompareView::zoomChanged);
    show(solid(50, 40, kRed), solid(100, 80, kBlue));
    QCOMPARE(view_->zoom(), 3.75);
    QVERIFY(view_->isFitted());
    // Centred: the image's corners at x 12.5 and 387.5, y 0 and 300.
    QCOMPARE(view_->widgetPointOf(QPointF(0, 0)), QPointF(12.5, 0));
    QCOMPARE(view_->widgetPointOf(QPointF(100, 80)), QPointF(387.5, 300));
    const QImage shown = render(*view_);
    QVERIFY(!isRed(shown.pixel(5, 150)) && !isBlue(shown.pixel(5, 150)));  // the background
    QVERIFY(!isBlue(shown.pixel(395, 150)));

    view_->zoomToActualSize();
    QCOMPARE(view_->zoom(), 1.0);
    QVERIFY(!view_->isFitted());
    QVERIFY(zoomed.count() >= 2);
    QCOMPARE(zoomed.last().at(0).toDouble(), 1.0);
    // 100×80 at 100 % in the middle of 400×300.
    QCOMPARE(view_->widgetPointOf(QPointF(0, 0)), QPointF(150, 110));

    view_->zoomIn();
    QCOMPARE(view_->zoom(), 1.25);
    view_->zoomOut();
    view_->zoomOut();
    QCOMPARE(view_->zoom(), 0.8);
    view_->setZoom(1000);
    QCOMPARE(view_->zoom(), CompareView::kMaxZoom);
    view_->setZoom(0);
    QCOMPARE(view_->zoom(), CompareView::kMinZoom);
    view_->zoomToFit();
    QCOMPARE(view_->zoom(), 3.75);
  }

  void showsBeforeAloneWithoutAfter() {
    show(solid(50, 40, kRed), QImage());
    QCOMPARE(view_->zoom(), 7.5);  // min(400/50, 300/40)
    const QImage shown = render(*view_);
    QVERIFY(isRed(shown.pixel(100, 150)));
    QVERIFY(isRed(shown.pixel(300, 150)));  // right of the divider too: no split without after
    QCOMPARE(countPixels(shown, isBlue), 0);
  }

  void wheelZoomsAboutTheCursor() {
    view_->setMode(Mode::after);
    show(withMarker(solid(50, 40, kRed)), withMarker(solid(100, 80, kBlue)));
    // The marker is at x 12.5 + 40·3.75 = 162.5 .. 200, y 112.5 .. 142.5.
    QRect box = greenBox(render(*view_), view_->rect());
    QVERIFY(qAbs(box.left() - 162) <= 1 && qAbs(box.width() - 38) <= 1);
    const QPointF cursor(181, 127);
    const QPointF underCursor = view_->imagePointAt(cursor);

    wheel(view_.get(), cursor, 120);
    QCOMPARE(view_->zoom(), 3.75 * 1.25);
    QVERIFY(!view_->isFitted());
    const QPointF stillUnder = view_->imagePointAt(cursor);
    QVERIFY(qAbs(stillUnder.x() - underCursor.x()) < 1e-9);
    QVERIFY(qAbs(stillUnder.y() - underCursor.y()) < 1e-9);
    // On screen: the marker grew to 46.9 px about the cursor, which sat 0.493 of the way
    // across it, so its left edge moved to 181 - 0.493 · 46.9 ≈ 157.9.
    const QImage shown = render(*view_);
    QVERIFY(isGreen(shown.pixel(cursor.toPoint())));
    box = greenBox(shown, view_->rect());
    QVERIFY2(qAbs(box.left() - 158) <= 1 && qAbs(box.width() - 47) <= 1,
             qPrintable(QStringLiteral("marker at %1 width %2").arg(box.left()).arg(box.width())));

    wheel(view_.get(), cursor, -240);  // two notches out
    QVERIFY(qAbs(view_->zoom() - 3.75 / 1.25) < 1e-9);
  }

  void splitDividerFollowsTheMouse() {
    show(solid(50, 40, kRed), solid(100, 80, kBlue));
    QCOMPARE(view_->mode(), Mode::split);
    QCOMPARE(view_->dividerPosition(), 0.5);
    QImage shown = render(*view_);
    QVERIFY(isRed(shown.pixel(100, 150)));
    QVERIFY(isRed(shown.pixel(190, 150)));
    QVERIFY(isBlue(shown.pixel(210, 150)));
    QVERIFY(isBlue(shown.pixel(300, 150)));

    // Hovering near the divider offers to move it; elsewhere it does not.
    sendMouse(view_.get(), QEvent::MouseMove, QPointF(203, 40), Qt::NoButton, Qt::NoButton);
    QCOMPARE(view_->cursor().shape(), Qt::SplitHCursor);
    sendMouse(view_.get(), QEvent::MouseMove, QPointF(300, 40), Qt::NoButton, Qt::NoButton);
    QVERIFY(view_->cursor().shape() != Qt::SplitHCursor);

    drag(view_.get(), QPointF(201, 150), QPointF(100, 150));
    QCOMPARE(view_->dividerPosition(), 0.25);
    shown = render(*view_);
    QVERIFY(isRed(shown.pixel(50, 150)));
    QVERIFY(isBlue(shown.pixel(150, 150)));  // was "before" with the divider in the middle
    QVERIFY(isBlue(shown.pixel(300, 150)));

    // A drag away from the divider pans (nothing to pan when fitted) and leaves it.
    drag(view_.get(), QPointF(300, 150), QPointF(350, 150));
    QCOMPARE(view_->dividerPosition(), 0.25);
    // Dragged past the edge it stops at the edge: all "after".
    drag(view_.get(), QPointF(100, 150), QPointF(-50, 150));
    QCOMPARE(view_->dividerPosition(), 0.0);
    shown = render(*view_);
    QVERIFY(isBlue(shown.pixel(20, 150)));
    QCOMPARE(countPixels(shown, isRed), 0);
  }

  void panDragMovesTheImage() {
    show(solid(50, 40, kRed), withMarker(solid(100, 80, kBlue)));
    view_->setMode(Mode::after);
    view_->setZoom(8.0);  // 800×640 over 400×300, centre (50, 40)
    QCOMPARE(view_->imagePointAt(QPointF(200, 150)), QPointF(50, 40));
    sendMouse(view_.get(), QEvent::MouseButtonPress, QPointF(100, 100), Qt::LeftButton,
              Qt::LeftButton);
    QCOMPARE(view_->cursor().shape(), Qt::ClosedHandCursor);
    sendMouse(view_.get(), QEvent::MouseMove, QPointF(140, 116), Qt::NoButton, Qt::LeftButton);
    sendMouse(view_.get(), QEvent::MouseButtonRelease, QPointF(140, 116), Qt::LeftButton,
              Qt::NoButton);
    QCOMPARE(view_->cursor().shape(), Qt::OpenHandCursor);
    // Dragged 40, 16 screen pixels right and down: the view looks 5, 2 pixels left and up.
    QCOMPARE(view_->imagePointAt(QPointF(200, 150)), QPointF(45, 38));

    // It cannot be dragged out of view: the image keeps covering the view.
    drag(view_.get(), QPointF(100, 100), QPointF(2000, 2000));
    QCOMPARE(view_->widgetPointOf(QPointF(0, 0)), QPointF(0, 0));
    drag(view_.get(), QPointF(300, 200), QPointF(-3000, -3000));
    QCOMPARE(view_->widgetPointOf(QPointF(100, 80)), QPointF(400, 300));
    // The corners show the picture, not the background.
    const QImage shown = render(*view_);
    for (const QPoint corner : {QPoint(0, 0), QPoint(399, 0), QPoint(0, 299), QPoint(399, 299)})
      QVERIFY(isBlue(shown.pixel(corner)));
  }

  void sideBySideShowsTheSameRegionInBothPanes() {
    QSignalSpy modes(view_.get(), &CompareView::modeChanged);
    show(withMarker(solid(50, 40, kRed)), withMarker(solid(100, 80, kBlue)));
    view_->setMode(Mode::sideBySide);
    QCOMPARE(modes.count(), 1);
    QCOMPARE(modes.at(0).at(0).value<Mode>(), Mode::sideBySide);
    QCOMPARE(view_->zoom(), 2.0);  // refitted into one 200×300 pane
    QImage shown = render(*view_);
    QVERIFY(isRed(shown.pixel(30, 150)));
    QVERIFY(isBlue(shown.pixel(230, 150)));
    QCOMPARE(greenBox(shown, QRect(200, 0, 200, 300)),
             greenBox(shown, QRect(0, 0, 200, 300)).translated(200, 0));

    view_->setZoom(4.0);  // 400×320 in each 200×300 pane
    const QRect leftBefore = greenBox(render(*view_), QRect(0, 0, 200, 300));
    QVERIFY(!leftBefore.isEmpty());
    // Pan in the right pane; both panes follow.
    drag(view_.get(), QPointF(300, 150), QPointF(260, 142));
    shown = render(*view_);
    const QRect left = greenBox(shown, QRect(0, 0, 200, 300));
    const QRect right = greenBox(shown, QRect(200, 0, 200, 300));
    QCOMPARE(left, leftBefore.translated(-40, -8));
    QCOMPARE(right, left.translated(200, 0));
    QCOMPARE(left.size(), QSize(40, 32));

    // The wheel in the right pane zooms about the point under it there.
    const QPointF cursor(right.center());
    const QPointF under = view_->imagePointAt(cursor);
    wheel(view_.get(), cursor, 120);
    QVERIFY((view_->imagePointAt(cursor) - under).manhattanLength() < 1e-9);
    shown = render(*view_);
    QVERIFY(isGreen(shown.pixel(cursor.toPoint())));
    QCOMPARE(greenBox(shown, QRect(200, 0, 200, 300)),
             greenBox(shown, QRect(0, 0, 200, 300)).translated(200, 0));
  }

  void beforeAndAfterToggle() {
    QSignalSpy modes(view_.get(), &CompareView::modeChanged);
    show(solid(50, 40, kRed), solid(100, 80, kBlue));
    view_->toggleBeforeAfter();  // from split: before
    QCOMPARE(view_->mode(), Mode::before);
    QImage shown = render(*view_);
    QVERIFY(isRed(shown.pixel(50, 150)));
    QVERIFY(isRed(shown.pixel(350, 150)));
    QCOMPARE(countPixels(shown, isBlue), 0);

    view_->toggleBeforeAfter();
    QCOMPARE(view_->mode(), Mode::after);
    shown = render(*view_);
    QVERIFY(isBlue(shown.pixel(50, 150)));
    QVERIFY(isBlue(shown.pixel(350, 150)));
    QCOMPARE(countPixels(shown, isRed), 0);

    view_->toggleBeforeAfter();
    QCOMPARE(view_->mode(), Mode::before);
    view_->setMode(Mode::sideBySide);
    view_->toggleBeforeAfter();
    QCOMPARE(view_->mode(), Mode::before);
    QCOMPARE(modes.count(), 5);
  }

  void captionsAreDrawn() {
    show(solid(50, 40, kRed), solid(100, 80, kBlue));
    view_->setZoom(8.0);  // the image covers the view
    QImage shown = render(*view_);
    // "Before" top left on a dark backdrop over red, "After" top right over blue.
    QVERIFY(!isRed(shown.pixel(12, 12)) && qRed(shown.pixel(12, 12)) > qBlue(shown.pixel(12, 12)));
    QVERIFY(!isBlue(shown.pixel(387, 12)) &&
            qBlue(shown.pixel(387, 12)) > qRed(shown.pixel(387, 12)));
    QVERIFY(isRed(shown.pixel(12, 60)));
    QVERIFY(isBlue(shown.pixel(387, 60)));
    // Both sides carry light text pixels.
    auto light = [&](const QRect& area) {
      for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
          if (qGray(shown.pixel(x, y)) > 200) return true;
      return false;
    };
    QVERIFY(light(QRect(8, 8, 60, 24)));
    QVERIFY(light(QRect(332, 8, 60, 24)));
  }

  void setAfterKeepsZoomPanAndDivider() {
    show(solid(50, 40, kRed), withMarker(solid(100, 80, kBlue)));
    view_->setDividerPosition(0.3);
    view_->setZoom(2.5);
    drag(view_.get(), QPointF(300, 150), QPointF(280, 140));
    const QPointF centre = view_->imagePointAt(QPointF(200, 150));
    QSignalSpy zoomed(view_.get(), &CompareView::zoomChanged);

    view_->setAfter(solid(100, 80, kGreen));
    QCOMPARE(view_->zoom(), 2.5);
    QCOMPARE(view_->dividerPosition(), 0.3);
    QCOMPARE(view_->imagePointAt(QPointF(200, 150)), centre);
    QCOMPARE(zoomed.count(), 0);
    const QImage shown = render(*view_);
    QVERIFY(isGreen(shown.pixel(300, 150)));
    QVERIFY(isRed(shown.pixel(100, 150)));

    // A new pair is fitted again.
    view_->setImages(solid(50, 40, kRed), solid(100, 80, kBlue));
    QCOMPARE(view_->zoom(), 3.75);
    QCOMPARE(view_->dividerPosition(), 0.3);
    // While fitted, a new "after" of another size stays fitted.
    view_->setAfter(solid(200, 100, kBlue));
    QCOMPARE(view_->zoom(), 2.0);
  }

  void resizeRefitsOnlyWhileFitted() {
    show(solid(50, 40, kRed), solid(100, 80, kBlue));
    view_->resize(800, 600);
    QCOMPARE(view_->zoom(), 7.5);
    view_->setZoom(2.0);
    view_->resize(400, 300);
    QCOMPARE(view_->zoom(), 2.0);
    view_->zoomToFit();
    view_->resize(200, 400);
    QCOMPARE(view_->zoom(), 2.0);  // min(200/100, 400/80)
  }

  void keyboard() {
    show(solid(50, 40, kRed), solid(100, 80, kBlue));
    QVERIFY(view_->focusPolicy() & Qt::ClickFocus);
    QTest::keyClick(view_.get(), Qt::Key_1);
    QCOMPARE(view_->zoom(), 1.0);
    QTest::keyClick(view_.get(), Qt::Key_Plus);
    QCOMPARE(view_->zoom(), 1.25);
    QTest::keyClick(view_.get(), Qt::Key_Minus);
    QCOMPARE(view_->zoom(), 1.0);
    QTest::keyClick(view_.get(), Qt::Key_0);
    QCOMPARE(view_->zoom(), 3.75);

    view_->setZoom(8.0);
    const QPointF centre = view_->imagePointAt(QPointF(200, 150));
    QTest::keyClick(view_.get(), Qt::Key_Right);
    QVERIFY(view_->imagePointAt(QPointF(200, 150)).x() > centre.x());
    QTest::keyClick(view_.get(), Qt::Key_Left);
    QTest::keyClick(view_.get(), Qt::Key_Down);
    QVERIFY(view_->imagePointAt(QPointF(200, 150)).y() > centre.y());
    QCOMPARE(view_->imagePointAt(QPointF(200, 150)).x(), centre.x());

    QTest::keyClick(view_.get(), Qt::Key_Space);
    QCOMPARE(view_->mode(), Mode::before);
    QTest::keyClick(view_.get(), Qt::Key_Space);
    QCOMPARE(view_->mode(), Mode::after);
  }

  void clearShowsNothing() {
    show(solid(50, 40, kRed), solid(100, 80, kBlue));
    view_->clear();
    const QImage shown = render(*view_);
    QCOMPARE(countPixels(shown, isRed) + countPixels(shown, isBlue), 0);
    wheel(view_.get(), QPointF(200, 150), 120);  // nothing to zoom; must not crash
  }

  // A large photo at far-out, 100 % and close zoom (the half-size copies used below 50 %
  // included) shows the right picture; its speed is for benchmarks, not for a unit test.
  void largeImagesDrawAtEveryZoom() {
    view_->setImages(solid(4000, 3000, kRed), solid(8000, 6000, kBlue));
    view_->setMode(Mode::after);
    for (double zoom : {0.05, 0.3, 1.0, 8.0}) {
      view_->setZoom(zoom);
      const QImage shown = render(*view_);
      QVERIFY2(isBlue(shown.pixel(200, 150)), qPrintable(QStringLiteral("zoom %1").arg(zoom)));
    }
    view_->setMode(Mode::before);
    QVERIFY(isRed(render(*view_).pixel(200, 150)));
  }
};

class TestFaceStrip : public QObject {
  Q_OBJECT

 private:
  static QVector<FaceThumbnail> faces(int n) {
    QVector<FaceThumbnail> list;
    for (int i = 0; i < n; ++i)
      list.push_back({solid(512, 512, kRed), solid(512, 512, kBlue), true});
    return list;
  }

 private slots:
  void checkBoxesDriveIncluded() {
    FaceStrip strip;
    strip.resize(600, strip.sizeHint().height());
    strip.show();
    QVERIFY(QTest::qWaitForWindowExposed(&strip));
    QSignalSpy changed(&strip, &FaceStrip::includedChanged);

    strip.setFaces(faces(2));
    QCOMPARE(strip.count(), 2);
    QCOMPARE(strip.included(), QVector<bool>({true, true}));
    QCOMPARE(changed.count(), 0);
    auto* use1 = strip.findChild<QCheckBox*>(QStringLiteral("faceUse1"));
    QVERIFY(use1);
    QTRY_VERIFY(use1->isVisible());  // the layout shows new children from the event loop
    QCOMPARE(use1->text(), FaceStrip::tr("Use"));
    QTest::mouseClick(use1, Qt::LeftButton);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QVector<bool>>(), QVector<bool>({true, false}));
    QCOMPARE(strip.included(), QVector<bool>({true, false}));

    strip.setIncluded(0, false);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.at(1).at(0).value<QVector<bool>>(), QVector<bool>({false, false}));
    QVERIFY(!strip.findChild<QCheckBox*>(QStringLiteral("faceUse0"))->isChecked());
    strip.setIncluded(0, false);  // no change
    strip.setIncluded(5, true);   // out of range
    QCOMPARE(changed.count(), 2);

    QVector<FaceThumbnail> one = faces(1);
    one[0].included = false;
    strip.setFaces(one);
    QCOMPARE(strip.count(), 1);
    QCOMPARE(strip.included(), QVector<bool>({false}));
    QVERIFY(!strip.findChild<QCheckBox*>(QStringLiteral("faceUse1")));
    QVERIFY(strip.findChild<QCheckBox*>(QStringLiteral("faceUse0")));

    strip.clear();
    QCOMPARE(strip.count(), 0);
    QVERIFY(strip.included().isEmpty());
    QVERIFY(!strip.findChild<QCheckBox*>(QStringLiteral("faceUse0")));
  }
};

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  int failed = 0;
  {
    TestCompareView test;
    failed += QTest::qExec(&test, argc, argv);
  }
  {
    TestFaceStrip test;
    failed += QTest::qExec(&test, argc, argv);
  }
  return failed;
}

#include "test_compare_view.moc"
