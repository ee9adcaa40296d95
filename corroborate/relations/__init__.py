"""Stage 6, relations (run time only): judge how two claims relate.

In: a claim pair (text and vectors). Out: a :class:`~corroborate.relations.judge.Judgement`
(agree, adds detail, contradicts, unrelated) with its reason and calibrated confidence. The
judge combines a relation model (the :class:`~corroborate.relations.model.RelationModel`
interface: the packaged head, or a cross-encoder cascade) with the structured checks of
:mod:`corroborate.checks`; the article-level stance model lives here too. Training code is in
:mod:`corroborate.training`.
"""
