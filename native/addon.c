/*
 * spearwatch_native: batched double SHA-256 for block parsing (Node-API, no dependencies).
 *
 *   sha256dSpans(src, spans, out)  spans is a Uint32Array of records [slot, a0, b0, a1, b1, a2, b2]: hash the
 *                                  concatenation of src[a0…b0), src[a1…b1), src[a2…b2) twice and write the
 *                                  digest to out[32·slot…32·slot+32). Every range and slot is checked against
 *                                  the buffers before anything is hashed; a bad one throws a RangeError.
 *   merkleRoot(level, n)           the merkle root of the n 32-byte hashes at the start of level, computed in
 *                                  place (level[0…32) holds the root afterwards); returns true when two equal
 *                                  hashes were paired at some level (CVE-2012-2459 mutation).
 *   backend()                      "avx-512+sha-ni", "avx-512", "sha-ni" or "portable".
 *   setBackend(name)               (process-wide, for tests and benchmarks) "auto" picks the fastest code the CPU runs (AVX-512 sixteen-lane batches,
 *                                  SHA-NI), "sha-ni" leaves AVX-512 out, "portable" forces the C compression;
 *                                  returns the backend now in use (for tests comparing the paths).
 */
#include <node_api.h>
#include <stdio.h>
#include <string.h>

#include "sha256.h"

static sw_transform_fn transform = sw_transform_portable;
static sw_transform2_fn transform2 = sw_transform_portable_2;
/* Sixteen-lane AVX-512 hashing for batches (records and merkle levels); single hashes still use transform. */
static int lanes16 = 0;

static const uint32_t IV[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static void store_be(unsigned char *out, const uint32_t s[8]) {
  for (int i = 0; i < 8; i++) {
    out[4 * i] = (unsigned char)(s[i] >> 24);
    out[4 * i + 1] = (unsigned char)(s[i] >> 16);
    out[4 * i + 2] = (unsigned char)(s[i] >> 8);
    out[4 * i + 3] = (unsigned char)s[i];
  }
}

/* The block of a second pass: a 32-byte digest, 0x80, zeros, bit length 256. */
static void second_block(unsigned char block[64], const uint32_t first[8]) {
  store_be(block, first);
  memset(block + 32, 0, 32);
  block[32] = 0x80;
  block[62] = 0x01;
}

/* Second passes of two first-pass states side by side, into outa and outb. */
static void second_pass_2(const uint32_t fa[8], unsigned char *outa, const uint32_t fb[8], unsigned char *outb) {
  unsigned char ba[64], bb[64];
  uint32_t sa[8], sb[8];
  second_block(ba, fa);
  second_block(bb, fb);
  memcpy(sa, IV, sizeof sa);
  memcpy(sb, IV, sizeof sb);
  transform2(sa, ba, sb, bb);
  store_be(outa, sa);
  store_be(outb, sb);
}

static void second_pass(const uint32_t first[8], unsigned char *out) {
  unsigned char block[64];
  uint32_t s[8];
  second_block(block, first);
  memcpy(s, IV, sizeof s);
  transform(s, block, 1);
  store_be(out, s);
}

/*
 * The padded message of one record, one 64-byte block at a time: a pointer into src where a whole block lies
 * inside one range, else the block assembled in tmp (range joins, the tail, 0x80, the bit length).
 */
typedef struct {
  const unsigned char *src;
  const uint32_t *r; /* three ranges [a, b) */
  int k;             /* current range */
  uint32_t pos;      /* next byte of range k */
  uint64_t total;
  int phase;         /* 0: data left, 1: 0x80 written, length pending, 2: done */
  unsigned char tmp[64];
} cursor;

static void cursor_init(cursor *c, const unsigned char *src, const uint32_t *ranges) {
  c->src = src;
  c->r = ranges;
  c->k = 0;
  c->pos = ranges[0];
  c->total = (uint64_t)(ranges[1] - ranges[0]) + (ranges[3] - ranges[2]) + (ranges[5] - ranges[4]);
  c->phase = 0;
}

static const unsigned char *cursor_next(cursor *c) {
  if (c->phase == 2) return NULL;
  size_t fill = 0;
  if (c->phase == 0) {
    while (c->k < 3 && c->pos == c->r[2 * c->k + 1]) {
      c->k++;
      if (c->k < 3) c->pos = c->r[2 * c->k];
    }
    if (c->k < 3 && c->r[2 * c->k + 1] - c->pos >= 64) {
      const unsigned char *p = c->src + c->pos;
      c->pos += 64;
      return p;
    }
    while (c->k < 3 && fill < 64) {
      uint32_t left = c->r[2 * c->k + 1] - c->pos;
      size_t take = left < 64 - fill ? left : 64 - fill;
      memcpy(c->tmp + fill, c->src + c->pos, take);
      fill += take;
      c->pos += (uint32_t)take;
      while (c->k < 3 && c->pos == c->r[2 * c->k + 1]) {
        c->k++;
        if (c->k < 3) c->pos = c->r[2 * c->k];
      }
    }
    if (fill == 64) return c->tmp;
    c->tmp[fill++] = 0x80;
    c->phase = 1;
  }
  memset(c->tmp + fill, 0, 64 - fill);
  if (fill > 56) return c->tmp; /* no room for the length: it goes in one more block */
  uint64_t bits = c->total * 8;
  for (int i = 0; i < 8; i++) c->tmp[63 - i] = (unsigned char)(bits >> (8 * i));
  c->phase = 2;
  return c->tmp;
}

/* Double SHA-256 of two records side by side (the longer one finishes alone). */
static void hash_records_2(const unsigned char *src, const uint32_t *ra, unsigned char *outa, const uint32_t *rb, unsigned char *outb) {
  cursor ca, cb;
  uint32_t sa[8], sb[8];
  cursor_init(&ca, src, ra);
  cursor_init(&cb, src, rb);
  memcpy(sa, IV, sizeof sa);
  memcpy(sb, IV, sizeof sb);
  for (;;) {
    const unsigned char *pa = cursor_next(&ca);
    const unsigned char *pb = cursor_next(&cb);
    if (pa != NULL && pb != NULL) {
      transform2(sa, pa, sb, pb);
      continue;
    }
    if (pa != NULL) do transform(sa, pa, 1); while ((pa = cursor_next(&ca)) != NULL);
    if (pb != NULL) do transform(sb, pb, 1); while ((pb = cursor_next(&cb)) != NULL);
    break;
  }
  second_pass_2(sa, outa, sb, outb);
}

static void hash_record(const unsigned char *src, const uint32_t *r, unsigned char *out) {
  cursor c;
  uint32_t s[8];
  const unsigned char *p;
  cursor_init(&c, src, r);
  memcpy(s, IV, sizeof s);
  while ((p = cursor_next(&c)) != NULL) transform(s, p, 1);
  second_pass(s, out);
}

/* Words per record: slot, then three ranges [a, b). */
#define RECORD 7

/* Below this many records or merkle pairs a batch is hashed two at a time instead of sixteen. */
#define LANES16_MIN 8

static void set_iv16(uint32_t st[128], int lane) {
  for (int j = 0; j < 8; j++) st[16 * j + lane] = IV[j];
}

typedef struct {
  uint32_t first[128];
  uint32_t out[128];
  unsigned char *dst[16];
  int n;
} second_queue;

static void queue_flush(second_queue *q) {
  if (q->n == 0) return;
  for (int i = q->n; i < 16; i++) for (int j = 0; j < 8; j++) q->first[16 * j + i] = 0;
  sw16_second(q->out, q->first);
  for (int i = 0; i < q->n; i++) {
    uint32_t s[8];
    for (int j = 0; j < 8; j++) s[j] = q->out[16 * j + i];
    store_be(q->dst[i], s);
  }
  q->n = 0;
}

static void queue_push(second_queue *q, const uint32_t s[8], unsigned char *dst) {
  for (int j = 0; j < 8; j++) q->first[16 * j + q->n] = s[j];
  q->dst[q->n++] = dst;
  if (q->n == 16) queue_flush(q);
}

/*
 * Records sixteen at a time: each lane runs one record's padded message block by block and takes the next
 * record when it finishes, so lanes of different lengths stay busy. When fewer than four lanes are left they
 * finish one by one (a lone long record would otherwise cost sixteen lanes per block). First-pass states
 * queue up for sixteen-lane second passes.
 */
static void hash_records_16(const unsigned char *src, const uint32_t *spans, size_t count, unsigned char *out) {
  uint32_t st[128];
  unsigned char blocks[1024];
  cursor cur[16];
  unsigned char *dst[16];
  int live[16];
  second_queue q;
  size_t next = 0;
  int nlive = 0;
  q.n = 0;
  memset(blocks, 0, sizeof blocks);
  for (int l = 0; l < 16; l++) {
    live[l] = next < count;
    if (!live[l]) continue;
    const uint32_t *r = spans + next++ * RECORD;
    cursor_init(&cur[l], src, r + 1);
    dst[l] = out + (size_t)r[0] * 32;
    set_iv16(st, l);
    nlive++;
  }
  for (;;) {
    if (nlive < 4 && next == count) break;
    for (int l = 0; l < 16; l++) {
      if (!live[l]) continue;
      const unsigned char *p = cursor_next(&cur[l]);
      while (p == NULL) {
        uint32_t s[8];
        for (int j = 0; j < 8; j++) s[j] = st[16 * j + l];
        queue_push(&q, s, dst[l]);
        if (next == count) {
          live[l] = 0;
          nlive--;
          break;
        }
        const uint32_t *r = spans + next++ * RECORD;
        cursor_init(&cur[l], src, r + 1);
        dst[l] = out + (size_t)r[0] * 32;
        set_iv16(st, l);
        p = cursor_next(&cur[l]);
      }
      if (p != NULL) memcpy(blocks + 64 * l, p, 64);
    }
    if (nlive == 0) break;
    sw16_compress(st, blocks);
  }
  for (int l = 0; l < 16; l++) {
    if (!live[l]) continue;
    uint32_t s[8];
    const unsigned char *p;
    for (int j = 0; j < 8; j++) s[j] = st[16 * j + l];
    while ((p = cursor_next(&cur[l])) != NULL) transform(s, p, 1);
    queue_push(&q, s, dst[l]);
  }
  queue_flush(&q);
}

/* Sixteen copies of the padding block after a 64-byte message: 0x80, zeros, bit length 512. */
#define Z8 0, 0, 0, 0, 0, 0, 0, 0
#define PAD64_BLOCK 0x80, 0, 0, 0, 0, 0, 0, 0, Z8, Z8, Z8, Z8, Z8, Z8, 0, 0, 0, 0, 0, 0, 0x02, 0
static const unsigned char pad16[1024] = {
  PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK,
  PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK, PAD64_BLOCK,
};

/* Sixteen merkle nodes at level + 64·i … into level + 32·i …, in place (every node is read before any write). */
static void hash_nodes_16(unsigned char *level, uint32_t i) {
  uint32_t st[128], res[128];
  for (int l = 0; l < 16; l++) set_iv16(st, l);
  sw16_compress(st, level + 64 * (size_t)i);
  sw16_compress(st, pad16);
  sw16_second(res, st);
  for (int l = 0; l < 16; l++) {
    uint32_t s[8];
    for (int j = 0; j < 8; j++) s[j] = res[16 * j + l];
    store_be(level + 32 * ((size_t)i + l), s);
  }
}

static napi_value throw_range(napi_env env, const char *msg) {
  napi_throw_range_error(env, "ERR_SPEARWATCH_HASH_SPAN", msg);
  return NULL;
}

static int bytes_arg(napi_env env, napi_value v, unsigned char **data, size_t *len) {
  bool is;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return 0;
  napi_typedarray_type type;
  size_t length;
  void *p;
  if (napi_get_typedarray_info(env, v, &type, &length, &p, NULL, NULL) != napi_ok) return 0;
  if (type != napi_uint8_array) return 0;
  *data = (unsigned char *)p;
  *len = length;
  return 1;
}

static napi_value sha256d_spans(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 3) return throw_range(env, "sha256dSpans(src, spans, out) takes three arguments");
  unsigned char *src, *out;
  size_t srcLen, outLen;
  if (!bytes_arg(env, argv[0], &src, &srcLen)) return throw_range(env, "sha256dSpans: src must be a Uint8Array");
  if (!bytes_arg(env, argv[2], &out, &outLen)) return throw_range(env, "sha256dSpans: out must be a Uint8Array");
  bool is;
  napi_typedarray_type type;
  size_t n;
  void *p;
  if (napi_is_typedarray(env, argv[1], &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, argv[1], &type, &n, &p, NULL, NULL) != napi_ok || type != napi_uint32_array) {
    return throw_range(env, "sha256dSpans: spans must be a Uint32Array");
  }
  const uint32_t *spans = (const uint32_t *)p;
  char msg[200];
  if (n % RECORD != 0) {
    snprintf(msg, sizeof msg, "sha256dSpans: spans length %zu is not a multiple of %d", n, RECORD);
    return throw_range(env, msg);
  }
  size_t count = n / RECORD;
  /* Check everything first: a bad record must not leave some digests written and others not. */
  for (size_t i = 0; i < count; i++) {
    const uint32_t *r = spans + i * RECORD;
    if ((uint64_t)r[0] * 32 + 32 > outLen) {
      snprintf(msg, sizeof msg, "sha256dSpans: record %zu writes slot %u past the %zu-byte output", i, r[0], outLen);
      return throw_range(env, msg);
    }
    for (int k = 0; k < 3; k++) {
      uint32_t a = r[1 + 2 * k], b = r[2 + 2 * k];
      if (a > b || b > srcLen) {
        snprintf(msg, sizeof msg, "sha256dSpans: record %zu range [%u, %u) is outside the %zu-byte buffer", i, a, b, srcLen);
        return throw_range(env, msg);
      }
    }
  }
  if (lanes16 && count >= LANES16_MIN) {
    hash_records_16(src, spans, count, out);
    return NULL;
  }
  size_t i = 0;
  for (; i + 1 < count; i += 2) {
    const uint32_t *ra = spans + i * RECORD, *rb = ra + RECORD;
    hash_records_2(src, ra + 1, out + (size_t)ra[0] * 32, rb + 1, out + (size_t)rb[0] * 32);
  }
  if (i < count) hash_record(src, spans + i * RECORD + 1, out + (size_t)spans[i * RECORD] * 32);
  return NULL;
}

static const unsigned char PAD64[64] = {0x80, [62] = 0x02};

/* sha256d of the 64 bytes at node into out (out may overlap node). */
static void hash_node(const unsigned char *node, unsigned char *out) {
  uint32_t s[8];
  memcpy(s, IV, sizeof s);
  transform(s, node, 1);
  transform(s, PAD64, 1);
  second_pass(s, out);
}

/* Two nodes side by side; each output may overlap its own node or any earlier one (merkle levels in place). */
static void hash_node_2(const unsigned char *na, unsigned char *outa, const unsigned char *nb, unsigned char *outb) {
  uint32_t sa[8], sb[8];
  memcpy(sa, IV, sizeof sa);
  memcpy(sb, IV, sizeof sb);
  transform2(sa, na, sb, nb);
  transform2(sa, PAD64, sb, PAD64);
  second_pass_2(sa, outa, sb, outb);
}

static napi_value merkle_root(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 2) return throw_range(env, "merkleRoot(level, n) takes two arguments");
  unsigned char *level;
  size_t len;
  if (!bytes_arg(env, argv[0], &level, &len)) return throw_range(env, "merkleRoot: level must be a Uint8Array");
  uint32_t n;
  if (napi_get_value_uint32(env, argv[1], &n) != napi_ok) return throw_range(env, "merkleRoot: n must be a number");
  char msg[160];
  if ((uint64_t)n * 32 > len) {
    snprintf(msg, sizeof msg, "merkleRoot: %u hashes do not fit in %zu bytes", n, len);
    return throw_range(env, msg);
  }
  bool mutated = false;
  if (n == 0) memset(level, 0, len < 32 ? len : 32);
  while (n > 1) {
    for (uint32_t i = 0; i + 1 < n && !mutated; i += 2) {
      if (memcmp(level + 32 * (size_t)i, level + 32 * (size_t)i + 32, 32) == 0) mutated = true;
    }
    uint32_t pairs = n / 2, i = 0;
    /* Node i reads bytes 64i…64i+64 and writes 32i…32i+32: in order, no write reaches a node not yet read. */
    if (lanes16 && pairs >= LANES16_MIN) for (; i + 16 <= pairs; i += 16) hash_nodes_16(level, i);
    for (; i + 1 < pairs; i += 2) hash_node_2(level + 64 * (size_t)i, level + 32 * (size_t)i, level + 64 * (size_t)i + 64, level + 32 * (size_t)i + 32);
    if (i < pairs) hash_node(level + 64 * (size_t)i, level + 32 * (size_t)i);
    if (n & 1) {
      /* An odd level pairs its last hash with itself (not a mutation). */
      unsigned char node[64];
      memcpy(node, level + 32 * (size_t)(n - 1), 32);
      memcpy(node + 32, node, 32);
      hash_node(node, level + 32 * (size_t)pairs);
      pairs++;
    }
    n = pairs;
  }
  napi_value result;
  napi_get_boolean(env, mutated, &result);
  return result;
}

static void pick_fastest(void) {
  sw_transform_fn f = sw_transform_shani();
  sw_transform2_fn f2 = sw_transform_shani_2();
  transform = f != NULL ? f : sw_transform_portable;
  transform2 = f2 != NULL ? f2 : sw_transform_portable_2;
  lanes16 = sw_avx512_available();
}

static napi_value backend_name(napi_env env) {
  napi_value s;
  const char *name = lanes16 ? (transform == sw_transform_portable ? "avx-512" : "avx-512+sha-ni")
                             : transform == sw_transform_portable ? "portable" : "sha-ni";
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &s);
  return s;
}

static napi_value backend(napi_env env, napi_callback_info info) {
  (void)info;
  return backend_name(env);
}

static napi_value set_backend(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  char name[16] = {0};
  size_t got = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name, &got) != napi_ok) {
    return throw_range(env, "setBackend(name): name must be \"auto\", \"sha-ni\" or \"portable\"");
  }
  if (strcmp(name, "portable") == 0) {
    transform = sw_transform_portable;
    transform2 = sw_transform_portable_2;
    lanes16 = 0;
  } else if (strcmp(name, "auto") == 0) {
    pick_fastest();
  } else if (strcmp(name, "sha-ni") == 0) {
    pick_fastest();
    lanes16 = 0;
  } else {
    return throw_range(env, "setBackend(name): name must be \"auto\", \"sha-ni\" or \"portable\"");
  }
  return backend_name(env);
}

static napi_value init(napi_env env, napi_value exports) {
  pick_fastest();
  napi_property_descriptor props[] = {
    {"sha256dSpans", NULL, sha256d_spans, NULL, NULL, NULL, napi_enumerable, NULL},
    {"merkleRoot", NULL, merkle_root, NULL, NULL, NULL, napi_enumerable, NULL},
    {"backend", NULL, backend, NULL, NULL, NULL, napi_enumerable, NULL},
    {"setBackend", NULL, set_backend, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
