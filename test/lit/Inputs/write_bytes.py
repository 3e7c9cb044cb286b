# Writes test files of bad bytes: write_bytes.py random OUT N SEED |
# write_bytes.py truncate IN OUT N (the first N bytes of IN).
import random
import sys

mode = sys.argv[1]
if mode == "random":
    out, n, seed = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(n))
else:
    src, out, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
    data = open(src, "rb").read()[:n]
with open(out, "wb") as f:
    f.write(data)
