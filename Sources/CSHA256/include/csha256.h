#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants (FIPS 180-4, 4.2.2).
const uint32_t *sb_sha256_round_constants(void);

/// 1 when this CPU has the x86 SHA extensions (and SSSE3 and SSE4.1, which the code also uses).
int sb_sha256_hardware_available(void);

/// Runs SHA-256's compression function over `blocks` 64-byte blocks with the SHA extensions.
/// `state` holds the eight working words a..h. Call only when sb_sha256_hardware_available().
void sb_sha256_blocks_hardware(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
