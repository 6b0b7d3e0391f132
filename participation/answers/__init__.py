"""Individual survey responses for the bureau's analysts: browsed and exported pseudonymised.

What an analyst sees of a response, on the page and in every export, is decided here once (``dataset``):

- a pseudonym per response (``pseudonyms``: an HMAC of its id under the app's secret key), never a database id;
- no contact details: contact questions are left out whole (name, e-mail and phone live in their answers, see
  ``participation.fieldwork.answer_copies``), and so are location questions (their answers may name the street);
- the place only as the response's stored areas: wijk and buurt by name and the id of the 100 m block, never the
  point; the day it came in, not the time.

A filter that narrows to fewer than k responses (k of the disclosure policy) lists none of them and exports none
(``AnswersError("filters", "too_few")``). The threshold holds for admins too: their exemption in the policy is for
figures, while this page shows people's own answers, where a small set is what points at someone.
"""
