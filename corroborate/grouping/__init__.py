"""Stage 7, grouping: claims matched across sources, judged, and gathered into groups.

In: claims with their neighbour lists and a relation judge. Out: per-outlet verdicts for one claim
(:mod:`~corroborate.grouping.corroboration`, :class:`~corroborate.grouping.stance.Stance`) and
claim groups across sources (:mod:`~corroborate.grouping.groups`), updated incrementally from a
persisted state of judged edges (:mod:`~corroborate.grouping.state`) with a union-find.
"""
