{
  "targets": [
    {
      "target_name": "spearwatch_native",
      "sources": ["native/addon.c", "native/sha256_portable.c", "native/sha256_shani.c", "native/sha256_avx512.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-O3", "-std=c11", "-Wall", "-Wextra"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-std=c11"] }
    }
  ]
}
