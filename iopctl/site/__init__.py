"""``iopctl site``: the portfolio as a static, accessible website (issue 15).

Presentation, like :mod:`iopctl.present`: it reads the facts and views and never
computes an amount, a date or a status. :mod:`.build` writes the site,
:mod:`.words` holds every word it shows and :mod:`.phrases` fills them in; the pages
are the Jinja templates in ``templates/`` and the files in ``static/``.
"""
