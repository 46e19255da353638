/*
 * SHA-256 over sixteen independent messages at once with AVX-512F: lane i of each 512-bit register belongs to
 * message i. The state and message words are kept "structure of arrays" (word j of all sixteen lanes side by
 * side), so a digest's eight words can feed the next compression (the second pass of a double hash) without
 * going back to bytes. Rotations are vprord, Ch/Maj/Σ are vpternlogd. Used only when CPUID and XGETBV report
 * AVX-512F with the OS saving the ZMM state.
 */
#include "sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f")))


#define ROR(x, n) _mm512_ror_epi32((x), (n))
#define XOR3(a, b, c) _mm512_ternarylogic_epi32((a), (b), (c), 0x96)

/* Sixteen compressions: st[8] holds word j of every lane's state in st[j]; w[16] the message words likewise. */
AVX512 static void compress16(__m512i st[8], __m512i w[16]) {
  __m512i a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
#pragma GCC unroll 64
  for (int i = 0; i < 64; i++) {
    __m512i wi;
    if (i < 16) {
      wi = w[i];
    } else {
      __m512i w2 = w[(i - 2) & 15], w15 = w[(i - 15) & 15];
      __m512i s1 = XOR3(ROR(w2, 17), ROR(w2, 19), _mm512_srli_epi32(w2, 10));
      __m512i s0 = XOR3(ROR(w15, 7), ROR(w15, 18), _mm512_srli_epi32(w15, 3));
      wi = _mm512_add_epi32(_mm512_add_epi32(s1, w[(i - 7) & 15]), _mm512_add_epi32(s0, w[i & 15]));
      w[i & 15] = wi;
    }
    __m512i t1 = _mm512_add_epi32(_mm512_add_epi32(h, XOR3(ROR(e, 6), ROR(e, 11), ROR(e, 25))),
                                  _mm512_add_epi32(_mm512_ternarylogic_epi32(e, f, g, 0xCA),
                                                   _mm512_add_epi32(_mm512_set1_epi32((int)SW_K[i]), wi)));
    __m512i t2 = _mm512_add_epi32(XOR3(ROR(a, 2), ROR(a, 13), ROR(a, 22)), _mm512_ternarylogic_epi32(a, b, c, 0xE8));
    h = g; g = f; f = e; e = _mm512_add_epi32(d, t1);
    d = c; c = b; b = a; a = _mm512_add_epi32(t1, t2);
  }
  st[0] = _mm512_add_epi32(st[0], a); st[1] = _mm512_add_epi32(st[1], b);
  st[2] = _mm512_add_epi32(st[2], c); st[3] = _mm512_add_epi32(st[3], d);
  st[4] = _mm512_add_epi32(st[4], e); st[5] = _mm512_add_epi32(st[5], f);
  st[6] = _mm512_add_epi32(st[6], g); st[7] = _mm512_add_epi32(st[7], h);
}

AVX512 static __m512i bswap32(__m512i x) {
  /* [b3 b2 b1 b0] → [b0 b1 b2 b3]: bytes 3 and 1 from a right rotate by 8, bytes 2 and 0 from a left one. */
  const __m512i lo = _mm512_set1_epi32(0x00ff00ff);
  return _mm512_or_si512(_mm512_and_si512(lo, _mm512_rol_epi32(x, 8)), _mm512_andnot_si512(lo, _mm512_ror_epi32(x, 8)));
}

/* Words of sixteen 64-byte blocks laid end to end at `blocks` (lane i at 64·i), big-endian. */
AVX512 static void load16(__m512i w[16], const unsigned char *blocks) {
  const __m512i idx = _mm512_setr_epi32(0, 64, 128, 192, 256, 320, 384, 448, 512, 576, 640, 704, 768, 832, 896, 960);
  for (int j = 0; j < 16; j++) w[j] = bswap32(_mm512_i32gather_epi32(idx, (const void *)(blocks + 4 * j), 1));
}

AVX512 static void sw16_compress_blocks(uint32_t st[8 * 16], const unsigned char *blocks) {
  __m512i s[8], w[16];
  for (int j = 0; j < 8; j++) s[j] = _mm512_loadu_si512((const void *)(st + 16 * j));
  load16(w, blocks);
  compress16(s, w);
  for (int j = 0; j < 8; j++) _mm512_storeu_si512((void *)(st + 16 * j), s[j]);
}

/* The second pass of sixteen double hashes: out (SoA words) = SHA-256 of the 32-byte digests in first (SoA). */
AVX512 static void sw16_second_pass(uint32_t out[8 * 16], const uint32_t first[8 * 16]) {
  static const uint32_t IV[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  __m512i s[8], w[16];
  for (int j = 0; j < 8; j++) {
    w[j] = _mm512_loadu_si512((const void *)(first + 16 * j));
    s[j] = _mm512_set1_epi32((int)IV[j]);
  }
  w[8] = _mm512_set1_epi32((int)0x80000000u);
  for (int j = 9; j < 15; j++) w[j] = _mm512_setzero_si512();
  w[15] = _mm512_set1_epi32(256);
  compress16(s, w);
  for (int j = 0; j < 8; j++) _mm512_storeu_si512((void *)(out + 16 * j), s[j]);
}

int sw_avx512_available(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
  if (!(c & bit_OSXSAVE)) return 0;
  if (__get_cpuid_max(0, 0) < 7) return 0;
  __cpuid_count(7, 0, a, b, c, d);
  if (!(b & (1u << 16))) return 0; /* AVX512F */
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  (void)hi;
  return (lo & 0xe6) == 0xe6; /* XMM, YMM, opmask, ZMM_Hi256, Hi16_ZMM state enabled by the OS */
}

void sw16_compress(uint32_t st[8 * 16], const unsigned char *blocks) { sw16_compress_blocks(st, blocks); }
void sw16_second(uint32_t out[8 * 16], const uint32_t first[8 * 16]) { sw16_second_pass(out, first); }

#else
int sw_avx512_available(void) { return 0; }
void sw16_compress(uint32_t st[8 * 16], const unsigned char *blocks) { (void)st; (void)blocks; }
void sw16_second(uint32_t out[8 * 16], const uint32_t first[8 * 16]) { (void)out; (void)first; }
#endif
