/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vk.h: status codes shared by every module of vankien, and small helpers
 * that need no state.
 *
 * Functions that can fail return a vk_status and write their results through
 * trailing out parameters. Library code never prints: messages that name a
 * file, line or query position travel in a vk_error the caller provides.
 */
#ifndef VK_VK_H
#define VK_VK_H

#include <stddef.h>
#include <stdint.h>

typedef enum vk_status {
    VK_OK = 0,
    VK_ENOMEM,    /* out of memory, or a size that would overflow */
    VK_EINVAL,    /* bad argument or malformed input (bad query syntax, ...) */
    VK_EIO,       /* reading or writing a file failed */
    VK_ENOTFOUND, /* no such file, document, section */
    VK_EENCODING, /* the bytes are not text in an encoding we read */
    VK_ETOOBIG,   /* input over a configured limit */
    VK_EINDEX,    /* the index failed (Xapian error; see the message) */
    VK_ELOCKED,   /* the index is locked by another writer */
    VK_EFORMAT    /* the index was made by an incompatible version */
} vk_status;

/* Returns a short constant description of a status, in the language of
 * messages (common/i18n.h). Thread-safe. */
const char *vk_status_str(vk_status st);

/* A message for the user, filled by a failing call: what went wrong and where
 * (file, line, byte or query position). Plain storage, owned by the caller. */
#define VK_ERROR_MAX 512
typedef struct vk_error {
    vk_status status;       /* the status the call returned */
    char msg[VK_ERROR_MAX]; /* NUL-terminated message, "" if none */
} vk_error;

/* Records status and a printf-style message in err (err may be NULL) and
 * returns status, so that `return vk_fail(err, VK_EINVAL, "...")` reads well. */
vk_status vk_fail(vk_error *err, vk_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Size arithmetic that reports overflow: returns 0 and sets *out on success,
 * -1 on overflow. */
static inline int
vk_size_add(size_t a, size_t b, size_t *out)
{
    return __builtin_add_overflow(a, b, out) ? -1 : 0;
}

static inline int
vk_size_mul(size_t a, size_t b, size_t *out)
{
    return __builtin_mul_overflow(a, b, out) ? -1 : 0;
}

/* 64-bit FNV-1a hash of bytes. Thread-safe. */
uint64_t vk_hash64(const void *data, size_t len);

/* The same hash over data arriving in pieces: start from VK_HASH64_INIT and
 * feed each piece; vk_hash64(d, n) == vk_hash64_update(VK_HASH64_INIT, d, n). */
#define VK_HASH64_INIT 0xcbf29ce484222325ULL
uint64_t vk_hash64_update(uint64_t h, const void *data, size_t len);

#define VK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif /* VK_VK_H */
