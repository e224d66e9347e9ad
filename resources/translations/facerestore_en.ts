<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DeviceOptions</name>
    <message>
        <source>discrete GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integrated GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>virtual GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>software, runs on the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (CPU — no Vulkan GPU available)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (CPU — no hardware GPU found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (CPU)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU — %1, %2 threads</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size %1 bytes, expected %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no published checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checksum differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the model folder %1 (%2). Check that you may write there, or set FACERESTORE_MODELS to a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not supported by this version of FaceRestore%2, so it is not downloaded; choose another model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot download %1: %2
You can also get it from %3, put it in %4 and check again, or import it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not the official %2 (%3). Choose the file published at %4, or import this one anyway.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1 (%2). Check that the disk has room and that you may write in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1 failed (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed while it was copied; import it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::CompareView</name>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::DisplayWorker</name>
    <message>
        <source>There is not enough memory to show this photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This photo cannot be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::FaceStrip</name>
    <message>
        <source>Face %1 as found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face %1 restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste this restored face back into the image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::ImageExport</name>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;WebP image (*.webp);;TIFF image (*.tif *.tiff);;BMP image (*.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is one of the photos being restored; choose another name so the original is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no restored image to save yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown image format &quot;%2&quot;; use .png, .jpg, .webp, .tif or .bmp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the image could not be encoded (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the folder %1; choose another output folder in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::ImageList</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done, with warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::MainWindow</name>
    <message>
        <source>reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finding faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aligning faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring face %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upscaling the background, part %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pasting the faces back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FaceRestore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop photos or folders here, or use File → Open.

FaceRestore finds every face, restores it and upscales the rest of the photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Paste Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove from List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore This Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;All Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side &amp;by Side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;fter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Toggle Before/After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About FaceRestore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About FaceRestore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;FaceRestore&lt;/b&gt;&lt;p&gt;Restores faces in photos with GFPGAN and upscales the rest with Real-ESRGAN, on any Vulkan GPU or on the CPU.&lt;/p&gt;&lt;p&gt;The models keep their own licenses (Tools → Models).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a photo FaceRestore can read, skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Added %n photo(s).</source>
        <translation>
            <numerusform>Added %n photo.</numerusform>
            <numerusform>Added %n photos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pasted photo could not be stored in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: %1 restored, %2 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download it below or import a copy you already have, then press Restore again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the device and models in Tools → Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Restored Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 photos, %2 not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finding faces, part %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The faces you chose are still being pasted back; save again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing saving; the window closes when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the model folder %1 (%2). Set FACERESTORE_MODELS to a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1 in the file manager; open it yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not supported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checksum verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 from %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model files (*.pth *.pt *.safetensors);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not the official %2 (%3).

Use it anyway? FaceRestore may fail to load it, or restore faces differently from the official model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not the official model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying %1 into %2…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::RestoreWorker</name>
    <message>
        <source>%1 is not on this computer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings, Processing, Largest photo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::SaveWorker</name>
    <message>
        <source>There is not enough memory to save %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fr::gui::SettingsDialog</name>
    <message>
        <source>Other file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model files (*.pth *.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new device is used from the next restoration on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times larger the restored photo is, 1 to 16.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upscale factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The background is upscaled in tiles of this size; smaller tiles need less memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tile size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The overlap between tiles, which hides their seams.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile &amp;overlap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only restore the face nearest the centre</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored noise (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random noise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face model&apos;s noise: stored noise gives the same result every time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Noise:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Face model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face &amp;detector:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (resize only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Background:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: a “restored” folder beside each photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the photo (PNG for other formats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG (lossless)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JPEG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WebP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JPEG and WebP quality: higher is better and larger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quality:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to each file name: photo_SUFFIX.png.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File name &amp;suffix:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language changes when FaceRestore is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unavailable device (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> megapixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger photos are refused rather than risking the computer&apos;s memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Largest photo:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Half precision on the GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores the networks&apos; values as 16-bit numbers on the graphics card: half the memory, results that differ very slightly. The CPU always uses full precision.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>FaceRestore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restores faces in photos and upscales them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos or folders to open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
