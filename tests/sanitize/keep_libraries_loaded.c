/* Linked into every target of the sanitizer build (FACERESTORE_SANITIZE) only. LeakSanitizer
 * names the libraries of a leak's stack at exit, when it reports; a library unloaded by then
 * is an unknown module and no suppression in lsan.supp can match it. The Vulkan loader
 * unloads its drivers (lavapipe) in vkDestroyInstance, so in this build dlclose() keeps every
 * library loaded: it comes before glibc's in the lookup order. */
int dlclose(void* handle) {
  (void)handle;
  return 0;
}
