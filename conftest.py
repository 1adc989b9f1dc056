"""The test session's language: English, whatever the locale of the machine running it.

mcda_iso writes workbooks, reports and messages in the environment's language when none
is given (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; see mcda_iso.i18n), and the tests and the
docstring examples assert English texts. This file sits at the root so that it applies to
both (tests/ and the doctests of mcda_iso/); tests of other languages pass ``language=``
or set the variables themselves (tests/test_i18n.py).
"""

import os

os.environ["LANGUAGE"] = "en"
