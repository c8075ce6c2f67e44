// OpenSSL's SHA-256 (libcrypto, Debian's libssl-dev): assembly block functions (AVX2/SHA-NI where
// the CPU has them), about twice the speed of portable code. The SHA256_* calls are deprecated in
// OpenSSL 3 in favour of EVP, but their context is a plain struct: copyable, nothing to free.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
