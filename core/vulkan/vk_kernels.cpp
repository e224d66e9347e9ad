#include "core/vulkan/vk_kernels.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <vector>

#include "core/logging.h"

namespace fr::vk {
namespace {

// Cached data is used only if its header names this very device and driver build.
bool cache_matches(const std::vector<char>& data, const VkPhysicalDeviceProperties& props) {
  if (data.size() < 32) return false;
  uint32_t header[4];
  std::memcpy(header, data.data(), sizeof header);
  return header[0] == 32 && header[1] == VK_PIPELINE_CACHE_HEADER_VERSION_ONE &&
         header[2] == props.vendorID && header[3] == props.deviceID &&
         std::memcmp(data.data() + 16, props.pipelineCacheUUID, VK_UUID_SIZE) == 0;
}

std::vector<char> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return std::vector<char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

std::filesystem::path Kernels::cache_file(const Context& ctx) {
  std::filesystem::path dir;
  if (const char* env = std::getenv("FACERESTORE_CACHE_DIR"); env && *env) {
    dir = env;
  } else {
#ifdef _WIN32
    const char* base = std::getenv("LOCALAPPDATA");
    dir = std::filesystem::path(base ? base : ".") / "FaceRestore" / "cache";
#else
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    dir = xdg && *xdg ? std::filesystem::path(xdg)
                      : std::filesystem::path(home ? home : ".") / ".cache";
    dir /= "facerestore";
#endif
  }
  const auto& p = ctx.properties();
  return dir / ("vulkan-pipelines-" + std::to_string(p.vendorID) + "-" +
                std::to_string(p.deviceID) + (ctx.fp16_storage() ? "-fp16" : "-fp32") + ".bin");
}

Result<std::unique_ptr<Kernels>> Kernels::create(const Context& ctx) {
  std::unique_ptr<Kernels> k(new Kernels(ctx));
  const VkDevice dev = ctx.device();

  std::vector<char> initial = read_file(cache_file(ctx));
  if (!initial.empty() && !cache_matches(initial, ctx.properties())) {
    log()->info("ignoring pipeline cache {} (made for another device or driver, or damaged)",
                cache_file(ctx).string());
    initial.clear();
  }
  VkPipelineCacheCreateInfo pcci{VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO};
  pcci.initialDataSize = initial.size();
  pcci.pInitialData = initial.empty() ? nullptr : initial.data();
  VkPipelineCache cache = VK_NULL_HANDLE;
  if (vkCreatePipelineCache(dev, &pcci, nullptr, &cache) != VK_SUCCESS) {
    pcci.initialDataSize = 0;  // a cache the driver rejects is a miss
    pcci.pInitialData = nullptr;
    if (VkResult r = vkCreatePipelineCache(dev, &pcci, nullptr, &cache); r != VK_SUCCESS)
      return vk_error(r, ctx.label(), "creating the pipeline cache");
  }
  k->cache_ = OwnedPipelineCache(dev, cache);

  for (size_t i = 0; i < size_t(Kernel::count); ++i) {
    const KernelInfo& info = kKernels[i];
    const std::string doing = std::string("building the ") + info.name + " kernel";
    const KernelSpirv& spirv = ctx.fp16_storage() ? info.fp16 : info.fp32;
    KernelPipeline& p = k->pipelines_[i];
    p.bindings = info.bindings;

    std::vector<VkDescriptorSetLayoutBinding> bindings(info.bindings);
    for (uint32_t b = 0; b < info.bindings; ++b)
      bindings[b] = {b, VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, 1, VK_SHADER_STAGE_COMPUTE_BIT, nullptr};
    VkDescriptorSetLayoutCreateInfo dslci{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    dslci.bindingCount = info.bindings;
    dslci.pBindings = bindings.data();
    VkDescriptorSetLayout set_layout;
    if (VkResult r = vkCreateDescriptorSetLayout(dev, &dslci, nullptr, &set_layout);
        r != VK_SUCCESS)
      return vk_error(r, ctx.label(), doing);
    p.set_layout = OwnedDescriptorSetLayout(dev, set_layout);

    const VkPushConstantRange push{VK_SHADER_STAGE_COMPUTE_BIT, 0, kMaxPushBytes};
    VkPipelineLayoutCreateInfo plci{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    plci.setLayoutCount = 1;
    plci.pSetLayouts = &set_layout;
    plci.pushConstantRangeCount = 1;
    plci.pPushConstantRanges = &push;
    VkPipelineLayout layout;
    if (VkResult r = vkCreatePipelineLayout(dev, &plci, nullptr, &layout); r != VK_SUCCESS)
      return vk_error(r, ctx.label(), doing);
    p.layout = OwnedPipelineLayout(dev, layout);

    VkShaderModuleCreateInfo smci{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    smci.codeSize = spirv.word_count * 4;
    smci.pCode = spirv.words;
    VkShaderModule module;
    if (VkResult r = vkCreateShaderModule(dev, &smci, nullptr, &module); r != VK_SUCCESS)
      return vk_error(r, ctx.label(), doing);
    OwnedShaderModule owned_module(dev, module);

    VkComputePipelineCreateInfo cpci{VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO};
    cpci.stage = {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
    cpci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    cpci.stage.module = module;
    cpci.stage.pName = "main";
    cpci.layout = layout;
    VkPipeline pipeline;
    if (VkResult r = vkCreateComputePipelines(dev, cache, 1, &cpci, nullptr, &pipeline);
        r != VK_SUCCESS)
      return vk_error(r, ctx.label(), doing);
    p.pipeline = OwnedPipeline(dev, pipeline);
  }
  return k;
}

Kernels::~Kernels() {
  if (!cache_) return;
  size_t size = 0;
  if (vkGetPipelineCacheData(ctx_.device(), cache_.get(), &size, nullptr) != VK_SUCCESS || !size)
    return;
  std::vector<char> data(size);
  if (vkGetPipelineCacheData(ctx_.device(), cache_.get(), &size, data.data()) != VK_SUCCESS) return;
  const auto path = cache_file(ctx_);
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const auto tmp = path.parent_path() / (path.filename().string() + "." +
                                         std::to_string(std::random_device{}()) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(data.data(), std::streamsize(size));
    if (!out) {
      out.close();
      std::filesystem::remove(tmp, ec);
      return;  // a cache that cannot be saved only costs time at the next start
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace fr::vk
