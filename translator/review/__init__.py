"""The review stage: a reviewer's work comes back as human translations, and the reports follow.

Every review format names its rows by id (:mod:`translator.export.rows`): the Word review
table in its # cells, XLIFF as unit ids, TMX as ``tuid``; each file says which article it is
for.  :func:`apply_review` takes an edited file of any of them back:

* :mod:`translator.review.docx` reads a Word table as Word shows it with tracked changes
  accepted, Word comments on a row included; :mod:`translator.review.xml` reads XLIFF 2.0 and
  1.2 and TMX without the CAT tool's inline codes;
* :mod:`translator.review.status` reads a status as desks write it; :mod:`translator.review.judge`
  decides each row (corrected, approved, or a one-line reason why not);
* :mod:`translator.review.apply` stores the human translations (they win in every later run)
  and makes the article's reports again from the record of its translation: no engine, only
  the reviewed rows changed, nothing a person handed in or edited overwritten.

Applying the same file twice, from another folder, or offline gives the same reports.
"""

from translator.review.apply import apply_review, record
from translator.review.judge import Applied, Row, judge, read_review

__all__ = ["Applied", "Row", "apply_review", "judge", "read_review", "record"]
