"""CTranslate2 model folders that are not Argos packages: which family, which tokens.

CTranslate2's converters write a folder (``model.bin``, ``config.json``, the
vocabularies) and users copy the original tokenizer files beside it.  Families
differ only in how the tokens around a sentence are spelled:

========  ===========================  ======================  =====================
family    tokenizer files              source                  target prefix
========  ===========================  ======================  =====================
marian    ``source.spm``/``target.spm``  pieces ``</s>``         (none)
nllb      ``sentencepiece.bpe.model``  ``vie_Latn`` pieces ``</s>``  ``eng_Latn``
m2m100    ``sentencepiece.bpe.model``  ``__vi__`` pieces ``</s>``    ``__en__``
madlad    ``spiece.model``             ``<2en>`` pieces ``</s>``     (none)
========  ===========================  ======================  =====================

(as the Hugging Face tokenizers of OPUS-MT, NLLB-200, M2M-100 and MADLAD-400 write
them).  ``</s>`` is left to the model where its ``config.json`` says it adds it
(``add_source_eos``: models converted from Marian or fairseq checkpoints).
The family is recognised from the tokenizer files, ``tokenizer_config.json``
and the vocabulary, or given (``--model-family``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from translator.engines.model import ModelPackage
from translator.errors import ModelError

TEST_MARKER = "VIETRANS_TEST_MODEL"  # a file in a test model folder (translator.testmodels): NOT a translator


@dataclass(frozen=True)
class Family:
    """How one family of translation models spells a vi→en request."""

    name: str
    tokenizers: tuple[tuple[str, str], ...]  # (source, target) SentencePiece files, the first found is used
    source_lead: str = ""  # the token before the source's pieces
    target_lead: str = ""  # the token the output begins with (stripped from it)
    tokenizer_class: str = ""  # tokenizer_config.json's name for it

    @property
    def language_tokens(self) -> tuple[str, ...]:
        return tuple(token for token in (self.source_lead, self.target_lead) if token)


FAMILIES = {
    family.name: family
    for family in (
        Family("marian", (("source.spm", "target.spm"),), tokenizer_class="MarianTokenizer"),
        Family(
            "nllb",
            (("sentencepiece.bpe.model",) * 2,),
            source_lead="vie_Latn",
            target_lead="eng_Latn",
            tokenizer_class="NllbTokenizer",
        ),
        Family(
            "m2m100",
            (("sentencepiece.bpe.model",) * 2, ("spm.model",) * 2),
            source_lead="__vi__",
            target_lead="__en__",
            tokenizer_class="M2M100Tokenizer",
        ),
        Family(
            "madlad",
            (("spiece.model",) * 2, ("sentencepiece.model",) * 2),
            source_lead="<2en>",
            tokenizer_class="T5Tokenizer",
        ),
    )
}


def is_model_dir(path: Path) -> bool:
    """A CTranslate2 model folder (an Argos package keeps its model in ``model/`` instead)."""
    return (path / "model.bin").is_file() and (path / "config.json").is_file()


def vocabulary(path: Path, side: str) -> set[str]:
    """The tokens of a CTranslate2 model folder's ``side`` ("source" or "target") vocabulary."""
    for name in (f"{side}_vocabulary", "shared_vocabulary"):
        if (path / f"{name}.json").is_file():
            return set(json.loads((path / f"{name}.json").read_text(encoding="utf-8")))
        if (path / f"{name}.txt").is_file():
            return set((path / f"{name}.txt").read_text(encoding="utf-8").splitlines())
    return set()


def _json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, UnicodeDecodeError):
        raise ModelError(f"{path}: not valid JSON") from None
    return data if isinstance(data, dict) else {}


def detect(path: Path) -> Family:
    """The family of the model folder ``path``, from its files."""
    tokenizer_class = str(_json(path / "tokenizer_config.json").get("tokenizer_class", "")).removesuffix("Fast")
    for family in FAMILIES.values():
        if tokenizer_class and tokenizer_class == family.tokenizer_class:
            return family
    if (path / "source.spm").is_file() and (path / "target.spm").is_file():
        return FAMILIES["marian"]
    tokens = vocabulary(path, "source") | vocabulary(path, "target")
    for family in FAMILIES.values():
        if family.language_tokens and all(token in tokens for token in family.language_tokens):
            return family
    names = "|".join(FAMILIES)
    raise ModelError(f"{path}: cannot tell which model family this is; give --model-family {names}")


def load_model_dir(path: Path, family: str | None = None):
    """A :class:`~translator.engines.model.ModelPackage` for a CTranslate2 model folder."""

    if not is_model_dir(path):
        raise ModelError(
            f"{path}: not a CTranslate2 model folder (no model.bin and config.json); "
            "a Hugging Face model is converted with ct2-transformers-converter (README, Other engines)"
        )
    if family is not None and family not in FAMILIES:
        raise ModelError(f"unknown model family {family!r}; known: {', '.join(FAMILIES)}")
    chosen = FAMILIES[family] if family else detect(path)
    pairs = [(path / source, path / target) for source, target in chosen.tokenizers]
    files = next((pair for pair in pairs if pair[0].is_file() and pair[1].is_file()), None)
    if files is None:
        wanted = " or ".join(" and ".join(dict.fromkeys(pair)) for pair in chosen.tokenizers)
        raise ModelError(f"{path}: a {chosen.name} model needs its tokenizer beside it ({wanted})")
    for token, side in ((chosen.source_lead, "source"), (chosen.target_lead, "target")):
        if token and token not in vocabulary(path, side):
            raise ModelError(f"{path}: this {chosen.name} model has no {token} token (it does not translate vi→en)")
    _check_marian_pair(path, chosen)
    config = _json(path / "config.json")
    return ModelPackage(
        path=path,
        name=path.resolve().name,
        from_code="vi",
        to_code="en",
        version="",
        is_test=(path / TEST_MARKER).is_file(),
        family=chosen.name,
        model_dir=path,
        source_tokenizer=files[0],
        target_tokenizer=files[1],
        source_lead=(chosen.source_lead,) if chosen.source_lead else (),
        source_end=() if config.get("add_source_eos") else (str(config.get("eos_token") or "</s>"),),
        target_lead=(chosen.target_lead,) if chosen.target_lead else (),
    )


def _check_marian_pair(path: Path, family: Family) -> None:
    """A Marian model translates one pair; its tokenizer config names it where it can."""
    if family.name != "marian":
        return
    config = _json(path / "tokenizer_config.json")
    pair = (config.get("source_lang"), config.get("target_lang"))
    if all(pair) and (str(pair[0])[:2], str(pair[1])[:2]) != ("vi", "en"):
        raise ModelError(f"{path}: translates {pair[0]}→{pair[1]}, vietrans needs vi→en")
