#include "core/vulkan/vk_context.h"

#include <cstring>
#include <vector>

#include "core/logging.h"

namespace fr::vk {
namespace {

[[maybe_unused]] bool layer_available(const char* name) {
  uint32_t count = 0;
  if (vkEnumerateInstanceLayerProperties(&count, nullptr) != VK_SUCCESS) return false;
  std::vector<VkLayerProperties> layers(count);
  if (vkEnumerateInstanceLayerProperties(&count, layers.data()) != VK_SUCCESS) return false;
  for (const auto& l : layers)
    if (std::strcmp(l.layerName, name) == 0) return true;
  return false;
}

}  // namespace

Result<std::unique_ptr<Context>> Context::create(const ContextOptions& options) {
  std::unique_ptr<Context> ctx(new Context);
  const std::string who = "vulkan:" + std::to_string(options.device_index);

  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "FaceRestore";
  app.apiVersion = VK_API_VERSION_1_1;
  VkInstanceCreateInfo ici{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  ici.pApplicationInfo = &app;
#ifndef NDEBUG
  const char* validation = "VK_LAYER_KHRONOS_validation";
  if (layer_available(validation)) {
    ici.enabledLayerCount = 1;
    ici.ppEnabledLayerNames = &validation;
    log()->debug("Vulkan validation layer enabled");
  }
#endif
  if (VkResult r = vkCreateInstance(&ici, nullptr, &ctx->instance_); r != VK_SUCCESS)
    return vk_error(r, who, "starting Vulkan");

  uint32_t count = 0;
  if (VkResult r = vkEnumeratePhysicalDevices(ctx->instance_, &count, nullptr); r != VK_SUCCESS)
    return vk_error(r, who, "listing devices");
  std::vector<VkPhysicalDevice> devices(count);
  if (VkResult r = vkEnumeratePhysicalDevices(ctx->instance_, &count, devices.data());
      r != VK_SUCCESS)
    return vk_error(r, who, "listing devices");
  if (options.device_index < 0 || uint32_t(options.device_index) >= count)
    return Error{"device '" + who + "' does not exist (see --list-devices)"};
  ctx->physical_ = devices[size_t(options.device_index)];
  vkGetPhysicalDeviceProperties(ctx->physical_, &ctx->props_);
  vkGetPhysicalDeviceMemoryProperties(ctx->physical_, &ctx->memory_);
  ctx->label_ = who + " (" + ctx->props_.deviceName + ")";
  if (ctx->props_.apiVersion < VK_API_VERSION_1_1)
    return Error{ctx->label_ +
                 " supports only Vulkan 1.0; FaceRestore needs 1.1 (a newer "
                 "graphics driver may help)"};

  uint32_t families = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(ctx->physical_, &families, nullptr);
  std::vector<VkQueueFamilyProperties> fam(families);
  vkGetPhysicalDeviceQueueFamilyProperties(ctx->physical_, &families, fam.data());
  int chosen = -1;
  for (uint32_t i = 0; i < families; ++i) {  // prefer a compute queue without graphics
    if (!(fam[i].queueFlags & VK_QUEUE_COMPUTE_BIT)) continue;
    if (chosen < 0 || !(fam[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) chosen = int(i);
    if (!(fam[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) break;
  }
  if (chosen < 0) return Error{ctx->label_ + " has no compute queue"};
  ctx->queue_family_ = uint32_t(chosen);

  VkPhysicalDevice16BitStorageFeatures storage16{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES};
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &storage16;
  vkGetPhysicalDeviceFeatures2(ctx->physical_, &features);
  if (options.want_fp16_storage && !storage16.storageBuffer16BitAccess)
    log()->warn("{} cannot store tensors in fp16 (no 16-bit storage): using fp32", ctx->label_);
  ctx->fp16_storage_ = options.want_fp16_storage && storage16.storageBuffer16BitAccess;

  VkPhysicalDevice16BitStorageFeatures enable16{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES};
  enable16.storageBuffer16BitAccess = ctx->fp16_storage_ ? VK_TRUE : VK_FALSE;
  ctx->memory_budget_ = has_device_extension(ctx->physical_, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
  const char* const budget_extension = VK_EXT_MEMORY_BUDGET_EXTENSION_NAME;

  const float priority = 1.0f;
  VkDeviceQueueCreateInfo qci{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  qci.queueFamilyIndex = ctx->queue_family_;
  qci.queueCount = 1;
  qci.pQueuePriorities = &priority;
  VkDeviceCreateInfo dci{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  dci.pNext = &enable16;
  dci.queueCreateInfoCount = 1;
  dci.pQueueCreateInfos = &qci;
  if (ctx->memory_budget_) {
    dci.enabledExtensionCount = 1;
    dci.ppEnabledExtensionNames = &budget_extension;
  }
  if (VkResult r = vkCreateDevice(ctx->physical_, &dci, nullptr, &ctx->device_); r != VK_SUCCESS)
    return vk_error(r, ctx->label_, "opening the device");
  vkGetDeviceQueue(ctx->device_, ctx->queue_family_, 0, &ctx->queue_);

  const auto type = ctx->props_.deviceType;
  ctx->unified_memory_ =
      !options.force_staging &&
      (type == VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU || type == VK_PHYSICAL_DEVICE_TYPE_CPU);
  log()->info("{}: Vulkan {}.{}, fp16 storage {}, unified memory {}", ctx->label_,
              VK_API_VERSION_MAJOR(ctx->props_.apiVersion),
              VK_API_VERSION_MINOR(ctx->props_.apiVersion), ctx->fp16_storage_,
              ctx->unified_memory_);
  return ctx;
}

uint64_t Context::free_device_memory(uint64_t held, double fraction_without_budget) const {
  VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
  VkPhysicalDeviceMemoryProperties2 mem{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2};
  if (memory_budget_) mem.pNext = &budget;
  vkGetPhysicalDeviceMemoryProperties2(physical_, &mem);
  uint64_t free = 0, heaps = 0;
  for (uint32_t h = 0; h < mem.memoryProperties.memoryHeapCount; ++h) {
    if (!(mem.memoryProperties.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT)) continue;
    heaps += mem.memoryProperties.memoryHeaps[h].size;
    if (memory_budget_ && budget.heapBudget[h] > budget.heapUsage[h])
      free += budget.heapBudget[h] - budget.heapUsage[h];
  }
  if (memory_budget_) return free;
  const auto usable = uint64_t(double(heaps) * fraction_without_budget);
  return usable > held ? usable - held : 0;
}

Context::~Context() {
  if (device_) {
    if (VkResult r = vkDeviceWaitIdle(device_); r != VK_SUCCESS)
      log()->warn("{}: {}", label_, describe_failure(r, label_, "shutting down"));
    vkDestroyDevice(device_, nullptr);
  }
  if (instance_) vkDestroyInstance(instance_, nullptr);
}

}  // namespace fr::vk
