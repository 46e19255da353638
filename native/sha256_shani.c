/*
 * SHA-256 with the x86 SHA extensions (SHA-NI): two rounds per sha256rnds2, the message schedule by
 * sha256msg1/msg2. The state is held as ABEF/CDGH, the order the instructions want. Compiled with a target
 * attribute so the rest of the addon stays baseline x86-64; used only when CPUID reports SHA, SSSE3 and SSE4.1.
 */
#include "sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

#define SHANI __attribute__((target("sha,sse4.1,ssse3")))


/* Four rounds with schedule words m (rounds 4i…4i+3). */
#define QUAD(i, m)                                                          \
  do {                                                                      \
    __m128i k_ = _mm_add_epi32((m), _mm_load_si128((const __m128i *)&SW_K[4 * (i)])); \
    s1 = _mm_sha256rnds2_epu32(s1, s0, k_);                                 \
    s0 = _mm_sha256rnds2_epu32(s0, s1, _mm_shuffle_epi32(k_, 0x0e));        \
  } while (0)

/* Next schedule words: next += alignr(cur, prev, 4), then msg2 with cur; prev gets msg1 with cur. */
#define NEXT(prev, cur, next) ((next) = _mm_sha256msg2_epu32(_mm_add_epi32((next), _mm_alignr_epi8((cur), (prev), 4)), (cur)))
#define MSG1(prev, cur) ((prev) = _mm_sha256msg1_epu32((prev), (cur)))

SHANI static void transform_shani(uint32_t s[8], const unsigned char *p, size_t blocks) {
  const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  __m128i t1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)s), 0xB1);       /* b a d c */
  __m128i t2 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(s + 4)), 0x1B); /* h g f e */
  __m128i s0 = _mm_alignr_epi8(t1, t2, 8);     /* ABEF */
  __m128i s1 = _mm_blend_epi16(t2, t1, 0xF0);  /* CDGH */
  while (blocks--) {
    const __m128i o0 = s0, o1 = s1;
    __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), bswap);
    __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
    __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
    __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);
    QUAD(0, m0);
    QUAD(1, m1); MSG1(m0, m1);
    QUAD(2, m2); MSG1(m1, m2);
    QUAD(3, m3); NEXT(m2, m3, m0); MSG1(m2, m3);
    QUAD(4, m0); NEXT(m3, m0, m1); MSG1(m3, m0);
    QUAD(5, m1); NEXT(m0, m1, m2); MSG1(m0, m1);
    QUAD(6, m2); NEXT(m1, m2, m3); MSG1(m1, m2);
    QUAD(7, m3); NEXT(m2, m3, m0); MSG1(m2, m3);
    QUAD(8, m0); NEXT(m3, m0, m1); MSG1(m3, m0);
    QUAD(9, m1); NEXT(m0, m1, m2); MSG1(m0, m1);
    QUAD(10, m2); NEXT(m1, m2, m3); MSG1(m1, m2);
    QUAD(11, m3); NEXT(m2, m3, m0); MSG1(m2, m3);
    QUAD(12, m0); NEXT(m3, m0, m1); MSG1(m3, m0);
    QUAD(13, m1); NEXT(m0, m1, m2);
    QUAD(14, m2); NEXT(m1, m2, m3);
    QUAD(15, m3);
    s0 = _mm_add_epi32(s0, o0);
    s1 = _mm_add_epi32(s1, o1);
    p += 64;
  }
  t1 = _mm_shuffle_epi32(s0, 0x1B); /* F E B A */
  t2 = _mm_shuffle_epi32(s1, 0xB1); /* D C H G, as words: c d g h -> shuffled */
  _mm_storeu_si128((__m128i *)s, _mm_blend_epi16(t1, t2, 0xF0));
  _mm_storeu_si128((__m128i *)(s + 4), _mm_alignr_epi8(t2, t1, 8));
}


/* The same rounds for two independent blocks, interleaved: sha256rnds2 has a latency of several cycles and a
 * throughput of about one per cycle, so a second dependency chain fills the gaps of the first. */
#define QUAD2(i, ma, mb)                                                    \
  do {                                                                      \
    const __m128i kk_ = _mm_load_si128((const __m128i *)&SW_K[4 * (i)]);       \
    __m128i ka_ = _mm_add_epi32((ma), kk_);                                 \
    __m128i kb_ = _mm_add_epi32((mb), kk_);                                 \
    a1 = _mm_sha256rnds2_epu32(a1, a0, ka_);                                \
    b1 = _mm_sha256rnds2_epu32(b1, b0, kb_);                                \
    a0 = _mm_sha256rnds2_epu32(a0, a1, _mm_shuffle_epi32(ka_, 0x0e));       \
    b0 = _mm_sha256rnds2_epu32(b0, b1, _mm_shuffle_epi32(kb_, 0x0e));       \
  } while (0)

#define STEP2(i, prev, cur, next, first, second)  \
  do {                                            \
    QUAD2(i, cur##a, cur##b);                     \
    if (first) { NEXT(prev##a, cur##a, next##a); NEXT(prev##b, cur##b, next##b); } \
    if (second) { MSG1(prev##a, cur##a); MSG1(prev##b, cur##b); } \
  } while (0)

SHANI static void transform_shani_2(uint32_t sa[8], const unsigned char *pa, uint32_t sb[8], const unsigned char *pb) {
  const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  __m128i t1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)sa), 0xB1);
  __m128i t2 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(sa + 4)), 0x1B);
  __m128i a0 = _mm_alignr_epi8(t1, t2, 8), a1 = _mm_blend_epi16(t2, t1, 0xF0);
  t1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)sb), 0xB1);
  t2 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(sb + 4)), 0x1B);
  __m128i b0 = _mm_alignr_epi8(t1, t2, 8), b1 = _mm_blend_epi16(t2, t1, 0xF0);
  const __m128i oa0 = a0, oa1 = a1, ob0 = b0, ob1 = b1;
  __m128i m0a = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)pa), bswap);
  __m128i m1a = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(pa + 16)), bswap);
  __m128i m2a = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(pa + 32)), bswap);
  __m128i m3a = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(pa + 48)), bswap);
  __m128i m0b = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)pb), bswap);
  __m128i m1b = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(pb + 16)), bswap);
  __m128i m2b = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(pb + 32)), bswap);
  __m128i m3b = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(pb + 48)), bswap);
  QUAD2(0, m0a, m0b);
  STEP2(1, m0, m1, m1, 0, 1);
  STEP2(2, m1, m2, m2, 0, 1);
  STEP2(3, m2, m3, m0, 1, 1);
  STEP2(4, m3, m0, m1, 1, 1);
  STEP2(5, m0, m1, m2, 1, 1);
  STEP2(6, m1, m2, m3, 1, 1);
  STEP2(7, m2, m3, m0, 1, 1);
  STEP2(8, m3, m0, m1, 1, 1);
  STEP2(9, m0, m1, m2, 1, 1);
  STEP2(10, m1, m2, m3, 1, 1);
  STEP2(11, m2, m3, m0, 1, 1);
  STEP2(12, m3, m0, m1, 1, 1);
  STEP2(13, m0, m1, m2, 1, 0);
  STEP2(14, m1, m2, m3, 1, 0);
  QUAD2(15, m3a, m3b);
  a0 = _mm_add_epi32(a0, oa0);
  a1 = _mm_add_epi32(a1, oa1);
  b0 = _mm_add_epi32(b0, ob0);
  b1 = _mm_add_epi32(b1, ob1);
  t1 = _mm_shuffle_epi32(a0, 0x1B);
  t2 = _mm_shuffle_epi32(a1, 0xB1);
  _mm_storeu_si128((__m128i *)sa, _mm_blend_epi16(t1, t2, 0xF0));
  _mm_storeu_si128((__m128i *)(sa + 4), _mm_alignr_epi8(t2, t1, 8));
  t1 = _mm_shuffle_epi32(b0, 0x1B);
  t2 = _mm_shuffle_epi32(b1, 0xB1);
  _mm_storeu_si128((__m128i *)sb, _mm_blend_epi16(t1, t2, 0xF0));
  _mm_storeu_si128((__m128i *)(sb + 4), _mm_alignr_epi8(t2, t1, 8));
}

sw_transform2_fn sw_transform_shani_2(void) {
  return sw_transform_shani() != 0 ? transform_shani_2 : 0;
}

sw_transform_fn sw_transform_shani(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  if (!(c & bit_SSSE3) || !(c & bit_SSE4_1)) return 0;
  if (__get_cpuid_max(0, 0) < 7) return 0;
  __cpuid_count(7, 0, a, b, c, d);
  if (!(b & (1u << 29))) return 0; /* CPUID.7.0:EBX.SHA */
  return transform_shani;
}

#else
sw_transform_fn sw_transform_shani(void) { return 0; }
sw_transform2_fn sw_transform_shani_2(void) { return 0; }
#endif
