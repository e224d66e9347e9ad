<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DeviceOptions</name>
    <message>
        <source>discrete GPU</source>
        <translation>独立显卡</translation>
    </message>
    <message>
        <source>integrated GPU</source>
        <translation>集成显卡</translation>
    </message>
    <message>
        <source>virtual GPU</source>
        <translation>虚拟显卡</translation>
    </message>
    <message>
        <source>software, runs on the CPU</source>
        <translation>软件实现，在 CPU 上运行</translation>
    </message>
    <message>
        <source>other device</source>
        <translation>其他设备</translation>
    </message>
    <message>
        <source>memory unknown</source>
        <translation>显存未知</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>Automatic (CPU — no Vulkan GPU available)</source>
        <translation>自动（CPU — 没有可用的 Vulkan GPU）</translation>
    </message>
    <message>
        <source>Automatic (CPU — no hardware GPU found)</source>
        <translation>自动（CPU — 未找到硬件 GPU）</translation>
    </message>
    <message>
        <source>Automatic (CPU)</source>
        <translation>自动（CPU）</translation>
    </message>
    <message>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2，%3</translation>
    </message>
    <message>
        <source>CPU — %1, %2 threads</source>
        <translation>CPU — %1，%2 个线程</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1: no such file.</source>
        <translation>%1：文件不存在。</translation>
    </message>
    <message>
        <source>size %1 bytes, expected %2</source>
        <translation>大小为 %1 字节，应为 %2</translation>
    </message>
    <message>
        <source>no published checksum</source>
        <translation>没有公布的校验和</translation>
    </message>
    <message>
        <source>not verified yet</source>
        <translation>尚未校验</translation>
    </message>
    <message>
        <source>checksum differs</source>
        <translation>校验和不符</translation>
    </message>
    <message>
        <source>Cannot create the model folder %1 (%2). Check that you may write there, or set FACERESTORE_MODELS to a folder you can write to.</source>
        <translation>无法创建模型文件夹 %1（%2）。请检查您是否有权限写入该位置，或将 FACERESTORE_MODELS 设为您可以写入的文件夹。</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>已存在</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Corrupt</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>%1 is not supported by this version of FaceRestore%2, so it is not downloaded; choose another model.</source>
        <translation>此版本的 FaceRestore%2 不支持 %1，因此不会下载；请选择其他模型。</translation>
    </message>
    <message>
        <source>Cannot download %1: %2
You can also get it from %3, put it in %4 and check again, or import it.</source>
        <translation>无法下载 %1：%2
您也可以从 %3 获取该文件，放入 %4 后重新检查，或直接导入。</translation>
    </message>
    <message>
        <source>%1 is not the official %2 (%3). Choose the file published at %4, or import this one anyway.</source>
        <translation>%1 不是官方的 %2（%3）。请选择 %4 上发布的文件，或仍然导入此文件。</translation>
    </message>
    <message>
        <source>%1 cannot be read (%2).</source>
        <translation>无法读取 %1（%2）。</translation>
    </message>
    <message>
        <source>Cannot write %1 (%2). Check that the disk has room and that you may write in %3.</source>
        <translation>无法写入 %1（%2）。请检查磁盘空间是否充足，以及您是否有权限写入 %3。</translation>
    </message>
    <message>
        <source>Reading %1 failed (%2).</source>
        <translation>读取 %1 失败（%2）。</translation>
    </message>
    <message>
        <source>%1 changed while it was copied; import it again.</source>
        <translation>%1 在复制过程中发生了变化，请重新导入。</translation>
    </message>
</context>
<context>
    <name>fr::gui::CompareView</name>
    <message>
        <source>Before</source>
        <translation>修复前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修复后</translation>
    </message>
</context>
<context>
    <name>fr::gui::DisplayWorker</name>
    <message>
        <source>There is not enough memory to show this photo.</source>
        <translation>内存不足，无法显示这张照片。</translation>
    </message>
    <message>
        <source>This photo cannot be shown: %1</source>
        <translation>无法显示这张照片：%1</translation>
    </message>
</context>
<context>
    <name>fr::gui::FaceStrip</name>
    <message>
        <source>Face %1 as found</source>
        <translation>人脸 %1（原图）</translation>
    </message>
    <message>
        <source>Face %1 restored</source>
        <translation>人脸 %1（修复后）</translation>
    </message>
    <message>
        <source>Face %1</source>
        <translation>人脸 %1</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Paste this restored face back into the image</source>
        <translation>将这张修复后的人脸贴回图像</translation>
    </message>
</context>
<context>
    <name>fr::gui::ImageExport</name>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;WebP image (*.webp);;TIFF image (*.tif *.tiff);;BMP image (*.bmp)</source>
        <translation>PNG 图像 (*.png);;JPEG 图像 (*.jpg *.jpeg);;WebP 图像 (*.webp);;TIFF 图像 (*.tif *.tiff);;BMP 图像 (*.bmp)</translation>
    </message>
    <message>
        <source>%1 is one of the photos being restored; choose another name so the original is kept.</source>
        <translation>%1 是正在修复的照片之一；请另选一个文件名，以保留原图。</translation>
    </message>
    <message>
        <source>There is no restored image to save yet.</source>
        <translation>还没有可保存的修复结果。</translation>
    </message>
    <message>
        <source>%1: unknown image format &quot;%2&quot;; use .png, .jpg, .webp, .tif or .bmp.</source>
        <translation>%1：未知的图像格式“%2”；请使用 .png、.jpg、.webp、.tif 或 .bmp。</translation>
    </message>
    <message>
        <source>%1: the image could not be encoded (%2).</source>
        <translation>%1：无法编码图像（%2）。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1; choose another output folder in Settings.</source>
        <translation>无法创建文件夹 %1；请在“设置”中选择其他输出文件夹。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>fr::gui::ImageList</name>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>size unknown</source>
        <translation>尺寸未知</translation>
    </message>
    <message>
        <source>Done, with warnings</source>
        <translation>完成（有警告）</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>fr::gui::MainWindow</name>
    <message>
        <source>reading</source>
        <translation>正在读取</translation>
    </message>
    <message>
        <source>finding faces</source>
        <translation>正在检测人脸</translation>
    </message>
    <message>
        <source>aligning faces</source>
        <translation>正在对齐人脸</translation>
    </message>
    <message>
        <source>restoring face %1 of %2</source>
        <translation>正在修复人脸 %1/%2</translation>
    </message>
    <message>
        <source>upscaling the background, part %1 of %2</source>
        <translation>正在放大背景，第 %1/%2 块</translation>
    </message>
    <message>
        <source>pasting the faces back</source>
        <translation>正在贴回人脸</translation>
    </message>
    <message>
        <source>FaceRestore</source>
        <translation>FaceRestore</translation>
    </message>
    <message>
        <source>Drop photos or folders here, or use File → Open.

FaceRestore finds every face, restores it and upscales the rest of the photo.</source>
        <translation>将照片或文件夹拖放到此处，或使用“文件 → 打开”。

FaceRestore 会找出每一张人脸并加以修复，同时放大照片的其余部分。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Photos…</source>
        <translation>打开照片(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Paste Photo</source>
        <translation>粘贴照片(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save A&amp;ll</source>
        <translation>全部保存(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Remove from List</source>
        <translation>从列表中移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>修复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Restore This Photo</source>
        <translation>修复此照片(&amp;R)</translation>
    </message>
    <message>
        <source>Restore &amp;All Photos</source>
        <translation>修复所有照片(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Split</source>
        <translation>分割对比(&amp;S)</translation>
    </message>
    <message>
        <source>Side &amp;by Side</source>
        <translation>并排对比(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Before</source>
        <translation>修复前(&amp;B)</translation>
    </message>
    <message>
        <source>A&amp;fter</source>
        <translation>修复后(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Toggle Before/After</source>
        <translation>切换修复前/后(&amp;T)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual Size (100 %)</source>
        <translation>实际大小 (100%)(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About FaceRestore</source>
        <translation>关于 FaceRestore(&amp;A)</translation>
    </message>
    <message>
        <source>About FaceRestore</source>
        <translation>关于 FaceRestore</translation>
    </message>
    <message>
        <source>&lt;b&gt;FaceRestore&lt;/b&gt;&lt;p&gt;Restores faces in photos with GFPGAN and upscales the rest with Real-ESRGAN, on any Vulkan GPU or on the CPU.&lt;/p&gt;&lt;p&gt;The models keep their own licenses (Tools → Models).&lt;/p&gt;</source>
        <translation>&lt;b&gt;FaceRestore&lt;/b&gt;&lt;p&gt;使用 GFPGAN 修复照片中的人脸，并用 Real-ESRGAN 放大其余部分，可在任何支持 Vulkan 的 GPU 或 CPU 上运行。&lt;/p&gt;&lt;p&gt;各模型遵循其各自的许可证（工具 → 模型）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <source>Not a photo FaceRestore can read, skipped: %1</source>
        <translation>不是 FaceRestore 可以读取的照片，已跳过：%1</translation>
    </message>
    <message numerus="yes">
        <source>Added %n photo(s).</source>
        <translation>
            <numerusform>已添加 %n 张照片。</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Photos</source>
        <translation>打开照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff);;All files (*)</source>
        <translation>照片 (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>The clipboard holds no photo.</source>
        <translation>剪贴板中没有照片。</translation>
    </message>
    <message>
        <source>The pasted photo could not be stored in %1.</source>
        <translation>无法将粘贴的照片保存到 %1。</translation>
    </message>
    <message>
        <source>Loading the models…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Photo %1 of %2: %3</source>
        <translation>照片 %1/%2：%3</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Finished: %1 restored, %2 failed.</source>
        <translation>已完成：%1 张修复成功，%2 张失败。</translation>
    </message>
    <message>
        <source>Download it below or import a copy you already have, then press Restore again.</source>
        <translation>请在下方下载，或导入您已有的副本，然后再次点击“修复”。</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法修复</translation>
    </message>
    <message>
        <source>Check the device and models in Tools → Settings.</source>
        <translation>请在“工具 → 设置”中检查设备和模型。</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save Restored Photo</source>
        <translation>保存修复后的照片</translation>
    </message>
    <message>
        <source>Saved %1 photos, %2 not saved.</source>
        <translation>已保存 %1 张照片，%2 张未保存。</translation>
    </message>
    <message>
        <source>Running on: %1</source>
        <translation>正在使用：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>finding faces, part %1 of %2</source>
        <translation>正在检测人脸，第 %1/%2 块</translation>
    </message>
    <message>
        <source>The faces you chose are still being pasted back; save again in a moment.</source>
        <translation>正在把您选择的人脸贴回照片，请稍后再保存。</translation>
    </message>
    <message>
        <source>Finishing saving; the window closes when it is done.</source>
        <translation>正在完成保存，保存完毕后窗口将关闭。</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
</context>
<context>
    <name>fr::gui::ModelsDialog</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>License</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Model folder:</source>
        <translation>模型文件夹：</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Cannot create the model folder %1 (%2). Set FACERESTORE_MODELS to a folder you can write to.</source>
        <translation>无法创建模型文件夹 %1（%2）。请将 FACERESTORE_MODELS 设为您可以写入的文件夹。</translation>
    </message>
    <message>
        <source>Cannot open %1 in the file manager; open it yourself.</source>
        <translation>无法在文件管理器中打开 %1，请手动打开。</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>not supported yet</source>
        <translation>暂不支持</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>checksum verified</source>
        <translation>校验和已验证</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Downloading %1 from %2…</source>
        <translation>正在从 %2 下载 %1…</translation>
    </message>
    <message>
        <source>%1 is ready: %2</source>
        <translation>%1 已就绪：%2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Model files (*.pth *.pt *.safetensors);;All files (*)</source>
        <translation>模型文件 (*.pth *.pt *.safetensors);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>%1 is not the official %2 (%3).

Use it anyway? FaceRestore may fail to load it, or restore faces differently from the official model.</source>
        <translation>%1 不是官方的 %2（%3）。

仍要使用吗？FaceRestore 可能无法加载它，或者修复效果与官方模型不同。</translation>
    </message>
    <message>
        <source>Not the official model</source>
        <translation>非官方模型</translation>
    </message>
    <message>
        <source>%1 was not imported.</source>
        <translation>%1 未导入。</translation>
    </message>
    <message>
        <source>Copying %1 into %2…</source>
        <translation>正在将 %1 复制到 %2…</translation>
    </message>
</context>
<context>
    <name>fr::gui::RestoreWorker</name>
    <message>
        <source>%1 is not on this computer yet.</source>
        <translation>此电脑上还没有 %1。</translation>
    </message>
    <message>
        <source>Internal error: %1</source>
        <translation>内部错误：%1</translation>
    </message>
    <message>
        <source>Settings, Processing, Largest photo</source>
        <translation>设置 → 处理 → 最大照片</translation>
    </message>
</context>
<context>
    <name>fr::gui::SaveWorker</name>
    <message>
        <source>There is not enough memory to save %1.</source>
        <translation>内存不足，无法保存 %1。</translation>
    </message>
    <message>
        <source>%1 cannot be saved: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>fr::gui::SettingsDialog</name>
    <message>
        <source>Other file…</source>
        <translation>其他文件…</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>选择模型文件</translation>
    </message>
    <message>
        <source>Model files (*.pth *.safetensors)</source>
        <translation>模型文件 (*.pth *.safetensors)</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>界面</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>A new device is used from the next restoration on.</source>
        <translation>新设备将从下一次修复开始使用。</translation>
    </message>
    <message>
        <source>How many times larger the restored photo is, 1 to 16.</source>
        <translation>修复后的照片放大的倍数，1 到 16。</translation>
    </message>
    <message>
        <source>&amp;Upscale factor:</source>
        <translation>放大倍数(&amp;U)：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>The background is upscaled in tiles of this size; smaller tiles need less memory.</source>
        <translation>背景按此大小分块放大；分块越小，占用的内存越少。</translation>
    </message>
    <message>
        <source>&amp;Tile size:</source>
        <translation>分块大小(&amp;T)：</translation>
    </message>
    <message>
        <source>The overlap between tiles, which hides their seams.</source>
        <translation>分块之间的重叠部分，用于消除接缝。</translation>
    </message>
    <message>
        <source>Tile &amp;overlap:</source>
        <translation>分块重叠(&amp;O)：</translation>
    </message>
    <message>
        <source>Only restore the face nearest the centre</source>
        <translation>仅修复最靠近中心的人脸</translation>
    </message>
    <message>
        <source>Stored noise (repeatable)</source>
        <translation>固定噪声（结果可重复）</translation>
    </message>
    <message>
        <source>Random noise</source>
        <translation>随机噪声</translation>
    </message>
    <message>
        <source>The face model&apos;s noise: stored noise gives the same result every time.</source>
        <translation>人脸模型使用的噪声：固定噪声每次都会得到相同的结果。</translation>
    </message>
    <message>
        <source>&amp;Noise:</source>
        <translation>噪声(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Face model:</source>
        <translation>人脸模型(&amp;F)：</translation>
    </message>
    <message>
        <source>Face &amp;detector:</source>
        <translation>人脸检测器(&amp;D)：</translation>
    </message>
    <message>
        <source>None (resize only)</source>
        <translation>无（仅缩放）</translation>
    </message>
    <message>
        <source>&amp;Background:</source>
        <translation>背景模型(&amp;B)：</translation>
    </message>
    <message>
        <source>Empty: a “restored” folder beside each photo</source>
        <translation>留空：保存到每张照片旁的“restored”文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Output &amp;folder:</source>
        <translation>输出文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Same as the photo (PNG for other formats)</source>
        <translation>与原照片相同（其他格式存为 PNG）</translation>
    </message>
    <message>
        <source>PNG (lossless)</source>
        <translation>PNG（无损）</translation>
    </message>
    <message>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <source>WebP</source>
        <translation>WebP</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <source>JPEG and WebP quality: higher is better and larger.</source>
        <translation>JPEG 和 WebP 的质量：数值越高，画质越好，文件也越大。</translation>
    </message>
    <message>
        <source>&amp;Quality:</source>
        <translation>质量(&amp;Q)：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Added to each file name: photo_SUFFIX.png.</source>
        <translation>添加到每个文件名的末尾：photo_后缀.png。</translation>
    </message>
    <message>
        <source>File name &amp;suffix:</source>
        <translation>文件名后缀(&amp;S)：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>The language changes when FaceRestore is started again.</source>
        <translation>重新启动 FaceRestore 后，语言才会更改。</translation>
    </message>
    <message>
        <source>Unavailable device (%1)</source>
        <translation>不可用的设备（%1）</translation>
    </message>
    <message>
        <source> megapixels</source>
        <translation> 百万像素</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Larger photos are refused rather than risking the computer&apos;s memory.</source>
        <translation>更大的照片将被拒绝处理，以免耗尽电脑内存。</translation>
    </message>
    <message>
        <source>&amp;Largest photo:</source>
        <translation>最大照片(&amp;L)：</translation>
    </message>
    <message>
        <source>Half precision on the GPU</source>
        <translation>在显卡上使用半精度</translation>
    </message>
    <message>
        <source>Stores the networks&apos; values as 16-bit numbers on the graphics card: half the memory, results that differ very slightly. The CPU always uses full precision.</source>
        <translation>在显卡上以 16 位数值存储网络的数据：内存减半，结果只有极细微的差别。CPU 始终使用全精度。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>FaceRestore</source>
        <translation>FaceRestore</translation>
    </message>
    <message>
        <source>Restores faces in photos and upscales them.</source>
        <translation>修复照片中的人脸并放大照片。</translation>
    </message>
    <message>
        <source>Photos or folders to open.</source>
        <translation>要打开的照片或文件夹。</translation>
    </message>
</context>
</TS>
