/* SHA-256 compression for spearwatch's block parsing: SHA-NI when the CPU has it, portable C otherwise. */
#ifndef SPEARWATCH_SHA256_H
#define SPEARWATCH_SHA256_H
#include <stddef.h>
#include <stdint.h>

/* The 64 round constants (FIPS 180-4 §4.2.2), defined once in sha256_portable.c, 64-byte aligned. */
#if defined(__GNUC__) || defined(__clang__)
#define SW_ALIGN64 __attribute__((aligned(64)))
#else
#define SW_ALIGN64
#endif
extern const uint32_t SW_K[64];

/* Mix `blocks` 64-byte blocks at `p` into the state `s` (eight words, a..h). */
typedef void (*sw_transform_fn)(uint32_t s[8], const unsigned char *p, size_t blocks);

void sw_transform_portable(uint32_t s[8], const unsigned char *p, size_t blocks);
/* One 64-byte block into each of two independent states (two messages hashed side by side). */
typedef void (*sw_transform2_fn)(uint32_t sa[8], const unsigned char *pa, uint32_t sb[8], const unsigned char *pb);

void sw_transform_portable_2(uint32_t sa[8], const unsigned char *pa, uint32_t sb[8], const unsigned char *pb);
/* NULL when this build or this CPU has no SHA extensions. */
sw_transform_fn sw_transform_shani(void);
sw_transform2_fn sw_transform_shani_2(void);

/*
 * Sixteen lanes with AVX-512F (sha256_avx512.c). States and digests are "structure of arrays": word j of lane i
 * at [16·j + i]. sw16_compress mixes the sixteen 64-byte blocks at blocks[64·i…] into st; sw16_second computes
 * the second pass of a double hash (SHA-256 of each lane's 32-byte digest) from the first-pass states.
 * Call only when sw_avx512_available() says so.
 */
int sw_avx512_available(void);
void sw16_compress(uint32_t st[8 * 16], const unsigned char *blocks);
void sw16_second(uint32_t out[8 * 16], const uint32_t first[8 * 16]);

#endif
