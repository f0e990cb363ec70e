"""The population both engines read: `id,rd_cost`, R&D costs in yuan with fen, drawn with a
fixed seed (so every run reads the same file) from 0 to 5,000万 (a quarter past the cap)."""

import random
import sys

count, path = int(sys.argv[1]), sys.argv[2]
draw = random.Random(2)
with open(path, "w") as f:
    f.write("id,rd_cost\n")
    for i in range(1, count + 1):
        fen = draw.randrange(0, 5_000_000_000)
        f.write(f"E{i},{fen // 100}.{fen % 100:02d}\n")
